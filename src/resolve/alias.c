/*
 * alias.c -- the alias table (models/aliases.tsv, built by
 * scripts/build-aliases.py from GeoNames and models/aliases/hand.tsv):
 * one entity a line, "TYPE <TAB> canonical <TAB> alias|alias|...". A
 * mention whose name is an alias (or the canonical name) is a mention of
 * that entity: "US", "U.S.", "USA", "America" and "American" are the
 * United States, "ISIS" and "Daesh" the Islamic State.
 *
 * Names of capitals and periods only ("US", "U.S.", "WHO") match exactly,
 * so "who" or "Us" is no alias; the others match whatever their case.
 * When two entities claim one alias, the first line keeps it.
 *
 * Exports: resolve_aliases_load, resolve_aliases_from_memory,
 * resolve_aliases_free, resolve_alias_find,
 * resolve_alias_entry.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ner/ner.h"
#include "resolve.h"

enum { MAX_FILE = 8 << 20, MAX_FIELD = RESOLVE_ALIAS_MAX_NAME };

/* parse_line's reason when it could not allocate (not the file's fault). */
static const char OUT_OF_MEMORY[] = "out of memory";

/* "=" and the exact name for capitals and periods, else "~" and lower
 * case; into key (size MAX_FIELD + 2). Its length, 0 when too long. */
