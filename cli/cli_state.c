/* cli_state.c: see cli_state.h. */
#include "cli/cli_state.h"

#include <stdio.h>

#include "engine/error.h"

void rhea_cli_ingest_warn(const char *product, RheaIngestState state, const char *command)
{
    if (state == RHEA_INGEST_COMPLETE)
        return;
    g_autofree char *id = rhea_error_quote(product);
    fprintf(stderr, "rhea %s: warning: product %s is %s: %s\n", command, id,
            rhea_ingest_state_name(state), rhea_ingest_state_advice(state));
}

RheaIngestState rhea_cli_ingest_check(RheaStore *store, const char *product, const char *command)
{
    RheaIngestState state = rhea_store_ingest_state(store, product);
    rhea_cli_ingest_warn(product, state, command);
    return state;
}

void rhea_cli_ingest_row(RheaTable **table, const char *product, RheaIngestState state)
{
    if (state == RHEA_INGEST_COMPLETE)
        return;
    if (!*table) {
        *table = rhea_table_new("ingest", "Incomplete data");
        rhea_table_add_column(*table, "product", "Product", RHEA_ALIGN_LEFT);
        rhea_table_add_column(*table, "ingest", "Ingest", RHEA_ALIGN_LEFT);
        rhea_table_add_column(*table, "note", "Note", RHEA_ALIGN_LEFT);
    }
    rhea_table_add_row(*table);
    rhea_table_push_string(*table, product);
    rhea_table_push_string(*table, rhea_ingest_state_name(state));
    rhea_table_push_string(*table, rhea_ingest_state_advice(state));
}
