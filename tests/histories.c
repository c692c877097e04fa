/* histories.c: see histories.h. */
#include "tests/histories.h"

#include "samples/fixture.h"

#define ALICE "Alice Smith", "alice@example.com"
#define BOB "Bob Jones", "bob@example.com"
#define CAROL "Carol Wu", "carol@example.com"

static int done(RheaFixture *fx, int rc, const char *path, GError **error)
{
    if (rc != 0) {
        g_set_error(error, RHEA_FIXTURE_ERROR, 1, "%s: cannot write the history", path);
        rhea_fixture_free(fx);
        return -1;
    }
    return rhea_fixture_finish(fx, error);
}

int histories_quarters(const char *path, GError **error)
{
    RheaFixture *fx = rhea_fixture_new(path, FALSE, error);
    if (!fx)
        return -1;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "model/a.py", "a = 1\n");
    rc |= rhea_fixture_write(fx, "app/x.js", "x = 1\n");
    rc |= rhea_fixture_commit(fx, ALICE, 1673352000, 0, "1", NULL); /* 2023-01-10T12:00Z */
    rc |= rhea_fixture_write(fx, "model/a.py", "a = 2\n");
    rc |= rhea_fixture_commit(fx, BOB, 1676030400, 0, "2", NULL); /* 2023-02-10T12:00Z */
    rc |= rhea_fixture_write(fx, "app/x.js", "x = 2\n");
    rc |= rhea_fixture_commit(fx, ALICE, 1676894400, 0, "3", NULL); /* 2023-02-20T12:00Z */
    rc |= rhea_fixture_write(fx, "app/y.js", "y = 1\n");
    rc |= rhea_fixture_write(fx, "app/x.js", "x = 3\n");
    rc |= rhea_fixture_commit(fx, CAROL, 1683288000, 0, "4", NULL); /* 2023-05-05T12:00Z */
    rc |= rhea_fixture_write(fx, "model/a.py", "a = 3\n");
    rc |= rhea_fixture_write(fx, "model/b.py", "b = 1\n");
    rc |= rhea_fixture_write(fx, "app/y.js", "y = 2\n");
    rc |= rhea_fixture_commit(fx, BOB, 1700049600, 0, "5", NULL); /* 2023-11-15T12:00Z */
    return done(fx, rc, path, error);
}

int histories_rq(const char *path, GError **error)
{
    RheaFixture *fx = rhea_fixture_new(path, FALSE, error);
    if (!fx)
        return -1;
    int rc = 0;
    rc |= rhea_fixture_write(fx, "app/main.js", "main()\n");
    rc |= rhea_fixture_write(fx, "README.md", "# rq\n");
    rc |= rhea_fixture_write(fx, "Dockerfile", "FROM debian\n");
    rc |= rhea_fixture_commit(fx, ALICE, 1677672000, 0, "1", NULL); /* 2023-03-01T12:00Z */
    rc |= rhea_fixture_write(fx, "model/net.py", "net = 1\n");
    rc |= rhea_fixture_write(fx, "tests/test_net.py", "def test_net(): pass\n");
    rc |= rhea_fixture_commit(fx, BOB, 1677758400, 0, "2", NULL); /* 2023-03-02T12:00Z */
    rc |= rhea_fixture_write(fx, "app/main_test.js", "test()\n");
    rc |= rhea_fixture_write(fx, ".github/workflows/ci.yml", "on: push\n");
    rc |= rhea_fixture_write(fx, "app/main.js", "main(1)\n");
    rc |= rhea_fixture_commit(fx, ALICE, 1681128000, 0, "3", NULL); /* 2023-04-10T12:00Z */
    rc |= rhea_fixture_write(fx, "model/net.py", "net = 2\n");
    rc |= rhea_fixture_write(fx, "train.py", "train()\n");
    rc |= rhea_fixture_write(fx, "app/main.js", "main(2)\n");
    rc |= rhea_fixture_commit(fx, BOB, 1681214400, 0, "4", NULL); /* 2023-04-11T12:00Z */
    rc |= rhea_fixture_write(fx, "docs/guide.md", "guide\n");
    rc |= rhea_fixture_commit(fx, CAROL, 1685620800, 0, "5", NULL); /* 2023-06-01T12:00Z */
    return done(fx, rc, path, error);
}
