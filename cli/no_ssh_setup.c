/* no_ssh_setup.c: rhea never opens a network connection, so libgit2's set-up of SSH is skipped.
 *
 * Debian's libgit2 1.5 calls libssh2_init(0) from git_libgit2_init, and libssh2 then initializes
 * its crypto backend, OpenSSL: 1.5 MiB of libcrypto's pages made resident, 1.2 M instructions, in
 * every rhea process, for a transport rhea never uses (docs/performance.md, sixth session). This
 * definition, in the executable, comes before libssh2's in the dynamic linker's search order, so
 * libgit2's call does nothing. libssh2 stays uninitialized: its libssh2_exit, which libgit2 calls
 * at shutdown, returns at once then, and an SSH session, which nothing in rhea starts, would fail.
 * With a libgit2 built without SSH nothing calls it and it is unused. */

/* the signature of libssh2.h */
int libssh2_init(int flags);

int libssh2_init(int flags)
{
    (void)flags;
    return 0;
}
