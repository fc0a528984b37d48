/*
 * bench_util.h -- small helpers shared by the bench programs: a monotonic
 * clock, the process and thread CPU clocks, and order statistics over an array
 * of doubles. Header-only (static inline) so each program is one .c file.
 *
 * Prefix: bench_.
 */
#ifndef NG_BENCH_UTIL_H
#define NG_BENCH_UTIL_H

#include <math.h>
#include <stdlib.h>
#include <time.h>

/* Wall-clock seconds from an arbitrary origin (CLOCK_MONOTONIC). */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by this process so far (all threads). */
static inline double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of the calling thread: per core, whatever else the machine
 * runs (the wall clock drifts on a shared machine). */
static inline double bench_thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) in place. */
static inline void bench_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_cmp_double);
}

/*
 * The p-th percentile (0 < p <= 100) of sorted v[0..n) by the nearest-rank
 * method: the smallest value with at least p% of the values at or below
 * it. 0 when n is 0.
 */
static inline double bench_percentile(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return 0;
    double rank = ceil(p / 100.0 * (double)n);
    size_t i = rank < 1 ? 0 : (size_t)rank - 1;
    return sorted[i < n ? i : n - 1];
}

/* The median of sorted v[0..n): the mean of the middle two when n is even. */
static inline double bench_median(const double *sorted, size_t n)
{
    if (n == 0)
        return 0;
    if (n % 2)
        return sorted[n / 2];
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

#endif /* NG_BENCH_UTIL_H */