static size_t alias_key(const char *s, size_t n, char *key)
{
    if (n == 0 || n > MAX_FIELD)
        return 0;
    bool caps = true, letter = false;
    for (size_t i = 0; i < n; i++) {
        caps &= (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.';
        letter |= s[i] >= 'A' && s[i] <= 'Z';
    }
    caps &= letter;
    key[0] = caps ? '=' : '~';
    for (size_t i = 0; i < n; i++)
        key[i + 1] =
            (char)(!caps && s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return n + 1;
}

static bool index_name(resolve_aliases *al, const char *s, size_t n,
                       size_t entry)
{
    char key[MAX_FIELD + 2];
    size_t len = alias_key(s, n, key);
    int64_t old;
    if (!len || strmap_get(&al->index, key, len, &old))
        return true; /* the first entity keeps it */
    return strmap_put(&al->index, key, len, (int64_t)entry);
}

/* Parses one line into entry e; false with the reason in *why. */
static bool parse_line(resolve_aliases *al, char *line, resolve_alias_entry *e,
                       const char **why)
{
    char *type = line, *name = strchr(line, '\t');
    char *list = name ? strchr(name + 1, '\t') : NULL;
    if (!name || !list) {
        *why = "needs TYPE, name and aliases separated by tabs";
        return false;
    }
    *name++ = '\0';
    *list++ = '\0';
    int t = -1;
    for (int k = 0; k < NER_NTYPES; k++)
        if (strcmp(type, ner_type_name(k)) == 0)
            t = k;
    if (t < 0 || !*name) {
        *why = "the type is not PER, ORG, LOC or MISC, or the name is empty";
        return false;
    }
    e->type = t;
    e->name = arena_strndup(&al->mem, name, strlen(name));
    size_t n = *list ? 1 : 0;
    for (const char *p = list; *p; p++)
        n += *p == '|';
    e->aliases = arena_alloc(&al->mem, (n + 1) * sizeof *e->aliases);
    if (!e->name || !e->aliases) {
        *why = OUT_OF_MEMORY;
        return false;
    }
    e->naliases = 0;
    for (char *p = list; *list && p;) {
        char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len &&
            !(e->aliases[e->naliases++] = arena_strndup(&al->mem, p, len))) {
            *why = OUT_OF_MEMORY;
            return false;
        }
        p = bar ? bar + 1 : NULL;
    }
    return true;
}

/* The whole file plus a NUL in *out (malloc'ed): NG_ERR_NOMEM, NG_ERR_IO
 * or NG_ERR_TOO_LARGE (above MAX_FILE) otherwise. */
static ng_status read_all(FILE *f, char **out, size_t *len)
{
    buf b;
    buf_init(&b, MAX_FILE);
    char chunk[65536];
    size_t n;
    bool too_large = false;
    while (!too_large && !b.failed &&
           (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        too_large = b.len + n >= MAX_FILE;
        if (!too_large)
            buf_append(&b, chunk, n);
    }
    *out = NULL;
    if (too_large || ferror(f)) {
        buf_free(&b);
        return too_large ? NG_ERR_TOO_LARGE : NG_ERR_IO;
    }
    buf_putc(&b, '\0');
    if (b.failed) {
        buf_free(&b);
        return NG_ERR_NOMEM;
    }
    *out = buf_detach(&b, len);
    return NG_OK;
}

ng_status resolve_aliases_load(resolve_aliases *al, const char *path,
                               buf *message)
{
    memset(al, 0, sizeof *al);
    FILE *f = fopen(path, "rb");
    if (!f) {
        int err = errno;
        buf_printf(message, "%s: cannot open the alias table: %s", path,
                   strerror(err));
        return err == ENOMEM ? NG_ERR_NOMEM : NG_ERR_MODEL;
    }
    size_t len;
    char *data;
    ng_status st = read_all(f, &data, &len);
    fclose(f);
    if (st != NG_OK) {
        buf_printf(message, "%s: %s", path,
                   st == NG_ERR_TOO_LARGE ? "larger than 8 MiB"
                                          : ng_strerror(st));
        return st == NG_ERR_NOMEM ? st : NG_ERR_MODEL;
    }
    st = resolve_aliases_from_memory(al, data, len - 1, path, message);
    free(data);
    return st;
}

ng_status resolve_aliases_from_memory(resolve_aliases *al, char *data,
                                      size_t len, const char *name,
                                      buf *message)
{
    memset(al, 0, sizeof *al);
    arena_init(&al->mem);
    strmap_init(&al->index);
    if (utf8_valid_prefix(data, len) != len) {
        buf_printf(message, "%s: not UTF-8", name);
        return NG_ERR_MODEL;
    }
    al->hash = hash_bytes(HASH_SEED, data, len + 1);
    size_t lines = 1;
    for (char *p = data; *p; p++)
        lines += *p == '\n';
    al->entries = arena_alloc(&al->mem, lines * sizeof *al->entries);
    ng_status st = al->entries ? NG_OK : NG_ERR_NOMEM;
    size_t lineno = 0;
    for (char *line = data; st == NG_OK && line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        const char *why = NULL;
        if (*line && *line != '#') {
            resolve_alias_entry *e = &al->entries[al->n];
            if (!parse_line(al, line, e, &why)) {
                buf_printf(message, "%s:%zu: %s", name, lineno, why);
                st = strcmp(why, OUT_OF_MEMORY) == 0 ? NG_ERR_NOMEM
                                                     : NG_ERR_MODEL;
                break;
            }
            bool ok = index_name(al, e->name, strlen(e->name), al->n);
            for (size_t i = 0; ok && i < e->naliases; i++)
                ok =
                    index_name(al, e->aliases[i], strlen(e->aliases[i]), al->n);
            st = ok ? NG_OK : NG_ERR_NOMEM;
            al->n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    return st;
}

void resolve_aliases_free(resolve_aliases *al)
{
    if (!al)
        return;
    strmap_clear(&al->index);
    arena_release(&al->mem);
    memset(al, 0, sizeof *al);
}

int32_t resolve_alias_find(const resolve_aliases *al, const char *name)
{
    char key[MAX_FIELD + 2];
    size_t len = al ? alias_key(name, strlen(name), key) : 0;
    int64_t e;
    return len && strmap_get(&al->index, key, len, &e) ? (int32_t)e : -1;
}

const resolve_alias_entry *resolve_alias_entry_at(const resolve_aliases *al,
                                                  int32_t i)
{
    return al && i >= 0 && (size_t)i < al->n ? &al->entries[i] : NULL;
}
