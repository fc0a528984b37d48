/*
 * train.c -- ng_ner_train: the averaged perceptron (Collins 2002) for both
 * stages of the tagger, with early stopping on a held-out file.
 *
 *  1. Stage 1 learns from the training file alone, greedy left to right
 *     with its own previous predictions as history; after each epoch the
 *     averaged weights tag the dev file, and the best epoch is kept
 *     (stopping after `patience` epochs without gain).
 *  2. Stage 2 needs stage-1 predictions on the training file that are as
 *     wrong as they will be on new text: the documents are split into
 *     JACKKNIFE folds, and each fold is tagged by a stage-1 model trained
 *     on the others for the epochs chosen in 1 (folds run on `threads`
 *     threads; each is deterministic, so the result does not depend on
 *     scheduling).
 *  3. Stage 2 learns from the training file with those predictions as
 *     document facts; dev is tagged by the whole pipeline after each epoch.
 *  4. Rows whose averaged weights are all near zero are dropped, and the
 *     model is written (model_write.c).
 *
 * Everything random comes from one xorshift generator seeded by the
 * caller: the same seed and files give the same model, byte for byte.
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conll.h"
#include "train.h"

enum { JACKKNIFE = 5, DEFAULT_EPOCHS = 30, DEFAULT_PATIENCE = 8 };

/* ---- the perceptron ------------------------------------------------------ */

typedef struct perceptron {
    float *w;  /* nfeat * NER_NLABELS */
    double *u; /* sum of c * update, for averaging */
    uint64_t c;
    uint32_t nfeat;
} perceptron;

static bool perceptron_init(perceptron *p, uint32_t nfeat)
{
    size_t n = (size_t)nfeat * NER_NLABELS;
    p->w = calloc(n, sizeof *p->w);
    p->u = calloc(n, sizeof *p->u);
    p->c = 1;
    p->nfeat = nfeat;
    return p->w && p->u;
}

static void perceptron_free(perceptron *p)
{
    free(p->w);
    free(p->u);
    memset(p, 0, sizeof *p);
}

/* The averaged weights into avg (nfeat * NER_NLABELS). */
static void perceptron_average(const perceptron *p, float *avg)
{
    size_t n = (size_t)p->nfeat * NER_NLABELS;
    double c = (double)p->c;
    for (size_t i = 0; i < n; i++)
        avg[i] = (float)(p->w[i] - p->u[i] / c);
}

