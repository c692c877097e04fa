/* pack_backend.h: the pack reader (engine/pack_reader.h) as the first backend of a repository's
 * object database, so that every object libgit2 reads for rhea (commits above all: a sixth of an
 * ingest's CPU went to libgit2 inflating them byte by byte into buffers of their exact size) comes
 * through it. What it cannot read it passes on, and libgit2's own backends answer as before. */
#pragma once
#include <git2.h>

/* Adds the backend to repo's object database. 0, or a libgit2 error code (nothing added; reads
 * then go to libgit2's backends alone). */
int rhea_pack_backend_add(git_repository *repo);
