/* format_json.h: JSON pieces for commands whose output is not a plain table.
 *
 * `rhea contributors --format json` nests tables in an object of its own ({"product", "commits",
 * "core": [...], "all": [...]}): build the object with JsonBuilder, put each table's rows in with
 * rhea_table_json_rows, and print it with rhea_json_to_string so numbers come out as the table
 * writers print them (shortest exact doubles, integers in full, null for null cells). */
#pragma once
#include <json-glib/json-glib.h>

#include "reports/table.h"

/* The rows as a JSON array of objects keyed by column key. New node, caller frees. */
JsonNode *rhea_table_json_rows(const RheaTable *t);
/* The table object, as rhea_table_render(t, RHEA_FORMAT_JSON, ...) writes it. */
JsonNode *rhea_table_json(const RheaTable *t);
/* Any JSON tree as text: two-space indent, doubles in their shortest exact form, a final
 * newline. Newly allocated. */
char *rhea_json_to_string(JsonNode *node);
