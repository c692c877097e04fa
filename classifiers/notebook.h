/* notebook.h: the code of a Jupyter notebook (.ipynb) as Python text, line for line, so that the
 * evidence catalog's Python entries read notebooks and report the notebook's own line numbers. */
#pragma once
#include <glib.h>

/* Whether path names a notebook (*.ipynb). */
gboolean rhea_notebook_is(const char *path);

/* The notebook's code: a copy of text with as many lines, where each line of a code cell's
 * "source" (one JSON string a line, as Jupyter writes notebooks) becomes the decoded string and
 * every other line (metadata, outputs, markdown cells) becomes empty. A notebook in another
 * layout yields empty lines, never an error. *out_len gets the length (without the NUL). */
char *rhea_notebook_code(const char *text, gsize len, gsize *out_len);
