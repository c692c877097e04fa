#!/bin/bash
# test_no_tls_certificates.sh: rhea does not parse the system's TLS certificates at start-up
# (cli/no_tls_certificates.c), nor set up SSH's crypto (cli/no_ssh_setup.c). The dynamic linker
# itself says where libgit2's calls to mbedtls_x509_crt_parse_file and libssh2_init went: to the
# rhea executable, not to libmbedx509 and libssh2. Each part is skipped when this libgit2 does not
# call that library (nothing to bind then).
source "$(dirname "$0")/lib.sh"

git2=$(ldd "$RHEA" | awk '/libgit2\.so/ {print $3}')
imports=$(nm -D "$git2" 2>/dev/null)
# SSH: the same two checks, the generator's call bound to libssh2, rhea's to rhea
if grep -q ' U libssh2_init' <<<"$imports"; then
  LD_DEBUG=bindings "$SAMPLE_GEN" "$WORK/ssh-repo" 2>"$WORK/gen-ssh" >/dev/null ||
    fail "sample generator failed"
  expect_match "$(grep "libgit2.*normal symbol \`libssh2_init'" "$WORK/gen-ssh")" \
    "binding file .*libgit2\.so[^ ]* .* to .*libssh2\.so"
  LD_DEBUG=bindings "$RHEA" analyze "$WORK/ssh-repo" --product p --db "$WORK/ssh.sqlite" --quiet \
    2>"$WORK/ssh-bindings" >/dev/null || fail "rhea analyze failed"
  expect_match "$(grep "libgit2.*normal symbol \`libssh2_init'" "$WORK/ssh-bindings")" \
    "binding file .*libgit2\.so[^ ]* .* to .*/rhea .*: normal symbol"
else
  echo "libgit2 ($git2) does not call libssh2_init: SSH part not run"
fi
# a here-string, not a pipe: with pipefail, grep -q closing the pipe early fails nm
if [ -z "$git2" ] || ! grep -q ' U mbedtls_x509_crt_parse_file' <<<"$imports"; then
  skip "libgit2 ($git2) does not load certificates through mbedTLS"
  finish
fi
# the counter-check, so that the pattern can fail: the sample generator links libgit2 without this
# file, and its call binds to libmbedx509
LD_DEBUG=bindings "$SAMPLE_GEN" "$WORK/repo" 2>"$WORK/gen-bindings" >/dev/null ||
  fail "sample generator failed"
gen=$(grep "libgit2.*normal symbol \`mbedtls_x509_crt_parse_file'" "$WORK/gen-bindings")
expect_match "$gen" "binding file .*libgit2\.so[^ ]* .* to .*libmbedx509\.so"
LD_DEBUG=bindings "$RHEA" analyze "$WORK/repo" --product p --db "$WORK/r.sqlite" --quiet \
  2>"$WORK/bindings" >/dev/null || fail "rhea analyze failed"
binding=$(grep "libgit2.*normal symbol \`mbedtls_x509_crt_parse_file'" "$WORK/bindings")
expect_match "$binding" "binding file .*libgit2\.so[^ ]* .* to .*/rhea .*: normal symbol"
finish
