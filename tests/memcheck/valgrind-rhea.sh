#!/usr/bin/env bash
# Stands in for the rhea binary in the end-to-end tests under `make memcheck`: runs the real one
# ($RHEA_REAL) under valgrind. Any invalid access or definitely lost block exits 99, which every
# test's exit-status check turns into a failure. rhea is a launcher that execs rhea-ingest,
# rhea-metrics or rhea-commands (cli/launcher.c): valgrind follows that exec, and no other
# (system programs).
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --trace-children=yes --trace-children-skip='/usr/*,/bin/*' \
  --suppressions="$(dirname "$0")/rhea.supp" "$RHEA_REAL" "$@"
