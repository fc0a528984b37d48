/*
 * support.h -- helpers shared by the cmocka test programs: files, temporary
 * directories, running the newsgraph binary. Header-only (each test is one
 * program).
 */
#ifndef NG_TEST_SUPPORT_H
#define NG_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "newsgraph.h"

/* Reads a whole file (NUL-terminated); fails the test when it cannot. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return data;
}

static inline void test_write_file(const char *path, const void *data,
                                   size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot create %s", path);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* A new empty directory under $TMPDIR (or /tmp); the caller frees it. */
static inline char *test_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *path = malloc(4096);
    assert_non_null(path);
    snprintf(path, 4096, "%s/newsgraph-test-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(path))
        fail_msg("mkdtemp failed");
    return path;
}

/* Removes a directory tree made by a test. */
static inline void test_remove_tree(const char *path)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

/* Joins dir and name into a static-lifetime-free buffer the caller owns. */
static inline char *test_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* A malloc'ed copy of s[0..n). */
static inline char *str_ndup_test(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    assert_non_null(p);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* The newsgraph binary under test ($NEWSGRAPH, set by make test). */
static inline const char *test_binary(void)
{
    const char *bin = getenv("NEWSGRAPH");
    return bin && *bin ? bin : "build/newsgraph";
}

/* Removes a SQLite store and its -wal and -shm files. */
static inline void test_remove_store(const char *path)
{
    char name[4200];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "%s%s", path, suffix[i]);
        unlink(name);
    }
}

/* Seconds of the monotonic clock. */
static inline double test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts `newsgraph ingest --quiet --batch BATCH --db DB CORPUS` in a
 * child whose output goes to /dev/null; its pid. */
static inline pid_t test_start_ingest(const char *db, const char *corpus,
                                      const char *batch)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(126);
        execl(test_binary(), test_binary(), "ingest", "--quiet", "--batch",
              batch, "--db", db, corpus, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* The same ingest run to its end: its exit status. */
static inline int test_run_ingest(const char *db, const char *corpus,
                                  const char *batch)
{
    int status;
    pid_t pid = test_start_ingest(db, corpus, batch);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

#endif /* NG_TEST_SUPPORT_H */
