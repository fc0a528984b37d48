/*
 * ingest.c -- ng_ingest: the calling thread reads articles, worker threads
 * analyze them, and one writer thread stores them in input order, in
 * batched transactions.
 *
 * The three roles meet in a ring of slots indexed by sequence number:
 *   reader  fills slot[seq] while fewer than `ring_size` are in flight;
 *   workers claim the oldest unclaimed slot and analyze it;
 *   writer  takes the run of analyzed slots at the head and stores them.
 * Writing in input order makes the store's row order deterministic, and
 * the ring bounds memory whatever the input size. Each role sleeps on its
 * own condition and is woken only when its next step is possible: waking
 * everybody on every change cost more than the analysis itself.
 *
 * Re-ingesting is cheap: when the store already holds articles, each
 * worker looks the article's id and content hash up on its own read-only
 * connection (WAL lets it read beside the writer) and skips the analysis
 * of an unchanged article.
 *
 * A transaction commits after `batch` articles or two seconds, whichever
 * comes first, and whenever the writer would otherwise wait with
 * uncommitted work: large transactions keep FTS5 flushing few, large
 * segments; the time limit keeps concurrent readers close behind.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

enum { RING_PER_THREAD = 64, DEFAULT_BATCH = 10000, MAX_THREADS = 256 };

/* Text bytes in flight (read, not yet written) per worker: with the
 * analyses they wait in, what bounds memory when articles are large; the
 * ring's slot count bounds it when they are small. One article is always
 * let in, however large. */
#define RING_BYTES_PER_THREAD ((size_t)4 << 20)
#define COMMIT_SECONDS        2.0

typedef struct slot {
    ng_article *article;   /* owned until written */
    ng_analysis *analysis; /* owned until written */
    ng_status status;
    bool analyzed;
    bool unchanged; /* stored with the same hash: nothing to do */
} slot;

