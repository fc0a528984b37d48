/*
 * gaz.c -- gazetteer lists (models/lex/NAME.txt, one phrase a line, '#'
 * comments) compiled into a hashed table: phrase -> bit mask of the lists
 * it is in. Phrases are split at spaces into tokens and hashed lower-case
 * exactly as feat.c hashes a run of tokens, so a lookup is one probe per
 * candidate length. The sources and licenses of the lists are in
 * models/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner.h"

/* Bit order of the lists: never reorder without bumping FEATURE_SET. */
const char *const ner_gaz_lists[] = {
    "countries",    "cities",         "regions",     "demonyms",
    "first-names",  "org-suffixes",   "org-names",   "person-titles",
    "places-other", "name-particles", "names-world", "org-words",
};
const size_t ner_gaz_nlists = sizeof ner_gaz_lists / sizeof *ner_gaz_lists;

_Static_assert(sizeof ner_gaz_lists / sizeof *ner_gaz_lists <=
                   NER_GAZ_MAX_LISTS,
               "too many gazetteer lists");

enum { GAZ_MAX_LINE = 512 };

/* Hashes a phrase as feat.c does; returns its token count (0: skip). */
static size_t phrase_hash(const char *s, size_t len, uint64_t *out)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t ntok = 0, i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        if (i == len)
            break;
        if (ntok)
            h = (h ^ ' ') * 0x100000001b3ull;
        for (; i < len && s[i] != ' '; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            h = (h ^ c) * 0x100000001b3ull;
        }
        ntok++;
    }
    *out = ner_mix(h);
    return ntok;
}

static ng_status read_list(const char *dir, unsigned list, ner_table_builder *b,
                           uint32_t *maxlen, buf *msg)
{
    char path[4096], line[GAZ_MAX_LINE];
    snprintf(path, sizeof path, "%s/%s.txt", dir, ner_gaz_lists[list]);
    FILE *f = fopen(path, "r");
    if (!f) {
        buf_clear(msg);
        int err = errno;
        buf_printf(msg, "%s: %s", path, strerror(err));
        return err == ENOMEM ? NG_ERR_NOMEM : NG_ERR_IO;
    }
    ng_status st = NG_OK;
    while (st == NG_OK && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        if (len == 0 || line[0] == '#')
            continue;
        uint64_t h;
        size_t ntok = phrase_hash(line, len, &h);
        if (ntok == 0 || ntok > NER_GAZ_MAX_LEN)
            continue;
        bool is_new;
        uint32_t *mask = ner_tb_put(b, h, 0, &is_new);
        if (!mask) {
            st = NG_ERR_NOMEM;
            break;
        }
        *mask |= 1u << list;
        if (ntok > *maxlen)
            *maxlen = (uint32_t)ntok;
    }
    fclose(f);
    return st;
}

ng_status ner_gaz_build(const char *dir, ner_table_builder *b, uint32_t *maxlen,
                        buf *msg)
{
    *maxlen = 0;
    for (unsigned l = 0; l < ner_gaz_nlists; l++) {
        ng_status st = read_list(dir, l, b, maxlen, msg);
        if (st != NG_OK)
            return st;
    }
    return NG_OK;
}