static void xorshift_seed(uint64_t *s, unsigned seed)
{
    *s = ner_mix((uint64_t)seed + 0x1234567ull) | 1;
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static void shuffle(uint32_t *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(xorshift(rng) % i);
        uint32_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ---- one epoch
 * --------------------------------------------------------------- */

static void add_rows(const float *w, const uint32_t *ids, size_t n,
                     float *score)
{
    for (size_t j = 0; j < n; j++) {
        const float *row = w + (size_t)ids[j] * NER_NLABELS;
        for (int l = 0; l < NER_NLABELS; l++)
            score[l] += row[l];
    }
}

static void update(perceptron *p, const uint32_t *ids, size_t n, int gold,
                   int pred)
{
    double c = (double)p->c;
    for (size_t j = 0; j < n; j++) {
        size_t r = (size_t)ids[j] * NER_NLABELS;
        p->w[r + gold] += 1;
        p->u[r + gold] += c;
        p->w[r + pred] -= 1;
        p->u[r + pred] -= c;
    }
}

/* Trains on the sentences `order` of the corpus for one epoch. */
static void train_sentences(perceptron *p, const train_corpus *cp,
                            const train_dict *d, const uint32_t *order,
                            size_t n)
{
    uint32_t hist[8];
    for (size_t k = 0; k < n; k++) {
        uint32_t s = cp->c->sent_start[order[k]];
        uint32_t e = cp->c->sent_start[order[k] + 1];
        int prev1 = 0, prev2 = 0;
        for (uint32_t i = s; i < e; i++) {
            float score[NER_NLABELS] = {0};
            const uint32_t *ids = cp->feat_ids + cp->feat_off[i];
            size_t nids = cp->feat_off[i + 1] - cp->feat_off[i];
            add_rows(p->w, ids, nids, score);
            size_t nh = train_history_ids(d, cp->info, i, prev1, prev2, hist);
            add_rows(p->w, hist, nh, score);
            int pred = 0;
            for (int l = 1; l < NER_NLABELS; l++)
                if (score[l] > score[pred])
                    pred = l;
            int gold = cp->c->gold[i];
            if (pred != gold) {
                update(p, ids, nids, gold, pred);
                update(p, hist, nh, gold, pred);
            }
            p->c++;
            prev2 = prev1;
            prev1 = pred;
        }
    }
}

/* ---- evaluation
 * ---------------------------------------------------------------- */

/* Tags every document of the corpus with one stage (weights `avg` over
 * the training dictionary) into labels; stage 2 uses cp->docinfo. */
static void tag_corpus(const train_corpus *cp, const train_dict *d,
                       const float *avg, uint32_t nfeat, bool stage2,
                       uint8_t *labels)
{
    size_t n = (size_t)nfeat * NER_NLABELS;
    int16_t *q = malloc(n * sizeof *q + 1);
    ner_weights w = {
        .dict = {d->b.slots, d->b.mask}, .rows = q, .nrows = nfeat};
    if (!q) { /* out of memory: everything O, the epoch scores 0 */
        memset(labels, 0, cp->c->ntokens);
        return;
    }
    ner_quantize(avg, n, q, &w.scale);
    for (size_t k = 0; k < cp->ndocs; k++) {
        const ner_doc *doc = &cp->docs[k];
        size_t t0 = (size_t)(doc->tokens - cp->c->tokens);
        ner_tag_stage(&w, doc, cp->info + t0, stage2 ? cp->docinfo + t0 : NULL,
                      labels + t0);
    }
    free(q);
}

static double corpus_f1(const train_corpus *cp, const uint8_t *labels,
                        ng_ner_score *out)
{
    ng_ner_score s;
    memset(&s, 0, sizeof s);
    arena a;
    arena_init(&a);
    for (size_t k = 0; k < cp->c->nsent; k++) {
        uint32_t b = cp->c->sent_start[k], e = cp->c->sent_start[k + 1];
        ner_score_labels(cp->c->gold + b, labels + b, e - b, &s, &a);
        arena_release(&a);
    }
    ng_ner_score_finish(&s);
    if (out)
        *out = s;
    return s.f1[NG_NER_TYPES];
}

/* ---- a stage with early stopping
 * ------------------------------------------------ */

typedef struct stage_result {
    float *best;     /* averaged weights of the best epoch */
    unsigned epochs; /* the best epoch (1-based) */
    double dev_f1;
} stage_result;

static ng_status train_stage(train_ctx *t, bool stage2, uint32_t nfeat,
                             stage_result *r)
{
    perceptron p;
    size_t nw = (size_t)nfeat * NER_NLABELS;
    float *avg = malloc(nw * sizeof *avg);
    r->best = malloc(nw * sizeof *r->best);
    uint8_t *labels = malloc(t->dev.c->ntokens + 1);
    uint32_t *order = malloc((t->train.c->nsent + 1) * sizeof *order);
    ng_status st = NG_ERR_NOMEM;
    if (!perceptron_init(&p, nfeat) || !avg || !r->best || !labels || !order)
        goto done;
    uint64_t rng;
    xorshift_seed(&rng, t->opt->seed + (stage2 ? 7 : 0));
    for (uint32_t k = 0; k < t->train.c->nsent; k++)
        order[k] = k;
    r->dev_f1 = -1;
    r->epochs = 0;
    unsigned bad_epochs = 0;
    for (unsigned epoch = 1; epoch <= t->max_epochs; epoch++) {
        double t0 = train_now();
        shuffle(order, t->train.c->nsent, &rng);
        train_sentences(&p, &t->train, &t->dict, order, t->train.c->nsent);
        perceptron_average(&p, avg);
        if (stage2)
            tag_corpus(&t->dev, &t->dict, t->stage1_avg, t->nfeat1, false,
                       t->dev.pass1);
        tag_corpus(&t->dev, &t->dict, avg, nfeat, stage2, labels);
        double f1 = corpus_f1(&t->dev, labels, NULL);
        train_progress(t, "stage %d epoch %u: dev F1 %.2f (%.1f s)",
                       stage2 ? 2 : 1, epoch, f1, train_now() - t0);
        if (f1 > r->dev_f1) {
            r->dev_f1 = f1;
            r->epochs = epoch;
            memcpy(r->best, avg, nw * sizeof *avg);
            bad_epochs = 0;
        } else if (++bad_epochs >= t->patience) {
            break;
        }
    }
    st = NG_OK;
done:
    perceptron_free(&p);
    free(avg);
    free(labels);
    free(order);
    return st;
}

/* ---- jackknife
 * ------------------------------------------------------------------ */

typedef struct fold_job {
    train_ctx *t;
    unsigned fold;
    ng_status status;
} fold_job;

/* Trains stage 1 on every fold but one for the chosen epochs and tags the
 * held-out fold's documents into train.pass1. */
static void run_fold(train_ctx *t, unsigned fold, fold_job *job)
{
    const train_corpus *cp = &t->train;
    perceptron p;
    uint32_t *order = malloc((cp->c->nsent + 1) * sizeof *order);
    float *avg = malloc((size_t)t->nfeat1 * NER_NLABELS * sizeof *avg);
    job->status = NG_ERR_NOMEM;
    if (!order || !avg || !perceptron_init(&p, t->nfeat1)) {
        free(order);
        free(avg);
        return;
    }
    size_t n = 0;
    for (size_t k = 0; k < cp->ndocs; k++) {
        if (t->doc_fold[k] == fold)
            continue;
        for (uint32_t s = cp->c->doc_sent[k]; s < cp->c->doc_sent[k + 1]; s++)
            order[n++] = s;
    }
    uint64_t rng;
    xorshift_seed(&rng, t->opt->seed + 100 + fold);
    for (unsigned e = 0; e < t->stage1_epochs; e++) {
        shuffle(order, n, &rng);
        train_sentences(&p, cp, &t->dict, order, n);
    }
    perceptron_average(&p, avg);
    int16_t *q = (int16_t *)p.w; /* reused: the training weights are done */
    ner_weights w = {.dict = {t->dict.b.slots, t->dict.b.mask},
                     .rows = q,
                     .nrows = t->nfeat1};
    ner_quantize(avg, (size_t)t->nfeat1 * NER_NLABELS, q, &w.scale);
    for (size_t k = 0; k < cp->ndocs; k++) {
        if (t->doc_fold[k] != fold)
            continue;
        const ner_doc *doc = &cp->docs[k];
        size_t t0 = (size_t)(doc->tokens - cp->c->tokens);
        ner_tag_stage(&w, doc, cp->info + t0, NULL, cp->pass1 + t0);
    }
    perceptron_free(&p);
    free(order);
    free(avg);
    job->status = NG_OK;
}

typedef struct fold_worker {
    train_ctx *t;
    fold_job *jobs;
    unsigned first, step;
} fold_worker;

static void *fold_thread(void *arg)
{
    fold_worker *w = arg;
    for (unsigned f = w->first; f < JACKKNIFE; f += w->step)
        run_fold(w->t, f, &w->jobs[f]);
    return NULL;
}

static ng_status jackknife(train_ctx *t)
{
    uint32_t *docs = malloc((t->train.ndocs + 1) * sizeof *docs);
    t->doc_fold = malloc((t->train.ndocs + 1) * sizeof *t->doc_fold);
    if (!docs || !t->doc_fold) {
        free(docs);
        return NG_ERR_NOMEM;
    }
    uint64_t rng;
    xorshift_seed(&rng, t->opt->seed + 50);
    for (uint32_t k = 0; k < t->train.ndocs; k++)
        docs[k] = k;
    shuffle(docs, t->train.ndocs, &rng);
    for (uint32_t k = 0; k < t->train.ndocs; k++)
        t->doc_fold[docs[k]] = (uint8_t)(k % JACKKNIFE);
    free(docs);
    fold_job jobs[JACKKNIFE];
    unsigned nthreads = t->threads > JACKKNIFE ? JACKKNIFE : t->threads;
    pthread_t tid[JACKKNIFE];
    fold_worker workers[JACKKNIFE];
    unsigned started = 0;
    double t0 = train_now();
    for (unsigned i = 1; i < nthreads; i++) {
        workers[i] = (fold_worker){t, jobs, i, nthreads};
        if (pthread_create(&tid[i], NULL, fold_thread, &workers[i]) != 0)
            break;
        started = i;
    }
    /* Folds of threads that did not start run here. */
    workers[0] = (fold_worker){t, jobs, 0, started + 1};
    fold_thread(&workers[0]);
    for (unsigned i = 1; i <= started; i++)
        pthread_join(tid[i], NULL);
    for (unsigned f = 0; f < JACKKNIFE; f++)
        if (jobs[f].status != NG_OK)
            return jobs[f].status;
    train_progress(t,
                   "stage 1 on %d folds for stage 2's training facts "
                   "(%.1f s)",
                   JACKKNIFE, train_now() - t0);
    return NG_OK;
}

/* ---- the whole run
 * ------------------------------------------------------------------ */

static ng_status train_run(train_ctx *t)
{
    ng_status st;
    if ((st = train_load(t)) != NG_OK)
        return st;
    /* Stage 1. */
    if ((st = train_features(t, &t->train, false, true)) != NG_OK)
        return st;
    t->nfeat1 = t->dict.n;
    train_progress(t, "stage 1: %u features", t->nfeat1);
    stage_result r1 = {0};
    st = train_stage(t, false, t->nfeat1, &r1);
    t->stage1_avg = r1.best;
    if (st != NG_OK)
        return st;
    t->stage1_epochs = r1.epochs;
    train_progress(t, "stage 1: best epoch %u, dev F1 %.2f", r1.epochs,
                   r1.dev_f1);
    /* Stage 2's facts: jackknifed on train, stage 1 on dev. */
    if ((st = jackknife(t)) != NG_OK)
        return st;
    tag_corpus(&t->dev, &t->dict, t->stage1_avg, t->nfeat1, false,
               t->dev.pass1);
    train_docinfo(t, &t->train);
    train_docinfo(t, &t->dev);
    if ((st = train_features(t, &t->train, true, true)) != NG_OK)
        return st;
    t->nfeat2 = t->dict.n;
    train_progress(t, "stage 2: %u features", t->nfeat2);
    stage_result r2 = {0};
    st = train_stage(t, true, t->nfeat2, &r2);
    t->stage2_avg = r2.best;
    if (st != NG_OK)
        return st;
    t->stage2_epochs = r2.epochs;
    t->dev_f1 = r2.dev_f1;
    train_progress(t, "stage 2: best epoch %u, dev F1 %.2f", r2.epochs,
                   r2.dev_f1);
    return train_write(t);
}

ng_status ng_ner_train(const ng_ner_train_options *opt, ng_ner_score *dev,
                       char *message, size_t size)
{
    if (!opt || !opt->train_path || !opt->dev_path || !opt->output_path)
        return NG_ERR_ARG;
    train_ctx t;
    memset(&t, 0, sizeof t);
    t.opt = opt;
    t.max_epochs = opt->max_epochs ? opt->max_epochs : DEFAULT_EPOCHS;
    t.patience = opt->patience ? opt->patience : DEFAULT_PATIENCE;
    t.threads = opt->threads ? opt->threads : 2;
    buf_init(&t.msg, 4096);
    t.started = train_now();
    ng_status st = train_run(&t);
    if (st == NG_OK && dev)
        st = train_dev_score(&t, dev);
    if (message && size) {
        const char *m = st == NG_OK ? "" : buf_cstr(&t.msg);
        snprintf(message, size, "%s", *m ? m : ng_strerror(st));
    }
    train_free(&t);
    return st;
}
