/* progress.h: a one-line progress report on stderr (done/total, rate, time left). */
#pragma once
#include <glib.h>

typedef struct RheaProgress RheaProgress;

/* enabled FALSE (quiet, or stderr not a terminal) makes every call a no-op. */
RheaProgress *rhea_progress_new(const char *what, guint64 total, gboolean enabled);
void rhea_progress_update(RheaProgress *p, guint64 done);
/* Clears the line. */
void rhea_progress_free(RheaProgress *p);
