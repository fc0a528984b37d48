/*
 * train_data.c -- what the trainer reads and writes: the CoNLL files, the
 * Brown clusters (bits<TAB>word<TAB>count, Turian et al. 2010 format),
 * the gazetteer lists, the feature dictionary and per-token feature ids,
 * and the model file (format in model.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "train.h"

/* Rows whose averaged weights all stay below this are dropped. */
#define PRUNE_BELOW     0.05f
#define MAX_INPUT_BYTES ((size_t)1 << 30)

double train_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void train_progress(train_ctx *t, const char *fmt, ...)
{
    if (!t->opt->on_progress)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    t->opt->on_progress(t->opt->ctx, line);
}

static ng_status fail(train_ctx *t, ng_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static ng_status fail(train_ctx *t, ng_status st, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    buf_clear(&t->msg);
    buf_append(&t->msg, line, strlen(line));
    return st;
}

/* Reads a whole file; *data is malloc'ed. */
static ng_status read_file(train_ctx *t, const char *path, char **data,
                           size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) != 0) {
        ng_status st = fail(t, NG_ERR_IO, "%s: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return st;
    }
    if ((uint64_t)sb.st_size > MAX_INPUT_BYTES) {
        fclose(f);
        return fail(t, NG_ERR_TOO_LARGE, "%s: larger than 1 GiB", path);
    }
    *len = (size_t)sb.st_size;
    *data = malloc(*len + 1);
    if (!*data) {
        fclose(f);
        return NG_ERR_NOMEM;
    }
    size_t got = fread(*data, 1, *len, f);
    fclose(f);
    if (got != *len) {
        free(*data);
        return fail(t, NG_ERR_IO, "%s: short read", path);
    }
    (*data)[*len] = '\0';
    return NG_OK;
}

/* ---- clusters ------------------------------------------------------------ */

/* Parses "bits<TAB>word<TAB>count" lines; paths over 24 bits are skipped. */
static ng_status load_clusters(train_ctx *t, const char *path)
{
    char *data;
    size_t len;
    ng_status st = read_file(t, path, &data, &len);
    if (st != NG_OK)
        return st;
    if (!ner_tb_init(&t->clusters, 16)) {
        free(data);
        return NG_ERR_NOMEM;
    }
    size_t i = 0, line_no = 0;
    while (i < len && st == NG_OK) {
        char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *line = data + i, *tab1, *tab2;
        line_no++;
        tab1 = memchr(line, '\t', end - i);
        tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(data + end - tab1 - 1))
                    : NULL;
        i = end + 1;
        if (!tab1 || !tab2) {
            st = fail(t, NG_ERR_INPUT,
                      "%s:%zu: expected bits, word and "
                      "count separated by tabs",
                      path, line_no);
            break;
        }
        size_t nbits = (size_t)(tab1 - line);
        uint32_t bits = 0;
        bool ok = nbits > 0 && nbits <= 24;
        for (size_t k = 0; ok && k < nbits; k++) {
            ok = line[k] == '0' || line[k] == '1';
            bits = bits << 1 | (uint32_t)(line[k] == '1');
        }
        if (!ok)
            continue;
        bool is_new;
        uint32_t *v = ner_tb_put(&t->clusters,
                                 ner_hash(tab1 + 1, (size_t)(tab2 - tab1 - 1)),
                                 ((uint32_t)nbits << 24) | bits, &is_new);
        if (!v)
            st = NG_ERR_NOMEM;
        t->nclusters += is_new;
    }
    free(data);
    return st;
}

/* ---- corpora
 * ----------------------------------------------------------------- */