typedef struct ingest {
    const ng_analyzer *analyzer;
    const ng_ingest_options *opt;
    const char *db_path; /* for the workers' read-only look-ups */
    bool precheck;       /* the store had articles when we began */
    store_writer *writer;
    unsigned batch;
    pthread_mutex_t lock;
    pthread_cond_t work; /* workers: a slot to analyze, or the end */
    pthread_cond_t head; /* writer: slot[next_write] is analyzed */
    pthread_cond_t room; /* reader: the ring has a free slot */
    slot *ring;
    size_t ring_size;
    size_t ring_bytes, ring_bytes_max; /* text in flight, and its cap */
    uint64_t next_seq;                 /* next slot the reader fills */
    uint64_t next_claim;               /* next slot a worker analyzes */
    uint64_t next_write;               /* next slot the writer stores */
    bool input_done;                   /* the reader has read everything */
    bool stop;                         /* a fatal error: everybody stops */
    ng_status fatal;
    ng_ingest_progress progress;
    /* Articles added and updated by committed transactions (the writer's):
     * after a failure, what the store really holds. */
    uint64_t committed_added, committed_updated;
} ingest;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits on `cond` for at most `seconds`. Lock held. */
static void timed_wait(ingest *g, pthread_cond_t *cond, double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long ns = ts.tv_nsec + (long)(seconds * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(cond, &g->lock, &ts);
}

static void wake_all(ingest *g)
{
    pthread_cond_broadcast(&g->work);
    pthread_cond_broadcast(&g->head);
    pthread_cond_broadcast(&g->room);
}

/* Records the first fatal error and wakes everybody. Lock held. */
static void fail(ingest *g, ng_status st)
{
    if (!g->stop) {
        g->stop = true;
        g->fatal = st;
    }
    wake_all(g);
}

static slot *slot_at(ingest *g, uint64_t seq)
{
    return &g->ring[seq % g->ring_size];
}

/* ---- workers ------------------------------------------------------------ */

typedef struct lookup {
    sqlite3 *db;
    sqlite3_stmt *find;
} lookup;

/* A read-only connection for unchanged-article checks; all NULL (no
 * checks, every article analyzed) when it cannot be had. */
static lookup lookup_open(const ingest *g)
{
    lookup l = {NULL, NULL};
    if (!g->precheck ||
        sqlite3_open_v2(g->db_path, &l.db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(l.db, "SELECT hash FROM articles WHERE doc_id = ?",
                           -1, &l.find, NULL) != SQLITE_OK) {
        sqlite3_close(l.db);
        l.db = NULL;
    }
    return l;
}

static void lookup_close(lookup *l)
{
    sqlite3_finalize(l->find);
    sqlite3_close(l->db);
}

/* True when the store holds this article with the same content hash. */
static bool is_unchanged(const ingest *g, lookup *l, const ng_article *a)
{
    if (!l->find)
        return false;
    sqlite3_bind_text(l->find, 1, a->id, -1, SQLITE_STATIC);
    bool same = sqlite3_step(l->find) == SQLITE_ROW &&
                (uint64_t)sqlite3_column_int64(l->find, 0) ==
                    ng_article_hash(g->analyzer, a);
    sqlite3_reset(l->find);
    sqlite3_clear_bindings(l->find);
    return same;
}

static void *worker_main(void *arg)
{
    ingest *g = arg;
    lookup l = lookup_open(g);
    pthread_mutex_lock(&g->lock);
    for (;;) {
        while (!g->stop && g->next_claim == g->next_seq && !g->input_done)
            pthread_cond_wait(&g->work, &g->lock);
        if (g->stop || g->next_claim == g->next_seq)
            break;
        uint64_t seq = g->next_claim++;
        slot *s = slot_at(g, seq);
        pthread_mutex_unlock(&g->lock);
        ng_analysis *an = NULL;
        bool unchanged = is_unchanged(g, &l, s->article);
        ng_status st =
            unchanged ? NG_OK : ng_analyze(g->analyzer, s->article, &an);
        pthread_mutex_lock(&g->lock);
        s->analysis = an;
        s->status = st;
        s->unchanged = unchanged;
        s->analyzed = true;
        if (seq == g->next_write)
            pthread_cond_signal(&g->head);
    }
    pthread_mutex_unlock(&g->lock);
    lookup_close(&l);
    return NULL;
}

/* ---- the writer ---------------------------------------------------------- */

typedef struct txn {
    bool open;
    unsigned count;
    double started;
    uint64_t added, updated; /* by this transaction */
} txn;

static ng_status txn_commit(ingest *g, txn *t)
{
    t->open = false;
    ng_status st = store_writer_commit(g->writer);
    if (st == NG_OK) {
        g->committed_added += t->added;
        g->committed_updated += t->updated;
    }
    return st;
}

/* An article that cannot be analyzed (bad text, too many tokens): it is
 * reported and skipped, and the ingest goes on. */
static bool skipped_item(const slot *s)
{
    return s->status == NG_ERR_INPUT || s->status == NG_ERR_TOO_LARGE;
}

/* Stores one slot (lock not held). Bad input is reported, not fatal. */
static ng_status write_slot(ingest *g, txn *t, slot *s, store_outcome *out)
{
    *out = STORE_SAME;
    if (skipped_item(s) || s->unchanged)
        return NG_OK;
    if (s->status != NG_OK)
        return s->status;
    if (!t->open) {
        ng_status st = store_writer_begin(g->writer);
        if (st != NG_OK)
            return st;
        *t = (txn){.open = true, .started = now_seconds()};
    }
    ng_status st = store_writer_put(g->writer, s->analysis, out);
    t->added += st == NG_OK && *out == STORE_ADDED;
    t->updated += st == NG_OK && *out == STORE_UPDATED;
    if (st == NG_OK &&
        (++t->count >= g->batch || now_seconds() - t->started > COMMIT_SECONDS))
        st = txn_commit(g, t);
    return st;
}

/* Counts a written slot, reports bad input, frees it. Lock held. */
static void retire_slot(ingest *g, slot *s, store_outcome outcome)
{
    if (skipped_item(s)) {
        g->progress.items_skipped++;
        if (g->opt && g->opt->on_problem) {
            char msg[512];
            snprintf(
                msg, sizeof msg, "%s: %s%s", s->article->origin,
                ng_strerror(s->status),
                s->status == NG_ERR_TOO_LARGE
                    ? " (more than " NG_STR(NG_MAX_ARTICLE_TOKENS) " tokens)"
                    : "");
            g->opt->on_problem(g->opt->ctx, s->status, msg);
        }
    } else if (outcome == STORE_ADDED) {
        g->progress.articles_added++;
    } else if (outcome == STORE_UPDATED) {
        g->progress.articles_updated++;
    } else {
        g->progress.articles_same++;
    }
    g->ring_bytes -= s->article->text_len;
    ng_analysis_free(s->analysis);
    ng_article_free(s->article);
    memset(s, 0, sizeof *s);
}

/* Waits until the head slot is analyzed, committing an open transaction
 * that grows old meanwhile (a slow input must not keep articles from
 * readers). Returns the number of analyzed slots at the head (0: nothing
 * more to write). Lock held. */
static uint64_t wait_for_head(ingest *g, txn *t)
{
    for (;;) {
        if (g->stop)
            return 0;
        uint64_t n = 0;
        while (g->next_write + n < g->next_seq &&
               slot_at(g, g->next_write + n)->analyzed)
            n++;
        if (n > 0)
            return n;
        if (g->input_done && g->next_write == g->next_seq)
            return 0;
        if (!t->open) {
            pthread_cond_wait(&g->head, &g->lock);
            continue;
        }
        double left = t->started + COMMIT_SECONDS - now_seconds();
        if (left > 0) {
            timed_wait(g, &g->head, left);
            continue;
        }
        pthread_mutex_unlock(&g->lock);
        ng_status st = txn_commit(g, t);
        pthread_mutex_lock(&g->lock);
        if (st != NG_OK)
            fail(g, st);
    }
}

static void *writer_main(void *arg)
{
    ingest *g = arg;
    txn t = {0};
    ng_status st = NG_OK;
    store_outcome outcome[256];
    pthread_mutex_lock(&g->lock);
    uint64_t n;
    while ((n = wait_for_head(g, &t)) > 0) {
        if (n > 256)
            n = 256;
        uint64_t first = g->next_write;
        pthread_mutex_unlock(&g->lock);
        uint64_t done = 0;
        while (done < n && st == NG_OK) {
            st = write_slot(g, &t, slot_at(g, first + done), &outcome[done]);
            done += st == NG_OK;
        }
        pthread_mutex_lock(&g->lock);
        for (uint64_t i = 0; i < done; i++)
            retire_slot(g, slot_at(g, first + i), outcome[i]);
        g->next_write += done;
        pthread_cond_signal(&g->room);
        if (st != NG_OK) {
            fail(g, st);
            break;
        }
    }
    bool stopped = g->stop;
    pthread_mutex_unlock(&g->lock);
    if (t.open && !stopped && (st = txn_commit(g, &t)) != NG_OK) {
        pthread_mutex_lock(&g->lock);
        fail(g, st);
        stopped = true;
        pthread_mutex_unlock(&g->lock);
    }
    if (stopped)
        store_writer_rollback(g->writer);
    return NULL;
}

/* ---- the reader (calling thread) ------------------------------------------
 */

/* Calls on_progress at most four times a second (always when `last` is
 * NULL). Lock held or threads gone. */
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

/* True when the ring can take an article of `bytes` more text. */
static bool ring_has_room(const ingest *g, size_t bytes)
{
    uint64_t in_flight = g->next_seq - g->next_write;
    return in_flight < g->ring_size &&
           (in_flight == 0 || g->ring_bytes + bytes <= g->ring_bytes_max);
}

/* Puts an article into the ring, waiting for room. Lock held. */
static void enqueue(ingest *g, ng_article *a, ng_reader *reader, double *last)
{
    while (!g->stop && !ring_has_room(g, a->text_len)) {
        timed_wait(g, &g->room, 0.25);
        report_progress(g, reader, last);
    }
    if (g->stop) {
        ng_article_free(a);
        return;
    }
    slot_at(g, g->next_seq++)->article = a;
    g->ring_bytes += a->text_len;
    g->progress.articles_read++;
    pthread_cond_signal(&g->work);
}

static void read_all(ingest *g, ng_reader *reader)
{
    double last = 0;
    for (;;) {
        ng_article *a = NULL;
        ng_status st = ng_reader_next(reader, &a);
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
                g->opt->on_problem(g->opt->ctx, st, ng_reader_message(reader));
        } else {
            enqueue(g, a, reader, &last);
        }
        report_progress(g, reader, &last);
        pthread_mutex_unlock(&g->lock);
    }
    g->input_done = true;
    wake_all(g);
    while (!g->stop && g->next_write < g->next_seq) {
        timed_wait(g, &g->room, 0.25);
        report_progress(g, reader, &last);
    }
    pthread_mutex_unlock(&g->lock);
}

static bool store_has_articles(ng_store *s)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM articles LIMIT 1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return false;
    bool any = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return any;
}

