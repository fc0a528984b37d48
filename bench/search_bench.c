/*
 * search_bench.c -- search latency through the library API (ng_search),
 * on a warm store: a fixed set of news and finance queries suited to the
 * Reuters-21578 collection (1987), each run several times.
 *
 *   search_bench [--reps N] DB
 *
 * Every query first runs once to warm the page cache and SQLite's cache;
 * then each runs N times (default 20) with the default page size (top 10
 * and the count of all matches, as `newsgraph search` does). Prints, per
 * query, the number of matching articles and its median and max latency,
 * then p50, p95 and max over all timed calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "newsgraph.h"

enum { MAX_REPS = 10000 };

/* In the query language of src/store/query.c. */
static const char *const queries[] = {
    "oil prices",
    "\"trade deficit\"",
    "opec",
    "coffee AND brazil",
    "dollar NOT yen",
    "soyb*",
    "tags:coffee",
    "interest rates",
    "\"federal reserve\"",
    "wheat exports",
    "merger OR acquisition",
    "\"bank of japan\"",
    "gold",
    "strike",
    "sugar AND india",
    "\"first quarter\" profit",
    "takeover bid",
    "tokyo stock exchange",
    "title:coffee",
    "(crude OR petroleum) saudi",
    "\"money supply\"",
    "bundesbank",
    "\"net loss\"",
    "dividend*",
    "grain NOT wheat",
    "tags:OPEC",
    "\"U.S. Treasury\"",
    "cocoa ghana",
    "\"stock split\"",
    "yen OR mark OR sterling",
    "text:inflation",
    "gatt tariffs",
    "ec farm subsidies",
    "title:\"oil prices\"",
    "said",         /* stress: in most articles */
    "\"mln dlrs\"", /* stress: a very common phrase */
};

#define NQUERIES (sizeof queries / sizeof *queries)

/* Runs one query once; returns its latency in seconds, or -1 on error. */
static double time_query(ng_store *store, const char *q, uint64_t *total)
{
    ng_search_query sq = {.query = q};
    ng_search_result *res = NULL;
    double t0 = bench_now();
    ng_status st = ng_search(store, &sq, &res);
    double t = bench_now() - t0;
    if (st != NG_OK) {
        fprintf(stderr, "search_bench: %s: %s: %s\n", q, ng_strerror(st),
                ng_store_message(store));
        return -1;
    }
    *total = ng_search_result_total(res);
    ng_search_result_free(res);
    return t;
}

/* Times query q `reps` times into lat[0..reps); prints its line. */
static int bench_query(ng_store *store, const char *q, size_t reps, double *lat)
{
    uint64_t total = 0;
    for (size_t r = 0; r < reps; r++)
        if ((lat[r] = time_query(store, q, &total)) < 0)
            return 0;
    double sorted[MAX_REPS];
    memcpy(sorted, lat, reps * sizeof *lat);
    bench_sort(sorted, reps);
    printf("  %-28s %7llu %9.3f %9.3f\n", q, (unsigned long long)total,
           bench_median(sorted, reps) * 1e3, sorted[reps - 1] * 1e3);
    return 1;
}

static int run(ng_store *store, size_t reps)
{
    uint64_t total;
    for (size_t i = 0; i < NQUERIES; i++) /* warm-up */
        if (time_query(store, queries[i], &total) < 0)
            return 0;
    double *all = calloc(NQUERIES * reps, sizeof *all);
    if (!all)
        return 0;
    printf("  %-28s %7s %9s %9s\n", "query", "matches", "p50 ms", "max ms");
    size_t n = 0;
    int ok = 1;
    for (size_t i = 0; i < NQUERIES; i++) {
        if (bench_query(store, queries[i], reps, all + n))
            n += reps;
        else
            ok = 0;
    }
    bench_sort(all, n);
    printf("  all %zu queries x %zu reps (%zu calls): p50 %.3f ms, p95 %.3f "
           "ms, max %.3f ms\n",
           NQUERIES, reps, n, bench_percentile(all, n, 50) * 1e3,
           bench_percentile(all, n, 95) * 1e3, n ? all[n - 1] * 1e3 : 0);
    free(all);
    return ok;
}

int main(int argc, char **argv)
{
    size_t reps = 20;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--reps") == 0) {
        reps = strtoul(argv[i + 1], NULL, 10);
        i += 2;
    }
    if (i + 1 != argc || reps == 0 || reps > MAX_REPS) {
        fputs("usage: search_bench [--reps N (1-10000)] DB\n", stderr);
        return 2;
    }
    ng_store *store = NULL;
    ng_status st = ng_store_open(&store, argv[i], NG_STORE_READONLY);
    if (st != NG_OK) {
        fprintf(stderr, "search_bench: %s: %s: %s\n", argv[i], ng_strerror(st),
                ng_store_message(store));
        ng_store_close(store);
        return 1;
    }
    int ok = run(store, reps);
    ng_store_close(store);
    return ok ? 0 : 1;
}
