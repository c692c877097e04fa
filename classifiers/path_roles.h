/* path_roles.h: guesses, from a path alone, whether a file is a test or belongs to CI and
 * deployment, for RQ4 and RQ5 (docs/metrics.md, "Report figures"). They find candidates for a
 * person to judge, not verdicts.
 *
 * Both match whole folder names and whole words of the file name, never substrings:
 * `contest/a.py` is not in a test folder and `latest.java` is not a `*Test.java`. A file name's
 * words are what is left of it without its extension once split at `_`, `-`, `.` and where an
 * upper-case letter follows a lower-case letter or a digit, or ends an acronym (`FooTest` -> Foo,
 * Test; `XMLTests` -> XML, Tests). */
#pragma once
#include <glib.h>

/* A folder of the path is test, tests, spec, __tests__ or androidTest (any case); or the name's
 * first word is test or tests (`test_io.py`, `TestIo.java`), or its last word is test, tests or
 * spec (`io_test.go`, `io.test.js`, `IoTest.java`, `IoTests.cs`, `io.spec.ts`, `io_spec.rb`),
 * any case. */
gboolean rhea_path_is_test(const char *path);
/* The path is .travis.yml, .gitlab-ci.yml, azure-pipelines.yml or Jenkinsfile, or lies under
 * .github/workflows/ or .circleci/; or a folder of it is kubernetes, helm or k8s; or its name is
 * Procfile, Dockerfile or docker-compose, alone or followed by `.`, `-` or `_` and more
 * (`Dockerfile.dev`, `docker-compose.yml`), or ends in `.tf`. */
gboolean rhea_path_is_ops(const char *path);
