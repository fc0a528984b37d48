/*
 * fault.h -- fault injection for the test programs in tests/fault/: the
 * Nth allocation (or other resource request) after fault_arm(N) fails.
 *
 * The library calls malloc and friends directly, so the hook is at link
 * time: the programs here are linked with -Wl,--wrap=SYMBOL for every
 * symbol below (FAULT_WRAP in the Makefile), which sends the library's
 * calls to __wrap_SYMBOL while __real_SYMBOL is the C library's (or the
 * sanitizer's) own. Shared libraries are not relinked, so their
 * allocations are hooked through their own configuration instead:
 * SQLite's with SQLITE_CONFIG_MALLOC (fault_install). utf8proc has no
 * such hook; its one allocating call, utf8proc_map, is wrapped whole.
 *
 * jansson's allocations (json_set_alloc_funcs) are hooked only with
 * FAULT_JANSSON=1 in the environment: jansson 2.14 cannot report running
 * out of memory while parsing. It returns a syntax error ("invalid token
 * near ...") or none at all, and an allocation failing inside a string
 * with escapes stops the program on assert(0) in lex_scan_string
 * (load.c:442). Nothing in newsgraph can tell those from bad input.
 * Allocations the C library makes inside fopen, opendir or getline are
 * not counted, but fopen and pthread_create themselves are.
 *
 * fault_arm(N) fails the Nth request only: the code must notice it, clean
 * up and report it while everything after it works again.
 * fault_arm_sticky(N) fails the Nth and every one after it, as when memory
 * has run out: cleaning up and reporting must then need no memory. Counting is
 * atomic, so threads may allocate; which thread gets the Nth request then
 * varies from run to run.
 *
 * Header-only: each test is one program.
 */
#ifndef NG_TEST_FAULT_H
#define NG_TEST_FAULT_H

#include <errno.h>
#include <execinfo.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static atomic_long fault_seen;   /* requests since fault_arm */
static atomic_long fault_target; /* the request that fails; 0 = none */
static atomic_bool fault_hit;    /* the target was reached */
static atomic_bool fault_sticky; /* every request after the target fails */

/* The nth request from now fails; 0 turns failures off (requests are
 * still counted). */
static inline void fault_arm(long n)
{
    atomic_store(&fault_hit, false);
    atomic_store(&fault_seen, 0);
    atomic_store(&fault_sticky, false);
    atomic_store(&fault_target, n);
}

/* The nth request from now and every one after it fail. */
static inline void fault_arm_sticky(long n)
{
    fault_arm(n);
    atomic_store(&fault_sticky, true);
}

static inline void fault_disarm(void)
{
    atomic_store(&fault_target, 0);
}

/* Requests counted since fault_arm. */
static inline long fault_count(void)
{
    return atomic_load(&fault_seen);
}

/* True when the armed request was reached (and failed). */
static inline bool fault_fired(void)
{
    return atomic_load(&fault_hit);
}

/* Counts one request; true when it must fail. */
static inline bool fault_now(void)
{
    long n = atomic_fetch_add(&fault_seen, 1) + 1;
    long target = atomic_load(&fault_target);
    if (target == 0 || n < target ||
        (n > target && !atomic_load(&fault_sticky)))
        return false;
    if (n > target)
        return true;
    atomic_store(&fault_hit, true);
    if (getenv("FAULT_BACKTRACE")) { /* where it failed, for debugging */
        void *frames[32];
        int depth = backtrace(frames, 32);
        fprintf(stderr, "fault.h: request %ld fails here:\n", n);
        backtrace_symbols_fd(frames, depth, 2);
    }
    return true;
}

/* ---- the C library, through --wrap ---------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_fopen(const char *path, const char *mode);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr,
                          void *(*fn)(void *), void *arg);
utf8proc_ssize_t __real_utf8proc_map(const utf8proc_uint8_t *s,
                                     utf8proc_ssize_t len,
                                     utf8proc_uint8_t **out,
                                     utf8proc_option_t options);

void *__wrap_malloc(size_t size)
{
    return fault_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fault_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return fault_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return fault_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fault_now() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    if (fault_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __real_fopen(path, mode);
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
                          void *(*fn)(void *), void *arg)
{
    return fault_now() ? EAGAIN : __real_pthread_create(t, attr, fn, arg);
}

utf8proc_ssize_t __wrap_utf8proc_map(const utf8proc_uint8_t *s,
                                     utf8proc_ssize_t len,
                                     utf8proc_uint8_t **out,
                                     utf8proc_option_t options)
{
    if (fault_now()) {
        *out = NULL;
        return UTF8PROC_ERROR_NOMEM;
    }
    return __real_utf8proc_map(s, len, out, options);
}

/* ---- SQLite and jansson, through their own hooks ------------------- */

static sqlite3_mem_methods fault_sqlite_default;

static void *fault_sqlite_malloc(int n)
{
    return fault_now() ? NULL : fault_sqlite_default.xMalloc(n);
}

static void *fault_sqlite_realloc(void *p, int n)
{
    return fault_now() ? NULL : fault_sqlite_default.xRealloc(p, n);
}

static void *fault_json_malloc(size_t n)
{
    return fault_now() ? NULL : __real_malloc(n);
}

/* Routes SQLite's (and with FAULT_JANSSON=1 jansson's) allocations
 * through the counter; call first thing in main, before SQLite is used. */
static inline void fault_install(void)
{
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &fault_sqlite_default) !=
        SQLITE_OK) {
        fprintf(stderr, "fault.h: SQLITE_CONFIG_GETMALLOC failed\n");
        abort();
    }
    sqlite3_mem_methods hooked = fault_sqlite_default;
    hooked.xMalloc = fault_sqlite_malloc;
    hooked.xRealloc = fault_sqlite_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &hooked) != SQLITE_OK) {
        fprintf(stderr, "fault.h: SQLITE_CONFIG_MALLOC failed\n");
        abort();
    }
    const char *jansson = getenv("FAULT_JANSSON");
    if (jansson && strcmp(jansson, "1") == 0)
        json_set_alloc_funcs(fault_json_malloc, free);
}

#endif /* NG_TEST_FAULT_H */
