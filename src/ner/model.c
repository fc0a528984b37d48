/*
 * model.c -- the tagger's model file: reading it in one read, checking
 * every field, and writing it.
 *
 * Layout (all integers little-endian, every section 8-byte aligned):
 *
 *   offset 0   magic "NGNERMDL"             8 bytes
 *          8   format version (u32)          NER_MODEL_VERSION
 *         12   section count (u32)           at most MAX_SECTIONS
 *         16   feature-set hash (u64)        ner_feature_set_hash()
 *         24   file size (u64)               the whole file
 *         32   section table: per section {u32 id, u32 zero, u64 offset,
 *              u64 size}
 *   sections:
 *     META     u32 labels (17), u32 types (4), u32 gazetteer max phrase
 *              length, u32 gazetteer lists
 *     INFO     UTF-8 text ending in NUL: what trained the model
 *     CLUSTERS, GAZ, DICT1, DICT2   hashed tables: u32 bits, u32 count,
 *              then 2^bits slots {u32 fingerprint, u32 value}
 *     ROWS1, ROWS2   u32 rows, u32 labels, f32 scale, u32 zero, then
 *              rows * labels i16 (weight = value * scale)
 *
 * The loader refuses a file whose magic, version, feature-set hash, size,
 * section offsets or sizes, table shapes or values are wrong, so a
 * truncated, foreign or damaged file gets NG_ERR_MODEL and a message; a
 * table always keeps an empty slot (lookups end) and every dictionary
 * value is a row that exists.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ner.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the model format is read in place: a little-endian host is assumed"
#endif

static const char MAGIC[8] = {'N', 'G', 'N', 'E', 'R', 'M', 'D', 'L'};
enum { HEADER = 32, ENTRY = 24, MAX_SECTIONS = 16, MAX_TABLE_BITS = 28 };
#define MAX_MODEL_BYTES ((size_t)1 << 30)

enum section_id {
    S_META = 1,
    S_INFO,
    S_CLUSTERS,
    S_GAZ,
    S_DICT1,
    S_ROWS1,
    S_DICT2,
    S_ROWS2,
    S_LAST = S_ROWS2
};

static ng_status bad(buf *msg, const char *what)
{
    buf_clear(msg);
    buf_printf(msg, "%s", what);
    return NG_ERR_MODEL;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

typedef struct section {
    const unsigned char *p;
    uint64_t size;
} section;

/* Checks a hashed table section and points t at its slots. */
static ng_status load_table(section s, ner_table *t, const char *name,
                            uint32_t max_value, buf *msg)
{
    if (s.size < 8)
        return bad(msg, name);
    uint32_t bits = rd32(s.p);
    if (bits > MAX_TABLE_BITS || s.size != 8 + ((uint64_t)8 << bits)) {
        buf_clear(msg);
        buf_printf(msg, "the %s table has a bad size", name);
        return NG_ERR_MODEL;
    }
    const ner_slot *slots = (const ner_slot *)(s.p + 8);
    uint64_t n = (uint64_t)1 << bits, empty = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (slots[i].fp == 0)
            empty++;
        else if (slots[i].value > max_value) {
            buf_clear(msg);
            buf_printf(msg, "the %s table holds a value out of range", name);
            return NG_ERR_MODEL;
        }
    }
    if (empty == 0) {
        buf_clear(msg);
        buf_printf(msg, "the %s table is full", name);
        return NG_ERR_MODEL;
    }
    t->slots = slots;
    t->mask = (uint32_t)(n - 1);
    return NG_OK;
}

static ng_status load_weights(section dict, section rows, ner_weights *w,
                              buf *msg)
{
    if (rows.size < 16 || rd32(rows.p + 4) != NER_NLABELS)
        return bad(msg, "a weight section has the wrong number of labels");
    uint64_t nrows = rd32(rows.p);
    if (rows.size != 16 + nrows * NER_NLABELS * sizeof(int16_t))
        return bad(msg, "a weight section has a bad size");
    if (nrows == 0)
        return bad(msg, "a weight section is empty");
    ng_status st =
        load_table(dict, &w->dict, "feature", (uint32_t)(nrows - 1), msg);
    w->rows = (const int16_t *)(rows.p + 16);
    w->nrows = (uint32_t)nrows;
    memcpy(&w->scale, rows.p + 8, sizeof w->scale);
    return st;
}

