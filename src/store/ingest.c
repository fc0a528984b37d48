/*
 * ingest.c -- ng_ingest: the calling thread reads articles, worker threads
 * analyze them, and one writer thread stores them in input order, in
 * batched transactions.
 *
 * The three roles meet in a ring of slots indexed by sequence number:
 *   reader  fills slot[seq] while fewer than RING articles are in flight;
 *   workers claim the oldest unclaimed slot and analyze it;
 *   writer  waits for slot[written] to be analyzed and stores it.
 * Writing in input order makes the store's row order deterministic, and
 * the ring bounds memory to RING articles whatever the input size.
 * A transaction commits every `batch` articles and whenever the writer
 * would otherwise wait with uncommitted work older than a second.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

enum { RING_PER_THREAD = 64, DEFAULT_BATCH = 1000, MAX_THREADS = 256 };

typedef struct slot {
    ng_article *article;   /* owned until analyzed */
    ng_analysis *analysis; /* owned until written */
    ng_status status;
    bool analyzed;
} slot;

typedef struct ingest {
    ng_store *store;
    const ng_analyzer *analyzer;
    const ng_ingest_options *opt;
    store_writer *writer;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* any slot or counter changed */
    slot *ring;
    size_t ring_size;
    uint64_t next_seq;    /* next slot the reader fills */
    uint64_t next_claim;  /* next slot a worker analyzes */
    uint64_t next_write;  /* next slot the writer stores */
    bool input_done;      /* the reader has read everything */
    bool stop;            /* a fatal error: everybody stops */
    ng_status fatal;
    ng_ingest_progress progress;
} ingest;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits on the condition for at most `seconds`. */
static void timed_wait(ingest *g, double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long ns = ts.tv_nsec + (long)(seconds * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(&g->changed, &g->lock, &ts);
}

/* Records the first fatal error and wakes everybody. Lock held. */
static void fail(ingest *g, ng_status st)
{
    if (!g->stop) {
        g->stop = true;
        g->fatal = st;
    }
    pthread_cond_broadcast(&g->changed);
}

/* ---- workers ------------------------------------------------------------ */

static void *worker_main(void *arg)
{
    ingest *g = arg;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        while (!g->stop && g->next_claim == g->next_seq && !g->input_done)
            pthread_cond_wait(&g->changed, &g->lock);
        if (g->stop || g->next_claim == g->next_seq)
            break;
        slot *s = &g->ring[g->next_claim++ % g->ring_size];
        ng_article *article = s->article;
        pthread_mutex_unlock(&g->lock);
        ng_analysis *an = NULL;
        ng_status st = ng_analyze(g->analyzer, article, &an);
        pthread_mutex_lock(&g->lock);
        s->analysis = an;
        s->status = st;
        s->analyzed = true;
        pthread_cond_broadcast(&g->changed);
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

/* ---- the writer ---------------------------------------------------------- */

/* Stores one analyzed slot; lock not held. Returns a fatal status or OK. */
static ng_status write_slot(ingest *g, slot *s, store_outcome *outcome)
{
    if (s->status != NG_OK)
        return s->status;
    return store_writer_put(g->writer, s->analysis, outcome);
}

/* Reports an article that could not be analyzed. Lock held. */
static void report_bad_article(ingest *g, const slot *s)
{
    g->progress.items_skipped++;
    if (g->opt && g->opt->on_problem) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: %s", s->article->origin,
                 ng_strerror(s->status));
        g->opt->on_problem(g->opt->ctx, s->status, msg);
    }
}

static void count(ingest *g, store_outcome outcome)
{
    if (outcome == STORE_ADDED)
        g->progress.articles_added++;
    else if (outcome == STORE_UPDATED)
        g->progress.articles_updated++;
    else
        g->progress.articles_same++;
}

/* Waits until slot[next_write] is analyzed, committing an old open
 * transaction instead of idling. Lock held. False when there is nothing
 * more to write. */
static bool wait_for_next(ingest *g, bool *in_txn, double *txn_start)
{
    for (;;) {
        if (g->stop)
            return false;
        if (g->next_write < g->next_seq &&
            g->ring[g->next_write % g->ring_size].analyzed)
            return true;
        if (g->input_done && g->next_write == g->next_seq)
            return false;
        if (*in_txn && now_seconds() - *txn_start > 1.0) {
            pthread_mutex_unlock(&g->lock);
            ng_status st = store_writer_commit(g->writer);
            pthread_mutex_lock(&g->lock);
            *in_txn = false;
            if (st != NG_OK)
                fail(g, st);
            continue;
        }
        timed_wait(g, 0.2);
    }
}

static void *writer_main(void *arg)
{
    ingest *g = arg;
    unsigned batch = g->opt && g->opt->batch ? g->opt->batch : DEFAULT_BATCH;
    unsigned in_batch = 0;
    bool in_txn = false;
    double txn_start = 0;
    ng_status st = NG_OK;
    pthread_mutex_lock(&g->lock);
    while (wait_for_next(g, &in_txn, &txn_start)) {
        slot *s = &g->ring[g->next_write % g->ring_size];
        pthread_mutex_unlock(&g->lock);
        if (!in_txn) {
            st = store_writer_begin(g->writer);
            in_txn = st == NG_OK;
            txn_start = now_seconds();
            in_batch = 0;
        }
        store_outcome outcome = STORE_SAME;
        bool bad_input = s->status == NG_ERR_INPUT;
        if (st == NG_OK && !bad_input)
            st = write_slot(g, s, &outcome);
        if (st == NG_OK && ++in_batch >= batch) {
            st = store_writer_commit(g->writer);
            in_txn = false;
        }
        pthread_mutex_lock(&g->lock);
        if (st != NG_OK) {
            fail(g, st);
            break;
        }
        if (bad_input)
            report_bad_article(g, s);
        else
            count(g, outcome);
        ng_analysis_free(s->analysis);
        ng_article_free(s->article);
        memset(s, 0, sizeof *s);
        g->next_write++;
        pthread_cond_broadcast(&g->changed);
    }
    bool stopped = g->stop;
    pthread_mutex_unlock(&g->lock);
    if (in_txn && !stopped && (st = store_writer_commit(g->writer)) != NG_OK) {
        pthread_mutex_lock(&g->lock);
        fail(g, st);
        pthread_mutex_unlock(&g->lock);
    }
    if (stopped || st != NG_OK)
        store_writer_rollback(g->writer);
    return NULL;
}