static ng_status load_corpus(train_ctx *t, const char *path, train_corpus *cp)
{
    char *data;
    size_t len;
    ng_status st = read_file(t, path, &data, &len);
    if (st != NG_OK)
        return st;
    st = ng_conll_parse(&cp->c, data, len);
    free(data);
    if (st != NG_OK)
        return fail(t, st, "%s: %s", path, ng_strerror(st));
    if (!ng_conll_has_gold(cp->c))
        return fail(t, NG_ERR_INPUT,
                    "%s: %zu token lines have no tag in "
                    "their last column (need O, B-X, I-X with X one of PER "
                    "ORG LOC MISC)",
                    path, cp->c->bad_gold + cp->c->no_gold);
    size_t n = cp->c->ntokens + 1;
    arena_init(&cp->mem);
    cp->ndocs = cp->c->ndocs;
    cp->docs = calloc(cp->ndocs + 1, sizeof *cp->docs);
    cp->info = calloc(n, sizeof *cp->info);
    cp->pass1 = calloc(n, 1);
    cp->docinfo = calloc(n, sizeof *cp->docinfo);
    cp->feat_off = calloc(n, sizeof *cp->feat_off);
    if (!cp->docs || !cp->info || !cp->pass1 || !cp->docinfo || !cp->feat_off)
        return NG_ERR_NOMEM;
    for (size_t d = 0; d < cp->ndocs; d++) {
        if (!ner_conll_doc(cp->c, d, &cp->docs[d], &cp->mem))
            return NG_ERR_NOMEM;
        size_t t0 = (size_t)(cp->docs[d].tokens - cp->c->tokens);
        ner_feat_tokinfo(&t->res, &cp->docs[d], cp->info + t0);
    }
    return NG_OK;
}

static void corpus_free(train_corpus *cp)
{
    ng_conll_free(cp->c);
    arena_release(&cp->mem);
    free(cp->docs);
    free(cp->info);
    free(cp->pass1);
    free(cp->docinfo);
    free(cp->feat_off);
    free(cp->feat_ids);
    memset(cp, 0, sizeof *cp);
}

ng_status train_load(train_ctx *t)
{
    const ng_ner_train_options *o = t->opt;
    ng_status st;
    if (o->clusters_path) {
        if ((st = load_clusters(t, o->clusters_path)) != NG_OK)
            return st;
        t->res.clusters = (ner_table){t->clusters.slots, t->clusters.mask};
        train_progress(t, "clusters: %zu words from %s", t->nclusters,
                       o->clusters_path);
    }
    if (o->lexicon_dir) {
        if (!ner_tb_init(&t->gaz, 16))
            return NG_ERR_NOMEM;
        if ((st = ner_gaz_build(o->lexicon_dir, &t->gaz, &t->res.gaz_maxlen,
                                &t->msg)) != NG_OK)
            return st;
        t->res.gaz = (ner_table){t->gaz.slots, t->gaz.mask};
        train_progress(t, "gazetteer: %u phrases in %zu lists from %s",
                       t->gaz.count, ner_gaz_nlists, o->lexicon_dir);
    }
    if ((st = load_corpus(t, o->train_path, &t->train)) != NG_OK ||
        (st = load_corpus(t, o->dev_path, &t->dev)) != NG_OK)
        return st;
    if (!ner_tb_init(&t->dict.b, 20))
        return NG_ERR_NOMEM;
    train_progress(t,
                   "train: %zu tokens, %zu sentences, %zu documents; "
                   "dev: %zu tokens",
                   t->train.c->ntokens, t->train.c->nsent, t->train.ndocs,
                   t->dev.c->ntokens);
    return NG_OK;
}

/* ---- features
 * ------------------------------------------------------------------ */

static bool dict_id(train_dict *d, uint64_t key, bool grow, uint32_t *id)
{
    if (!grow) {
        uint32_t *v = ner_tb_find(&d->b, key);
        if (v)
            *id = *v;
        return v != NULL;
    }
    bool is_new;
    uint32_t *v = ner_tb_put(&d->b, key, d->n, &is_new);
    if (!v)
        return false;
    d->n += is_new;
    *id = *v;
    return true;
}

size_t train_history_ids(const train_dict *d, const ner_tokinfo *info, size_t i,
                         int prev1, int prev2, uint32_t *ids)
{
    ner_feats f;
    f.n = 0;
    ner_feat_history(info, i, prev1, prev2, &f);
    size_t n = 0;
    for (unsigned j = 0; j < f.n; j++) {
        uint32_t *v = ner_tb_find(&d->b, f.keys[j]);
        if (v)
            ids[n++] = *v;
    }
    return n;
}

