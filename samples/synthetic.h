/* synthetic.h: large deterministic linear histories for stress and crash-safety tests.
 *
 * Commit 0 adds `files` files spread over 40 folders (top0..top7/sub0..sub4); every later commit
 * touches 1 to 5 files chosen by a fixed pseudo-random sequence: an absent file is added, a present
 * one is modified (or, one time in eight, deleted). Authors, emails, dates and offsets come from
 * fixed tables, so the same arguments always give the same commit ids. */
#pragma once
#include <glib.h>

/* 2020-09-13T12:26:40Z, commit k is at RHEA_SYNTH_T0 + k hours. */
#define RHEA_SYNTH_T0 1600000000
#define RHEA_SYNTH_FOLDERS 40

/* Writes a new repository at path holding `commits` commits on main (bare when bare is TRUE,
 * otherwise main is checked out). Objects go to packs, so 100k commits take seconds. */
int rhea_synthetic_build(const char *path, guint commits, guint files, gboolean bare,
                         GError **error);
