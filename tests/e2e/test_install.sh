#!/usr/bin/env bash
# Installation: `cmake --install BUILD --prefix P` into a temporary prefix, then P/bin/rhea run
# from another folder analyzes the sample product, classifies it with the defaults and content
# signals (which need the catalog P/share/rhea/ml-libraries.tsv) and reports. With the installed
# data folder moved away, the same command fails naming where it looked: the catalog was found
# relative to the executable, not through a path compiled in. `man` finds the installed page.
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "${RHEA_REAL:-$RHEA}")
P=$WORK/prefix
unset DESTDIR RHEA_DATA_DIR
cmake --install "$BUILD" --prefix "$P" >"$WORK/install.log" 2>&1 ||
  fail "cmake --install: $(tail -3 "$WORK/install.log")"
for f in bin/rhea libexec/rhea/rhea-ingest libexec/rhea/rhea-metrics libexec/rhea/rhea-commands \
  share/rhea/ml-libraries.tsv \
  share/man/man1/rhea.1 share/doc/rhea/LICENSE; do
  [ -f "$P/$f" ] || fail "not installed: $f"
done
cmp -s "$P/share/rhea/ml-libraries.tsv" "$SRC/classifiers/ml-libraries.tsv" ||
  fail "the installed catalog differs from classifiers/ml-libraries.tsv"

mkdir -p "$WORK/elsewhere"
cd "$WORK/elsewhere" || exit 1
"$SAMPLE_GEN" sample >/dev/null || fail "sample generator"
R=$P/bin/rhea
# csv ARGS...: rhea with exit 0 expected, its CSV output in $OUT without the CRs of CSV line ends
csv() {
  expect_exit 0 "$R" "$@" --format csv
  OUT=$(tr -d '\r' <<<"$OUT")
}
expect_exit 0 "$R" analyze sample --product wordwise --quiet
expect_match "$OUT" "^wordwise: 13 new commits read"
[ -f rhea.sqlite ] || fail "no ./rhea.sqlite in the folder rhea ran from"
# defaults only: model/*.py is "other"; content signals find TensorFlow in train.py and predict.py
csv classify --product wordwise
expect_match "$OUT" "^model/train.py,nonml,default:other$"
csv classify --product wordwise --content-signals
expect_match "$OUT" "^model/train.py,ml,content:TensorFlow$"
expect_match "$OUT" "^model/predict.py,ml,content:TensorFlow$"
expect_match "$OUT" "^model/vocab.py,nonml,default:other$"
csv report --content-signals --rq 2 --permutations 0 --bootstrap 0
# RQ2 with content signals: 3 ML files (train.py, predict.py, explore.ipynb) of 8 code files
expect_match "$OUT" "^wordwise,3,0.375,2$"

# the data folder moved away: a one-line error naming the place and RHEA_DATA_DIR
mv "$P/share/rhea" "$WORK/data"
expect_exit 1 "$R" classify --product wordwise --content-signals
one_line "$ERR"
expect_match "$ERR" "ml-libraries.tsv: rhea's data file is neither in $P/share/rhea nor in a source tree of this build; set RHEA_DATA_DIR"
# and RHEA_DATA_DIR overrides
RHEA_DATA_DIR=$WORK/data csv classify --product wordwise --content-signals
expect_match "$OUT" "^model/train.py,ml,content:TensorFlow$"

# the programs bin/rhea runs, moved away: a one-line error naming where it looked and
# RHEA_LIBEXEC_DIR, which then finds them
mv "$P/libexec/rhea" "$WORK/programs"
expect_exit 1 "$R" contributors --product wordwise
one_line "$ERR"
expect_match "$ERR" "^rhea: cannot find rhea-metrics: neither in $P/libexec/rhea nor beside rhea in $P/bin; reinstall rhea, or set RHEA_LIBEXEC_DIR to the folder holding rhea-ingest, rhea-metrics and rhea-commands$"
RHEA_LIBEXEC_DIR=$WORK/programs RHEA_DATA_DIR=$WORK/data csv classify --product wordwise
expect_match "$OUT" "^model/train.py,nonml,default:other$"
mv "$WORK/programs" "$P/libexec/rhea"

# the man page: installed where man looks for it under the prefix
if command -v man >/dev/null; then
  MANPAGER=cat MANPATH=$P/share/man man rhea >"$WORK/man.txt" 2>&1 || fail "man rhea: $(head -3 "$WORK/man.txt")"
  grep -q "rhea - repository-history analytics" "$WORK/man.txt" || fail "man rhea did not render the page"
else
  skip "man is not installed (apt-get install man-db)"
fi
finish
