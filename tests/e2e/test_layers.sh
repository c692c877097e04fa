#!/bin/bash
# test_layers.sh: the tree keeps its layers (README, "Layout"). Includes go one way,
# engine -> classifiers -> metrics -> reports -> cli: no file includes a header of a layer above its
# own. SQL stays in the store: `sqlite3_`, `sqlite3.h` and the store's private header appear in no
# source file but engine/store*.c and engine/store*.h. The checker first runs on a planted copy
# with one violation of each kind, so a checker that finds nothing cannot pass.
source "$(dirname "$0")/lib.sh"

LAYERS=(engine classifiers metrics reports cli)
INCLUDE_RE='^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]([^">]+)[">]'

rank() { # rank NAME: the layer's position, or nothing for a folder that is not a layer
  local i
  for i in "${!LAYERS[@]}"; do
    [ "${LAYERS[$i]}" = "$1" ] && echo "$i" && return
  done
}

# violations ROOT: one line per broken rule, "FILE:LINE: what"
violations() {
  local root=$1 layer file line target own theirs n
  for layer in "${LAYERS[@]}"; do
    [ -d "$root/$layer" ] || continue
    own=$(rank "$layer")
    while IFS= read -r file; do
      n=0
      while IFS= read -r line; do
        n=$((n + 1))
        if [[ $line =~ $INCLUDE_RE ]]; then
          target=${BASH_REMATCH[1]}
          while [[ $target == ../* || $target == ./* ]]; do target=${target#*/}; done
          theirs=$(rank "${target%%/*}")
          if [ -n "$theirs" ] && [ "$theirs" -gt "$own" ]; then
            echo "${file#"$root"/}:$n: $layer includes $target (a layer above it)"
          fi
        fi
        case "${file#"$root"/}" in
        engine/store*.c | engine/store*.h) ;;
        *)
          if [[ $line == *sqlite3_* || $line == *sqlite3.h* ]]; then
            echo "${file#"$root"/}:$n: SQLite outside the store: $line"
          elif [[ $line == *engine/store_private.h* ]]; then
            echo "${file#"$root"/}:$n: the store's private header outside the store"
          fi
          ;;
        esac
      done <"$file"
    done < <(find "$root/$layer" -type f \( -name '*.c' -o -name '*.h' \) | sort)
  done
}

# The checker on a planted tree: every kind of violation is found, and a clean tree passes.
PLANT=$WORK/plant
mkdir -p "$PLANT"/{engine,classifiers,metrics,reports,cli}
printf '#include "engine/store.h"\n#include <glib.h>\n' >"$PLANT/metrics/ok.c"
printf '#include <sqlite3.h>\nint f(void) { return sqlite3_libversion_number(); }\n' \
  >"$PLANT/engine/store_x.c"
[ -z "$(violations "$PLANT")" ] || fail "a clean planted tree has violations: $(violations "$PLANT")"
printf '#include "metrics/x.h"\n' >"$PLANT/engine/up.c"
printf '# include "reports/x.h"\n' >"$PLANT/classifiers/up.h"
printf '#include "../cli/cli.h"\n' >"$PLANT/metrics/up.c"
printf '#include <cli/x.h>\n' >"$PLANT/reports/up.c"
printf 'static void g(sqlite3_stmt *s);\n' >"$PLANT/metrics/sql.c"
printf '#include <sqlite3.h>\n' >"$PLANT/cli/sql.h"
printf '#include "engine/store_private.h"\n' >"$PLANT/engine/ingest_x.c"
GOT=$(violations "$PLANT")
for want in "engine/up.c:1: engine includes metrics/x.h" \
  "classifiers/up.h:1: classifiers includes reports/x.h" \
  "metrics/up.c:1: metrics includes cli/cli.h" \
  "reports/up.c:1: reports includes cli/x.h" \
  "metrics/sql.c:1: SQLite outside the store" \
  "cli/sql.h:1: SQLite outside the store" \
  "engine/ingest_x.c:1: the store's private header outside the store"; do
  grep -qF -- "$want" <<<"$GOT" || fail "the checker missed: $want (found: $GOT)"
done
[ "$(wc -l <<<"$GOT")" = 7 ] || fail "the checker found $(wc -l <<<"$GOT") violations, want 7: $GOT"

# The real tree.
FOUND=$(violations "$SRC")
[ -z "$FOUND" ] || fail "layer violations in the source tree:
$FOUND"
finish
