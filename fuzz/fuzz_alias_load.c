/*
 * fuzz_alias_load.c -- libFuzzer target for the alias table's loader
 * (src/resolve/alias.c): any byte string is either refused with
 * NG_ERR_MODEL and a message, or loads into a table where every entry
 * has a type, a non-empty name and non-empty aliases, and every name and
 * alias of at most 256 bytes finds an entry at or before its own line
 * (the first line keeps a name two lines claim).
 * Seed corpus: fuzz/corpus/fuzz_alias_load/ (lines of models/aliases.tsv
 * and broken ones).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/resolve.h"

static void check_name(const resolve_aliases *al, const char *name, size_t i)
{
    if (!*name)
        abort();
    int32_t j = resolve_alias_find(al, name);
    if (strlen(name) <= RESOLVE_ALIAS_MAX_NAME ? j < 0 || (size_t)j > i
                                               : j != -1)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = str_ndup((const char *)data, size);
    if (!copy)
        return 0;
    resolve_aliases al;
    buf msg;
    buf_init(&msg, 4096);
    ng_status st = resolve_aliases_from_memory(&al, copy, size, "fuzz", &msg);
    if (st == NG_OK) {
        for (size_t i = 0; i < al.n; i++) {
            const resolve_alias_entry *e =
                resolve_alias_entry_at(&al, (int32_t)i);
            if (!e || e->type < 0 || e->type >= NG_NER_TYPES)
                abort();
            check_name(&al, e->name, i);
            for (size_t k = 0; k < e->naliases; k++)
                check_name(&al, e->aliases[k], i);
        }
    } else if (st != NG_ERR_MODEL || msg.len == 0 ||
               strncmp(msg.data, "fuzz", 4) != 0) {
        abort();
    }
    buf_free(&msg);
    resolve_aliases_free(&al);
    free(copy);
    return 0;
}
