#!/bin/bash
# test_no_tls_certificates.sh: rhea does not parse the system's TLS certificates at start-up
# (cli/no_tls_certificates.c), nor set up SSH's crypto (cli/no_ssh_setup.c), in either program the
# launcher runs that links libgit2 (rhea-ingest for analyze, rhea-commands for the rest but
# contributors and coupling, whose rhea-metrics links no libgit2). The dynamic linker itself
# says where libgit2's calls to mbedtls_x509_crt_parse_file and libssh2_init went: to the main
# program ("[0]", named by its argv[0], rhea, or under valgrind by its own path), not to
# libmbedx509 and libssh2. The sample generator, which links libgit2 without these files, is the
# counter-check that lets the pattern fail. Each part is skipped when this libgit2 does not call
# that library (nothing to bind then).
source "$(dirname "$0")/lib.sh"

REAL=${RHEA_REAL:-$RHEA}
git2=$(ldd "$(dirname "$REAL")/rhea-ingest" | awk '/libgit2\.so/ {print $3}')
[ -n "$git2" ] || fail "rhea-ingest does not link libgit2"
# a here-string, not a pipe: with pipefail, grep -q closing the pipe early fails nm
imports=$(nm -D "$git2" 2>/dev/null)
"$SAMPLE_GEN" "$WORK/repo" >/dev/null || fail "sample generator failed"
ran=0
for pair in "mbedtls_x509_crt_parse_file libmbedx509" "libssh2_init libssh2"; do
  read -r sym lib <<<"$pair"
  if ! grep -q " U $sym\$" <<<"$imports"; then
    echo "libgit2 ($git2) does not call $sym: not checked"
    continue
  fi
  ran=$((ran + 1))
  LD_DEBUG=bindings "$SAMPLE_GEN" "$WORK/gen-repo-$sym" 2>"$WORK/gen-bindings" >/dev/null ||
    fail "sample generator failed"
  expect_match "$(grep "libgit2.*normal symbol \`$sym'" "$WORK/gen-bindings")" \
    "binding file .*libgit2\.so[^ ]* .* to .*$lib\.so"
  rm -f "$WORK/r.sqlite"
  LD_DEBUG=bindings "$RHEA" analyze "$WORK/repo" --product p --db "$WORK/r.sqlite" --quiet \
    2>"$WORK/bindings" >/dev/null || fail "rhea analyze failed"
  expect_match "$(grep "libgit2.*normal symbol \`$sym'" "$WORK/bindings")" \
    "binding file .*libgit2\.so[^ ]* .* to [^ ]*/rhea(-ingest|-commands)? \[0\]: normal symbol"
  LD_DEBUG=bindings "$RHEA" classify --product p --db "$WORK/r.sqlite" \
    2>"$WORK/bindings" >/dev/null || fail "rhea classify failed"
  expect_match "$(grep "libgit2.*normal symbol \`$sym'" "$WORK/bindings")" \
    "binding file .*libgit2\.so[^ ]* .* to [^ ]*/rhea(-ingest|-commands)? \[0\]: normal symbol"
done
[ "$ran" -gt 0 ] || skip "libgit2 ($git2) calls neither mbedTLS's certificate loading nor libssh2_init"
finish
