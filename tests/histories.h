/* histories.h: small product histories the metric and report tests share, written with
 * samples/fixture.c (fixed authors, UTC dates), with their figures worked by hand where the tests
 * assert them. */
#pragma once
#include <glib.h>

/* Five commits over 2023 (rules: HISTORIES_QUARTERS_RULES, model/ is ML):
 *  # date        author  files                                     ML / non-ML
 *  1 2023-01-10  Alice   A model/a.py, A app/x.js                  1 / 1
 *  2 2023-02-10  Bob     M model/a.py                              1 / 0
 *  3 2023-02-20  Alice   M app/x.js                                0 / 1
 *  4 2023-05-05  Carol   A app/y.js, M app/x.js                    0 / 2
 *  5 2023-11-15  Bob     M model/a.py, A model/b.py, M app/y.js    2 / 1
 * Quarters: Q1 = 1-3, Q2 = 4, Q3 empty, Q4 = 5. */
int histories_quarters(const char *path, GError **error);
#define HISTORIES_QUARTERS_RULES "ml model/\n"

/* Five commits in spring 2023 with tests, CI and documentation (rules: HISTORIES_RQ_RULES):
 *  # date        author  files (M ML, N non-ML, X excluded)
 *  1 2023-03-01  Alice   A app/main.js N, README.md X, Dockerfile N
 *  2 2023-03-02  Bob     A model/net.py M, tests/test_net.py M
 *  3 2023-04-10  Alice   A app/main_test.js N, .github/workflows/ci.yml N, M app/main.js N
 *  4 2023-04-11  Bob     M model/net.py M, A train.py M, M app/main.js N
 *  5 2023-06-01  Carol   A docs/guide.md X (no file left: no transaction) */
int histories_rq(const char *path, GError **error);
#define HISTORIES_RQ_RULES "ml model/\nml tests/test_net.py\nml /train.py\n"
