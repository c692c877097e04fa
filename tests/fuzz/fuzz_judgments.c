/* fuzz_judgments.c: libFuzzer target: arbitrary bytes parsed as a judgments file
 * (rhea_judgments_parse, what --judgments reads). Checked on every input: an error is one line
 * naming the file and a line (or the NUL byte); every judgment has a known key and a product. Built
 * with RHEA_FUZZ=ON; run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/judgments.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *error = NULL;
    RheaJudgments *j = rhea_judgments_parse((const char *)data, size, "fuzz.csv", &error);
    if (!j) {
        if (!error || strchr(error->message, '\n') ||
            !g_str_has_prefix(error->message, "fuzz.csv:"))
            abort();
        g_error_free(error);
        return 0;
    }
    /* every line parsed had a known key; the count never exceeds the lines */
    guint lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    if (rhea_judgments_size(j) > lines)
        abort();
    rhea_judgments_free(j);
    return 0;
}
