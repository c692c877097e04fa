#!/usr/bin/env bash
# Stands in for the rhea binary in the end-to-end tests under `make memcheck`: runs the real one
# ($RHEA_REAL) under valgrind. Any invalid access or definitely lost block exits 99, which every
# test's exit-status check turns into a failure.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --suppressions="$(dirname "$0")/rhea.supp" "$RHEA_REAL" "$@"