ng_status train_features(train_ctx *t, train_corpus *cp, bool stage2, bool grow)
{
    size_t cap = cp->c->ntokens * NER_MAX_FEATS + 64, n = 0;
    uint32_t *ids = malloc(cap * sizeof *ids);
    if (!ids)
        return NG_ERR_NOMEM;
    ner_feats f;
    for (size_t d = 0; d < cp->ndocs; d++) {
        const ner_doc *doc = &cp->docs[d];
        size_t t0 = (size_t)(doc->tokens - cp->c->tokens);
        for (size_t k = 0; k < doc->nsent; k++) {
            size_t s = doc->sent_start[k], e = doc->sent_start[k + 1];
            for (size_t i = s; i < e; i++) {
                ner_feat_static(doc, cp->info + t0,
                                stage2 ? cp->docinfo + t0 : NULL, s, e, i, &f);
                /* The history features of the gold labels join the
                 * dictionary too; others are skipped when absent. */
                int p1 = i > s ? cp->c->gold[t0 + i - 1] : 0;
                int p2 = i > s + 1 ? cp->c->gold[t0 + i - 2] : 0;
                unsigned nstatic = f.n;
                ner_feat_history(cp->info + t0, i, p1, p2, &f);
                cp->feat_off[t0 + i] = (uint32_t)n;
                for (unsigned j = 0; j < f.n; j++) {
                    uint32_t id = 0;
                    bool have = dict_id(&t->dict, f.keys[j], grow, &id);
                    if (!have && grow) {
                        free(ids);
                        return NG_ERR_NOMEM;
                    }
                    if (have && j < nstatic && n < cap)
                        ids[n++] = id;
                }
            }
        }
    }
    cp->feat_off[cp->c->ntokens] = (uint32_t)n;
    free(cp->feat_ids);
    cp->feat_ids = ids;
    return NG_OK;
}

void train_docinfo(train_ctx *t, train_corpus *cp)
{
    (void)t;
    arena a;
    arena_init(&a);
    for (size_t d = 0; d < cp->ndocs; d++) {
        size_t t0 = (size_t)(cp->docs[d].tokens - cp->c->tokens);
        ner_feat_docinfo(&cp->docs[d], cp->pass1 + t0, cp->docinfo + t0, &a);
        arena_release(&a);
    }
}

/* ---- writing the model
 * -------------------------------------------------------------- */

typedef struct out_section {
    uint32_t id;
    const void *head;
    size_t head_len;
    const void *body;
    size_t body_len;
} out_section;

/* Keeps the rows of ids [0, nfeat) with a weight of some size; fills
 * the export table and the kept rows. */
static ng_status export_weights(train_ctx *t, const float *avg, uint32_t nfeat,
                                ner_table_builder *tb, int16_t **rows,
                                uint32_t *nrows, float *scale)
{
    uint64_t *key_of = malloc((size_t)nfeat * sizeof *key_of);
    int16_t *q = malloc(((size_t)nfeat + 1) * NER_NLABELS * sizeof *q);
    *rows = malloc(((size_t)nfeat + 1) * NER_NLABELS * sizeof **rows);
    if (!key_of || !q || !*rows || !ner_tb_init(tb, 4)) {
        free(key_of);
        free(q);
        return NG_ERR_NOMEM;
    }
    ner_quantize(avg, (size_t)nfeat * NER_NLABELS, q, scale);
    for (uint32_t i = 0; i <= t->dict.b.mask; i++)
        if (t->dict.b.slots[i].fp && t->dict.b.slots[i].value < nfeat)
            key_of[t->dict.b.slots[i].value] = t->dict.b.keys[i];
    uint32_t n = 0;
    for (uint32_t f = 0; f < nfeat; f++) {
        const float *w = avg + (size_t)f * NER_NLABELS;
        float big = 0;
        for (int l = 0; l < NER_NLABELS; l++)
            big = fabsf(w[l]) > big ? fabsf(w[l]) : big;
        if (big < PRUNE_BELOW)
            continue;
        bool is_new;
        if (!ner_tb_put(tb, key_of[f], n, &is_new)) {
            free(key_of);
            free(q);
            return NG_ERR_NOMEM;
        }
        memcpy(*rows + (size_t)n * NER_NLABELS, q + (size_t)f * NER_NLABELS,
               NER_NLABELS * sizeof *q);
        n++;
    }
    free(key_of);
    free(q);
    *nrows = n;
    return NG_OK;
}