/* ---- the reader (calling thread) ------------------------------------------ */

static void report_progress(ingest *g, ng_reader *reader, double *last)
{
    if (!g->opt || !g->opt->on_progress)
        return;
    double t = now_seconds();
    if (last && t - *last < 0.25)
        return;
    if (last)
        *last = t;
    ng_reader_progress(reader, &g->progress.bytes_done,
                       &g->progress.bytes_total);
    g->opt->on_progress(g->opt->ctx, &g->progress);
}

/* Puts an article into the ring, waiting for room. Lock held. */
static void enqueue(ingest *g, ng_article *a, ng_reader *reader,
                    double *last)
{
    while (!g->stop && g->next_seq - g->next_write >= g->ring_size) {
        timed_wait(g, 0.25);
        report_progress(g, reader, last);
    }
    if (g->stop) {
        ng_article_free(a);
        return;
    }
    slot *s = &g->ring[g->next_seq++ % g->ring_size];
    s->article = a;
    g->progress.articles_read++;
    pthread_cond_broadcast(&g->changed);
}

static void read_all(ingest *g, ng_reader *reader)
{
    double last = 0;
    ng_status st;
    ng_article *a;
    for (;;) {
        st = ng_reader_next(reader, &a);
        pthread_mutex_lock(&g->lock);
        if (st == NG_DONE || g->stop) {
            ng_article_free(a);
            break;
        }
        if (st == NG_ERR_NOMEM) {
            fail(g, st);
            break;
        }
        if (st != NG_OK) {
            g->progress.items_skipped++;
            if (g->opt && g->opt->on_problem)
                g->opt->on_problem(g->opt->ctx, st,
                                   ng_reader_message(reader));
        } else {
            enqueue(g, a, reader, &last);
        }
        report_progress(g, reader, &last);
        pthread_mutex_unlock(&g->lock);
    }
    g->input_done = true;
    pthread_cond_broadcast(&g->changed);
    while (!g->stop && g->next_write < g->next_seq) {
        timed_wait(g, 0.25);
        report_progress(g, reader, &last);
    }
    pthread_mutex_unlock(&g->lock);
}

static unsigned thread_count(const ng_ingest_options *opt)
{
    if (opt && opt->threads)
        return opt->threads > MAX_THREADS ? MAX_THREADS : opt->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

/* Frees whatever a stopped run left in the ring. */
static void drain_ring(ingest *g)
{
    for (size_t i = 0; i < g->ring_size; i++) {
        ng_analysis_free(g->ring[i].analysis);
        ng_article_free(g->ring[i].article);
    }
}

ng_status ng_ingest(ng_store *store, const ng_analyzer *analyzer,
                    ng_reader *reader, const ng_ingest_options *options,
                    ng_ingest_progress *progress)
{
    if (!store || !analyzer || !reader)
        return NG_ERR_ARG;
    ingest g = {.store = store, .analyzer = analyzer, .opt = options};
    unsigned nworkers = thread_count(options);
    g.ring_size = (size_t)nworkers * RING_PER_THREAD;
    g.ring = calloc(g.ring_size, sizeof *g.ring);
    pthread_t *workers = calloc(nworkers, sizeof *workers);
    ng_status st = g.ring && workers ? store_writer_new(store, &g.writer)
                                     : NG_ERR_NOMEM;
    if (st != NG_OK) {
        free(g.ring);
        free(workers);
        return st;
    }
    pthread_mutex_init(&g.lock, NULL);
    pthread_cond_init(&g.changed, NULL);
    pthread_t writer;
    unsigned started = 0;
    bool writer_started = pthread_create(&writer, NULL, writer_main, &g) == 0;
    for (; writer_started && started < nworkers; started++)
        if (pthread_create(&workers[started], NULL, worker_main, &g) != 0)
            break;
    if (!writer_started || started == 0) {
        pthread_mutex_lock(&g.lock);
        fail(&g, store_fail(store, NG_ERR_NOMEM, "cannot start threads"));
        pthread_mutex_unlock(&g.lock);
    } else {
        read_all(&g, reader);
    }
    pthread_mutex_lock(&g.lock);
    g.input_done = true;
    pthread_cond_broadcast(&g.changed);
    pthread_mutex_unlock(&g.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (writer_started)
        pthread_join(writer, NULL);
    report_progress(&g, reader, NULL);
    drain_ring(&g);
    store_writer_free(g.writer);
    pthread_cond_destroy(&g.changed);
    pthread_mutex_destroy(&g.lock);
    free(g.ring);
    free(workers);
    if (progress)
        *progress = g.progress;
    return g.stop ? g.fatal : NG_OK;
}
