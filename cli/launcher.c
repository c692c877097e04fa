/* launcher.c: the rhea executable users run. It links the C library alone and replaces itself
 * (execv, same process, same arguments) with one of three programs built from the same sources:
 *
 *   rhea-ingest    rhea analyze: libgit2, SQLite, GLib and libdeflate only;
 *   rhea-metrics   rhea contributors and rhea coupling: SQLite, GLib, GSL and json-glib,
 *                  unless the run asks for HTML (cairo) or --content-signals (libgit2);
 *   rhea-commands  every command: all of the above plus cairo.
 *
 * Why: the dynamic linker maps and relocates every library a program names, used or not. Linked
 * into one program, rhea analyze carried json-glib, cairo and GSL (27 more libraries, X11 and
 * fontconfig among them): 3.5-4.5 MiB more resident memory and 9 M more instructions at start-up
 * than the ingest needs (docs/performance.md, sixth session); libgit2 and cairo with their
 * libraries were 5.5 ms of the start-up of contributors and coupling, whose runs take 80-100 ms
 * (change 36). This launcher costs one exec.
 *
 * Where they are: $RHEA_LIBEXEC_DIR when set and not empty, the only place then looked at; else
 * RHEA_INSTALL_LIBEXEC_RELDIR from this executable's folder (../libexec/rhea, the layout `cmake
 * --install` writes), then this executable's own folder (a build tree). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* RHEA_EXIT_FAILURE of cli/cli.h, which needs GLib: this program links the C library alone */
#define EXIT_CANNOT_RUN 1

#ifndef RHEA_INSTALL_LIBEXEC_RELDIR
#define RHEA_INSTALL_LIBEXEC_RELDIR "../libexec/rhea"
#endif

/* dir joined with rel, whose leading "../" each drop one folder of dir: lexically, so that a
 * message names P/libexec/rhea, not P/bin/../libexec/rhea. */
static void join(char *out, size_t size, const char *dir, const char *rel)
{
    snprintf(out, size, "%s", dir);
    for (; strncmp(rel, "../", 3) == 0; rel += 3) {
        char *slash = strrchr(out, '/');
        if (slash && slash != out)
            *slash = '\0';
    }
    size_t len = strlen(out);
    snprintf(out + len, size - len, "/%s", rel);
}

/* Runs dir/name with argv; returns only when it could not (errno set), path holding what it
 * tried. */
static void run(const char *dir, const char *name, char **argv, char *path, size_t size)
{
    int n = snprintf(path, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return;
    }
    execv(path, argv);
}

/* Whether a run of contributors or coupling asks for what rhea-metrics leaves out: HTML (cairo
 * draws its charts) or content signals (libgit2 reads the tip). Read as GOption reads them
 * (--format html, --format=html); in doubt the answer is yes: rhea-commands runs everything. */
static int needs_rhea_commands(char **argv)
{
    for (int i = 2; argv[i]; i++)
        if (strcmp(argv[i], "--content-signals") == 0 || strcmp(argv[i], "--format=html") == 0 ||
            (strcmp(argv[i], "--format") == 0 && argv[i + 1] && strcmp(argv[i + 1], "html") == 0))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *command = argv[0] ? argv[1] : NULL;
    const char *name = "rhea-commands";
    if (command && strcmp(command, "analyze") == 0)
        name = "rhea-ingest";
    else if (command &&
             (strcmp(command, "contributors") == 0 || strcmp(command, "coupling") == 0) &&
             !needs_rhea_commands(argv))
        name = "rhea-metrics";
    char path[PATH_MAX + 64];
    const char *dir = getenv("RHEA_LIBEXEC_DIR");
    if (dir && *dir) {
        run(dir, name, argv, path, sizeof path);
        fprintf(stderr,
                "rhea: cannot run %s (%s); set RHEA_LIBEXEC_DIR to the folder holding "
                "rhea-ingest, rhea-metrics and rhea-commands\n",
                path, strerror(errno));
        return EXIT_CANNOT_RUN;
    }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len >= (ssize_t)sizeof exe - 1) { /* perhaps cut short */
        len = -1;
        errno = ENAMETOOLONG;
    }
    if (len <= 0) {
        fprintf(stderr,
                "rhea: cannot find %s (/proc/self/exe is unreadable: %s); set RHEA_LIBEXEC_DIR "
                "to the folder holding it (libexec/rhea of the installation)\n",
                name, strerror(errno));
        return EXIT_CANNOT_RUN;
    }
    exe[len] = '\0';
    *strrchr(exe, '/') = '\0'; /* the kernel's path is absolute: a '/' is there */
    char installed[PATH_MAX + 32];
    join(installed, sizeof installed, exe, RHEA_INSTALL_LIBEXEC_RELDIR);
    run(installed, name, argv, path, sizeof path);
    if (errno == ENOENT) /* not installed: a build tree holds the four programs side by side */
        run(exe, name, argv, path, sizeof path);
    if (errno == ENOENT)
        fprintf(stderr,
                "rhea: cannot find %s: neither in %s nor beside rhea in %s; reinstall rhea, or "
                "set RHEA_LIBEXEC_DIR to the folder holding rhea-ingest, rhea-metrics and "
                "rhea-commands\n",
                name, installed, exe);
    else
        fprintf(stderr,
                "rhea: cannot run %s (%s); reinstall rhea, or set RHEA_LIBEXEC_DIR to "
                "the folder holding rhea-ingest, rhea-metrics and rhea-commands\n",
                path, strerror(errno));
    return EXIT_CANNOT_RUN;
}