/* Finds the sections in the table; every one must be present once. */
static ng_status read_sections(const unsigned char *d, size_t size,
                               section *secs, buf *msg)
{
    uint32_t n = rd32(d + 12);
    if (n == 0 || n > MAX_SECTIONS || HEADER + (uint64_t)n * ENTRY > size)
        return bad(msg, "the section table is damaged");
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *e = d + HEADER + (size_t)i * ENTRY;
        uint32_t id = rd32(e);
        uint64_t off = rd64(e + 8), len = rd64(e + 16);
        if (rd32(e + 4) != 0)
            return bad(msg, "the section table is damaged");
        if (id == 0 || id > S_LAST || secs[id].p)
            return bad(msg, "the section table names an unknown or repeated "
                            "section");
        if (off % 8 || off < HEADER + (uint64_t)n * ENTRY || off > size ||
            len > size - off)
            return bad(msg, "a section lies outside the file (truncated?)");
        secs[id] = (section){d + off, len};
    }
    for (int id = 1; id <= S_LAST; id++)
        if (!secs[id].p)
            return bad(msg, "a section is missing");
    return NG_OK;
}

static ng_status check_header(const unsigned char *d, size_t size, buf *msg)
{
    if (size < HEADER || memcmp(d, MAGIC, 8) != 0)
        return bad(msg, "not a newsgraph tagger model (bad magic)");
    if (rd32(d + 8) != NER_MODEL_VERSION) {
        buf_clear(msg);
        buf_printf(msg, "model format version %u, this newsgraph reads %u",
                   rd32(d + 8), NER_MODEL_VERSION);
        return NG_ERR_MODEL;
    }
    if (rd64(d + 16) != ner_feature_set_hash())
        return bad(msg, "the model was trained with other features "
                        "(retrain it with this newsgraph: make model)");
    if (rd64(d + 24) != size)
        return bad(msg, "the file size does not match its header "
                        "(truncated?)");
    return NG_OK;
}

ng_status ner_model_from_memory(ner_model *m, unsigned char *data, size_t size,
                                buf *msg)
{
    memset(m, 0, sizeof *m);
    m->data = data;
    m->size = size;
    section secs[S_LAST + 1] = {{0}};
    ng_status st = check_header(data, size, msg);
    if (st == NG_OK)
        st = read_sections(data, size, secs, msg);
    if (st != NG_OK)
        return st;
    section meta = secs[S_META], info = secs[S_INFO];
    if (meta.size != 16 || rd32(meta.p) != NER_NLABELS ||
        rd32(meta.p + 4) != NER_NTYPES || rd32(meta.p + 8) > NER_GAZ_MAX_LEN ||
        rd32(meta.p + 12) > NER_GAZ_MAX_LISTS)
        return bad(msg, "the model's label set or gazetteer is not ours");
    m->gaz_maxlen = rd32(meta.p + 8);
    if (info.size == 0 || info.p[info.size - 1] != '\0')
        return bad(msg, "the model's info text is not terminated");
    m->info = (const char *)info.p;
    if ((st = load_table(secs[S_CLUSTERS], &m->clusters, "cluster",
                         (24u << 24) | 0xFFFFFFu, msg)) ||
        (st = load_table(secs[S_GAZ], &m->gaz, "gazetteer", UINT32_MAX, msg)) ||
        (st = load_weights(secs[S_DICT1], secs[S_ROWS1], &m->stage[0], msg)) ||
        (st = load_weights(secs[S_DICT2], secs[S_ROWS2], &m->stage[1], msg)))
        return st;
    /* A cluster path longer than 24 bits cannot be stored: refuse it. */
    for (uint32_t i = 0; i <= m->clusters.mask; i++)
        if (m->clusters.slots[i].fp && (m->clusters.slots[i].value >> 24) == 0)
            return bad(msg, "the cluster table holds an empty path");
    return NG_OK;
}

ng_status ner_model_load(ner_model *m, const char *path, buf *msg)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) != 0) {
        int err = errno;
        buf_clear(msg);
        buf_printf(msg, "%s: %s", path, strerror(err));
        if (f)
            fclose(f);
        return err == ENOENT   ? NG_ERR_MODEL
               : err == ENOMEM ? NG_ERR_NOMEM
                               : NG_ERR_IO;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
        (uint64_t)sb.st_size > MAX_MODEL_BYTES) {
        fclose(f);
        buf_clear(msg);
        buf_printf(msg, "%s: not a model file (size %lld)", path,
                   (long long)sb.st_size);
        return NG_ERR_MODEL;
    }
    size_t size = (size_t)sb.st_size;
    unsigned char *data = malloc(size);
    if (!data) {
        fclose(f);
        return NG_ERR_NOMEM;
    }
    size_t got = fread(data, 1, size, f);
    fclose(f);
    if (got != size) {
        free(data);
        buf_clear(msg);
        buf_printf(msg, "%s: short read", path);
        return NG_ERR_IO;
    }
    ng_status st = ner_model_from_memory(m, data, size, msg);
    if (st != NG_OK) {
        /* Name the file in front of the reason. */
        char *why = str_dup(buf_cstr(msg));
        buf_clear(msg);
        buf_printf(msg, "%s: %s", path, why ? why : "bad model");
        free(why);
        ner_model_free(m);
    }
    return st;
}

void ner_model_free(ner_model *m)
{
    if (!m)
        return;
    free(m->data);
    memset(m, 0, sizeof *m);
}
