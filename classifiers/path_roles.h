/* path_roles.h: guesses, from a path alone, whether a file is a test or belongs to CI and
 * deployment, for RQ4 and RQ5 (docs/metrics.md, "Report figures"). They find candidates for a
 * person to judge, not verdicts.
 *
 * Both match whole folder names and whole words of the file name, never substrings:
 * `contest/a.py` is not in a test folder, `latest.java` is not a `*Test.java`, `overwhelm/x` is not
 * in a `helm` folder. A word in a name is bounded by its start or end, `_`, `-`, `.`, or a case
 * hump (`FooTest`, `Io2Test`, `XMLTests`). */
#pragma once
#include <glib.h>

/* A folder of the path is test, tests, spec, __tests__ or androidTest; or the name begins with
 * `test_`, or holds `_test.`, `.test.` or `.spec.`; or it is a `*Test.java`, `*Test.kt` or
 * `*Tests.cs` with Test(s) a word of its own (`IoTest.java`, not `latest.java`). Any case. */
gboolean rhea_path_is_test(const char *path);
/* The path is .travis.yml, .gitlab-ci.yml, azure-pipelines.yml or Jenkinsfile, or lies under
 * .github/workflows/ or .circleci/; or a folder of it is kubernetes, helm or k8s; or its name is
 * Procfile, or Dockerfile or docker-compose as a whole word at its start (`Dockerfile`,
 * `Dockerfile.dev`, `DockerfileJupyter`, `docker-compose.yml`; not `Dockerfiles.md`), or it ends
 * in `.tf`. */
gboolean rhea_path_is_ops(const char *path);
