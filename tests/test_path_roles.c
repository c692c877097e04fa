/* test_path_roles.c: the RQ4/RQ5 path guesses match whole folders and words: each rule with paths
 * it must take and near misses it must not (the substrings that the old guesses in summary.c
 * took: latest.java as a test, overwhelm/x as deployment). */
#include <check.h>

#include "classifiers/path_roles.h"
#include "tests/testutil.h"

START_TEST(tests_by_folder_and_by_word)
{
    const char *yes[] = {
        "test/a.py",
        "tests/a.py",
        "src/test/java/a/B.java",
        "src/Tests/b.cs",
        "spec/models/user.rb",
        "web/__tests__/app.js",
        "app/src/androidTest/X.kt",
        "test_io.py",
        "TEST_UPPER.PY",
        "pkg/io_test.go",
        "dist/util_test.d.ts",
        "src/io.test.js",
        "src/io.spec.ts",
        "src/IoTest.java",
        "src/Test.java",
        "src/Io2Test.java",
        "src/io_Test.kt",
        "src/IoTest.kt",
        "src/IoTests.cs",
        "src/XMLTests.cs",
    };
    const char *no[] = {
        "latest.java",           "src/Latest.java",  "src/LATEST.java", "src/Footest.java",
        "src/Contests.cs",       "src/Protest.kt",   "contest/a.py",    "latest/a.py",
        "testing/a.py",          "src/mytests/a.py", "test.d/x",        "src/attestation.py",
        "src/protest_x.py",      "src/Tester.java",  "src/TestIo.java", "src/UiSpec.kt",
        "assets/emoji-test.txt", "test.png",         "README.md",       "",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
        ck_assert_msg(rhea_path_is_test(yes[i]), "'%s' should be a test file", yes[i]);
    for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
        ck_assert_msg(!rhea_path_is_test(no[i]), "'%s' should not be a test file", no[i]);
}
END_TEST

START_TEST(ops_by_file_folder_and_word)
{
    const char *yes[] = {
        ".github/workflows/ci.yml",
        ".circleci/config.yml",
        ".travis.yml",
        ".gitlab-ci.yml",
        "azure-pipelines.yml",
        "Jenkinsfile",
        "Dockerfile",
        "docker/Dockerfile.gpu",
        "Dockerfile-dev",
        "DockerfileJupyter",
        "docker-compose.yml",
        "deploy/docker-compose.override.yml",
        "Procfile",
        "infra/main.tf",
        "kubernetes/deploy.yaml",
        "ops/helm/values.yaml",
        "deploy/k8s/svc.yaml",
    };
    const char *no[] = {
        "overwhelm/x",          "src/k8sclient/a.go",
        "my-kubernetes/a.yaml", "helm",
        "docs/helm.md",         "src/travis.yml",
        "ci/.travis.yml",       "sub/Jenkinsfile",
        "Dockerfiles.md",       "dockerfile",
        "docker-composer.py",   "Procfile.bak",
        "src/pdf.tfx",          ".tf",
        ".github/ci.yml",       "",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
        ck_assert_msg(rhea_path_is_ops(yes[i]), "'%s' should be an ops file", yes[i]);
    for (size_t i = 0; i < G_N_ELEMENTS(no); i++)
        ck_assert_msg(!rhea_path_is_ops(no[i]), "'%s' should not be an ops file", no[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("path_roles");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, tests_by_folder_and_by_word);
    tcase_add_test(tc, ops_by_file_folder_and_word);
    suite_add_tcase(s, tc);
    return testutil_run(s) ? 1 : 0;
}
