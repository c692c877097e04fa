/* no_tls_certificates.c: rhea never opens a network connection, so it does not load the system's
 * TLS certificates.
 *
 * Debian's libgit2 1.5 is built with mbedTLS, and git_libgit2_init parses the whole CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, 220 KB of PEM) so that HTTPS remotes work: 54 M of the
 * 78 M instructions of a one-commit `rhea analyze`, about 12 ms on every command. These
 * definitions, in the executable, come before libmbedx509's in the dynamic linker's search order,
 * so libgit2's two calls load nothing; anything that did try TLS would then fail to verify every
 * certificate, which is the right outcome for a tool that must not touch the network. With a
 * libgit2 built on OpenSSL or another backend nothing calls them and they are unused. */
#include <stddef.h>

/* the signatures of mbedtls/x509_crt.h, with the certificate chain left opaque */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_path(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
    (void)chain;
    (void)path;
    return 0;
}

int mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
    (void)chain;
    (void)path;
    return 0;
}
