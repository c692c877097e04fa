/* error.h: rhea's GError domain and codes.
 *
 * Every user-facing failure is a GError in RHEA_ERROR whose message is one line naming the thing
 * that is wrong and what to do about it; callers only propagate. */
#pragma once
#include <glib.h>

#define RHEA_ERROR (rhea_error_quark())
GQuark rhea_error_quark(void);

typedef enum {
    RHEA_ERROR_FAILED,      /* generic failure */
    RHEA_ERROR_USAGE,       /* bad command-line usage: exit 2 */
    RHEA_ERROR_NOT_FOUND,   /* missing repository, ref, product, file */
    RHEA_ERROR_INVALID,     /* malformed input file or value */
    RHEA_ERROR_DATABASE,    /* SQLite failure */
    RHEA_ERROR_GIT,         /* libgit2 failure */
    RHEA_ERROR_INTERRUPTED, /* SIGINT/SIGTERM during a long run */
} RheaErrorCode;

/* Sets *error from libgit2's last error, prefixed by what rhea was doing. Returns -1. */
int rhea_error_git(GError **error, const char *what, ...) G_GNUC_PRINTF(2, 3);

/* Text from an input file made fit to quote in a one-line message: printable ASCII and valid
 * UTF-8 kept, every other byte (control characters, CR, invalid UTF-8) written \xNN, and cut to
 * about 60 bytes with "..." so that a 50 MB line does not become a 50 MB message. */
char *rhea_error_quote(const char *text);