static unsigned thread_count(const ng_ingest_options *opt)
{
    if (opt && opt->threads)
        return opt->threads > MAX_THREADS ? MAX_THREADS : opt->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

/* Starts the writer and the workers, reads, and waits for them all. */
static void run_threads(ingest *g, ng_store *store, ng_reader *reader,
                        unsigned nworkers)
{
    pthread_t writer, *workers = calloc(nworkers, sizeof *workers);
    unsigned started = 0;
    bool writer_started =
        workers && pthread_create(&writer, NULL, writer_main, g) == 0;
    for (; writer_started && started < nworkers; started++)
        if (pthread_create(&workers[started], NULL, worker_main, g) != 0)
            break;
    if (!writer_started || started == 0) {
        pthread_mutex_lock(&g->lock);
        fail(g, store_fail(store, NG_ERR_NOMEM, "cannot start threads"));
        pthread_mutex_unlock(&g->lock);
    } else {
        read_all(g, reader);
    }
    pthread_mutex_lock(&g->lock);
    g->input_done = true;
    wake_all(g);
    pthread_mutex_unlock(&g->lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (writer_started)
        pthread_join(writer, NULL);
    free(workers);
}

ng_status ng_ingest(ng_store *store, const ng_analyzer *analyzer,
                    ng_reader *reader, const ng_ingest_options *options,
                    ng_ingest_progress *progress)
{
    if (!store || !analyzer || !reader)
        return NG_ERR_ARG;
    ingest g = {.analyzer = analyzer,
                .opt = options,
                .db_path = store->path,
                .precheck = store_has_articles(store)};
    g.batch = options && options->batch ? options->batch : DEFAULT_BATCH;
    unsigned nworkers = thread_count(options);
    g.ring_size = (size_t)nworkers * RING_PER_THREAD;
    g.ring_bytes_max = nworkers * RING_BYTES_PER_THREAD;
    g.ring = calloc(g.ring_size, sizeof *g.ring);
    ng_status st = g.ring ? store_writer_new(store, &g.writer) : NG_ERR_NOMEM;
    if (st != NG_OK) {
        free(g.ring);
        return st;
    }
    pthread_mutex_init(&g.lock, NULL);
    pthread_cond_init(&g.work, NULL);
    pthread_cond_init(&g.head, NULL);
    pthread_cond_init(&g.room, NULL);
    run_threads(&g, store, reader, nworkers);
    report_progress(&g, reader, NULL);
    for (size_t i = 0; i < g.ring_size; i++) { /* left by a stopped run */
        ng_analysis_free(g.ring[i].analysis);
        ng_article_free(g.ring[i].article);
    }
    store_writer_free(g.writer);
    pthread_cond_destroy(&g.work);
    pthread_cond_destroy(&g.head);
    pthread_cond_destroy(&g.room);
    pthread_mutex_destroy(&g.lock);
    free(g.ring);
    if (g.stop) { /* the last transaction was rolled back */
        g.progress.articles_added = g.committed_added;
        g.progress.articles_updated = g.committed_updated;
    }
    if (progress)
        *progress = g.progress;
    return g.stop ? g.fatal : NG_OK;
}