static unsigned table_bits(const ner_table_builder *b)
{
    unsigned bits = 0;
    while (((uint64_t)1 << bits) <= b->mask)
        bits++;
    return bits;
}

static void put32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static ng_status write_sections(train_ctx *t, const char *path,
                                const out_section *secs, size_t n)
{
    unsigned char head[32 + 16 * 24];
    size_t off = 32 + n * 24;
    memcpy(head, "NGNERMDL", 8);
    put32(head + 8, NER_MODEL_VERSION);
    put32(head + 12, (uint32_t)n);
    put64(head + 16, ner_feature_set_hash());
    for (size_t i = 0; i < n; i++) {
        size_t len = secs[i].head_len + secs[i].body_len;
        unsigned char *e = head + 32 + i * 24;
        put32(e, secs[i].id);
        put32(e + 4, 0);
        put64(e + 8, off);
        put64(e + 16, len);
        off += (len + 7) & ~(size_t)7;
    }
    put64(head + 24, off);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return fail(t, NG_ERR_IO, "%s: %s", tmp, strerror(errno));
    static const unsigned char zeros[8] = {0};
    bool ok = fwrite(head, 1, 32 + n * 24, f) == 32 + n * 24;
    for (size_t i = 0; ok && i < n; i++) {
        size_t len = secs[i].head_len + secs[i].body_len;
        ok = fwrite(secs[i].head, 1, secs[i].head_len, f) == secs[i].head_len &&
             (secs[i].body_len == 0 || fwrite(secs[i].body, 1, secs[i].body_len,
                                              f) == secs[i].body_len) &&
             fwrite(zeros, 1, ((len + 7) & ~(size_t)7) - len, f) ==
                 ((len + 7) & ~(size_t)7) - len;
    }
    if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
        remove(tmp);
        return fail(t, NG_ERR_IO, "%s: cannot write the model", path);
    }
    return NG_OK;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

