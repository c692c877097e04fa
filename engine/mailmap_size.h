/* mailmap_size.h: the .mailmap files an ingest reads (the tip's tree, HEAD's tree, the work
 * tree's file) are held under the input size limit (RHEA_INPUT_MAX, engine/lines.h) before
 * libgit2 loads them whole. */
#pragma once
#include <git2.h>
#include <glib.h>

/* 0 when every .mailmap is within the limit (or absent); -1 with "PATH:.mailmap: the mailmap is
 * larger than 64 MiB, ..." otherwise. Sizes are read from object headers, not from contents. */
int rhea_mailmap_check_size(git_repository *repo, const git_oid *tip, const char *repo_path,
                            GError **error);
