/* commit_header.h: the parents named in a commit's stored text, read without libgit2. */
#pragma once
#include <glib.h>

/* Appends to parents (of git_oid) the parents named in a commit's stored header at p ("tree X\n"
 * then one "parent P\n" per parent); -1 when the header is not in that form (the caller asks
 * libgit2 then, which says what is wrong). */
int rhea_commit_header_parents(const char *p, size_t len, GArray *parents);