ng_status train_write(train_ctx *t)
{
    ner_table_builder d1 = {0}, d2 = {0}, empty = {0};
    int16_t *rows1 = NULL, *rows2 = NULL;
    uint32_t n1 = 0, n2 = 0;
    float sc1 = 1, sc2 = 1;
    ng_status st =
        export_weights(t, t->stage1_avg, t->nfeat1, &d1, &rows1, &n1, &sc1);
    if (st == NG_OK)
        st =
            export_weights(t, t->stage2_avg, t->nfeat2, &d2, &rows2, &n2, &sc2);
    if (st == NG_OK && (!t->clusters.slots || !t->gaz.slots) &&
        !ner_tb_init(&empty, 1))
        st = NG_ERR_NOMEM;
    if (st != NG_OK)
        goto done;
    const ner_table_builder *cl = t->clusters.slots ? &t->clusters : &empty;
    const ner_table_builder *gz = t->gaz.slots ? &t->gaz : &empty;
    char info[2048];
    snprintf(info, sizeof info,
             "trained by newsgraph %s train-ner (averaged perceptron, "
             "greedy BILOU, two stages)\n"
             "train: %s (%zu tokens, %zu sentences, %zu documents)\n"
             "dev: %s (%zu tokens), dev F1 %.2f\n"
             "seed %u; stage 1 %u epochs, stage 2 %u epochs; %d folds\n"
             "rows: stage 1 %u, stage 2 %u\n"
             "clusters: %zu words (%s)\n"
             "gazetteer: %u phrases in %zu lists (%s)\n",
             NG_VERSION_STRING, base_name(t->opt->train_path),
             t->train.c->ntokens, t->train.c->nsent, t->train.ndocs,
             base_name(t->opt->dev_path), t->dev.c->ntokens, t->dev_f1,
             t->opt->seed, t->stage1_epochs, t->stage2_epochs, 5, n1, n2,
             t->nclusters,
             t->opt->clusters_path ? base_name(t->opt->clusters_path) : "none",
             t->gaz.count, ner_gaz_nlists,
             t->opt->lexicon_dir ? "models/lex" : "none");
    unsigned char meta[16], hcl[8], hgz[8], hd1[8], hd2[8], hr1[16], hr2[16];
    put32(meta, NER_NLABELS);
    put32(meta + 4, NER_NTYPES);
    put32(meta + 8, t->res.gaz_maxlen);
    put32(meta + 12, (uint32_t)ner_gaz_nlists);
    put32(hcl, table_bits(cl));
    put32(hcl + 4, cl->count);
    put32(hgz, table_bits(gz));
    put32(hgz + 4, gz->count);
    put32(hd1, table_bits(&d1));
    put32(hd1 + 4, d1.count);
    put32(hd2, table_bits(&d2));
    put32(hd2 + 4, d2.count);
    put32(hr1, n1);
    put32(hr1 + 4, NER_NLABELS);
    memcpy(hr1 + 8, &sc1, 4);
    put32(hr1 + 12, 0);
    put32(hr2, n2);
    put32(hr2 + 4, NER_NLABELS);
    memcpy(hr2 + 8, &sc2, 4);
    put32(hr2 + 12, 0);
    size_t slot = sizeof(ner_slot);
    out_section secs[] = {
        {1, meta, 16, NULL, 0},
        {2, info, strlen(info) + 1, NULL, 0},
        {3, hcl, 8, cl->slots, slot * (cl->mask + (size_t)1)},
        {4, hgz, 8, gz->slots, slot * (gz->mask + (size_t)1)},
        {5, hd1, 8, d1.slots, slot * (d1.mask + (size_t)1)},
        {6, hr1, 16, rows1, (size_t)n1 * NER_NLABELS * sizeof(int16_t)},
        {7, hd2, 8, d2.slots, slot * (d2.mask + (size_t)1)},
        {8, hr2, 16, rows2, (size_t)n2 * NER_NLABELS * sizeof(int16_t)},
    };
    st = write_sections(t, t->opt->output_path, secs,
                        sizeof secs / sizeof *secs);
    if (st == NG_OK)
        train_progress(t,
                       "wrote %s: stage 1 %u rows, stage 2 %u rows "
                       "(%.0f s in all)",
                       t->opt->output_path, n1, n2, train_now() - t->started);
done:
    ner_tb_free(&d1);
    ner_tb_free(&d2);
    ner_tb_free(&empty);
    free(rows1);
    free(rows2);
    return st;
}

ng_status train_dev_score(train_ctx *t, ng_ner_score *out)
{
    ner_model m;
    ng_status st = ner_model_load(&m, t->opt->output_path, &t->msg);
    if (st != NG_OK)
        return st;
    memset(out, 0, sizeof *out);
    arena a;
    arena_init(&a);
    train_corpus *cp = &t->dev;
    uint8_t *labels = calloc(cp->c->ntokens + 1, 1);
    for (size_t d = 0; labels && d < cp->ndocs; d++) {
        size_t t0 = (size_t)(cp->docs[d].tokens - cp->c->tokens);
        if (!ner_tag_doc(&m, &cp->docs[d], labels + t0, &a))
            st = NG_ERR_NOMEM;
        arena_release(&a);
    }
    for (size_t k = 0; labels && k < cp->c->nsent; k++) {
        uint32_t b = cp->c->sent_start[k], e = cp->c->sent_start[k + 1];
        ner_score_labels(cp->c->gold + b, labels + b, e - b, out, &a);
        arena_release(&a);
    }
    ng_ner_score_finish(out);
    free(labels);
    ner_model_free(&m);
    return labels ? st : NG_ERR_NOMEM;
}

void train_free(train_ctx *t)
{
    corpus_free(&t->train);
    corpus_free(&t->dev);
    ner_tb_free(&t->clusters);
    ner_tb_free(&t->gaz);
    ner_tb_free(&t->dict.b);
    free(t->stage1_avg);
    free(t->stage2_avg);
    free(t->doc_fold);
    buf_free(&t->msg);
}
