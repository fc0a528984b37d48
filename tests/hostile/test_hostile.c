/*
 * test_hostile.c -- hostile input through `newsgraph analyze`.
 *
 * The committed cases: every file in tests/hostile/cases/ has a
 * NAME.expect beside it that says what analyzing it must give, one fact
 * a line ('#' starts a comment):
 *   exit N       the exit status
 *   records N    the number of records on stdout
 *   stderr LINE  the next line of stderr, exactly (every line is listed)
 *   has TEXT     stdout contains TEXT
 *
 * The generated cases, streamed through a pipe and never written to
 * disk: one line of 1 GiB (the line cap, NG_MAX_LINE_BYTES, must stop it
 * without the reader holding more than about the cap: peak RSS is
 * checked) and a million tiny articles (the reader streams them in
 * bounded memory; a tenth of them go through the whole analysis), and an
 * article of more than NG_MAX_ARTICLE_TOKENS tokens (skipped by analyze
 * and ingest, which go on with the next).
 */
#include <dirent.h>
#include <limits.h>
#include <sys/resource.h>

#include "support.h"

#define CASES "tests/hostile/cases"

/* Peak RSS allowed to a run over a generated stream: the line cap's
 * buffer and the model (about 15 MB). */
#if defined(__SANITIZE_ADDRESS__)
/* Its quarantine of freed memory (256 MiB) and its shadow: still well
 * under the 1 GiB a line would take if it were held. */
#define RSS_LIMIT_KB (768 * 1024L)
/* AddressSanitizer holds freed memory back (its quarantine, its caches):
 * the reader's growth is checked by the plain build only. */
#define GROWTH_LIMIT_KB LONG_MAX
#else
#define RSS_LIMIT_KB    (96 * 1024L)
#define GROWTH_LIMIT_KB (16 * 1024L)
#endif

typedef struct run_result {
    int exit_code;
    long max_rss_kb;
    char *out; /* stdout, malloc'ed */
    char *err; /* stderr, malloc'ed */
} run_result;

/* Writes a generated input into fd (a pipe to newsgraph's stdin). */
typedef void (*generator)(int fd);

static void write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n <= 0)
            _exit(0); /* the reader stopped reading: fine */
        p += n;
        len -= (size_t)n;
    }
}

/* Runs `newsgraph ARGS...` with stdin from `gen` (or /dev/null), stdout
 * and stderr into files of `dir`. */
static run_result run_newsgraph(const char *dir, generator gen,
                                const char *const *args)
{
    char *out_path = test_path(dir, "stdout"),
         *err_path = test_path(dir, "stderr");
    int pipefd[2] = {-1, -1};
    pid_t feeder = -1;
    if (gen) {
        assert_int_equal(pipe(pipefd), 0);
        feeder = fork();
        assert_true(feeder >= 0);
        if (feeder == 0) {
            close(pipefd[0]);
            gen(pipefd[1]);
            close(pipefd[1]);
            _exit(0);
        }
        close(pipefd[1]);
    }
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (gen)
            dup2(pipefd[0], 0);
        else if (!freopen("/dev/null", "r", stdin))
            _exit(126);
        if (!freopen(out_path, "w", stdout) || !freopen(err_path, "w", stderr))
            _exit(126);
        const char *argv[16] = {test_binary()};
        size_t n = 1;
        for (; args[n - 1] && n < 15; n++)
            argv[n] = args[n - 1];
        argv[n] = NULL;
        execv(test_binary(), (char *const *)argv);
        _exit(127);
    }
    if (gen)
        close(pipefd[0]);
    int status;
    struct rusage usage;
    assert_int_equal(wait4(pid, &status, 0, &usage), pid);
    if (feeder > 0)
        assert_int_equal(waitpid(feeder, NULL, 0), feeder);
    if (!WIFEXITED(status))
        fail_msg("newsgraph %s died of signal %d", args[0], WTERMSIG(status));
    run_result r = {WEXITSTATUS(status), usage.ru_maxrss,
                    test_read_file(out_path, NULL),
                    test_read_file(err_path, NULL)};
    free(out_path);
    free(err_path);
    return r;
}

static void run_result_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- the committed cases ---------------------------------------------- */

/* Checks one case against its .expect; returns the number of facts that
 * did not hold (each printed). */
static int check_case(const char *dir, const char *name)
{
    char path[512], expect_path[600];
    snprintf(path, sizeof path, CASES "/%s", name);
    snprintf(expect_path, sizeof expect_path, "%s.expect", path);
    if (access(expect_path, R_OK) != 0) {
        print_error("%s: no %s.expect\n", name, name);
        return 1;
    }
    const char *args[] = {"analyze", path, NULL};
    run_result r = run_newsgraph(dir, NULL, args);
    char *expect = test_read_file(expect_path, NULL);
    int wrong = 0, facts = 0;
    const char *err_line = r.err;
    for (char *line = expect, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        facts++;
        long n;
        if (sscanf(line, "exit %ld", &n) == 1 && n != r.exit_code) {
            print_error("%s: exit %d, expected %ld\n", name, r.exit_code, n);
            wrong++;
        } else if (sscanf(line, "records %ld", &n) == 1 &&
                   (size_t)n != count_lines(r.out)) {
            print_error("%s: %zu records, expected %ld\n", name,
                        count_lines(r.out), n);
            wrong++;
        } else if (strncmp(line, "stderr ", 7) == 0) {
            size_t len = strlen(line + 7);
            if (strncmp(err_line, line + 7, len) != 0 ||
                err_line[len] != '\n') {
                print_error("%s: stderr line '%.*s', expected '%s'\n", name,
                            (int)strcspn(err_line, "\n"), err_line, line + 7);
                wrong++;
            } else {
                err_line += len + 1;
            }
        } else if (strncmp(line, "has ", 4) == 0 && !strstr(r.out, line + 4)) {
            print_error("%s: stdout lacks '%s'\n", name, line + 4);
            wrong++;
        } else if (strncmp(line, "exit ", 5) != 0 &&
                   strncmp(line, "records ", 8) != 0 &&
                   strncmp(line, "stderr ", 7) != 0 &&
                   strncmp(line, "has ", 4) != 0) {
            print_error("%s.expect: what is '%s'?\n", name, line);
            wrong++;
        }
    }
    if (*err_line) {
        print_error("%s: more on stderr: '%.*s'\n", name,
                    (int)strcspn(err_line, "\n"), err_line);
        wrong++;
    }
    if (facts < 2) {
        print_error("%s.expect says too little\n", name);
        wrong++;
    }
    free(expect);
    run_result_free(&r);
    return wrong;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_committed_cases(void **state)
{
    (void)state;
    DIR *d = opendir(CASES);
    assert_non_null(d);
    char *names[256];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 256;) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' ||
            (len > 7 && strcmp(e->d_name + len - 7, ".expect") == 0))
            continue;
        names[n++] = str_ndup_test(e->d_name, len);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    char *dir = test_temp_dir();
    int wrong = 0;
    for (size_t i = 0; i < n; i++) {
        wrong += check_case(dir, names[i]);
        free(names[i]);
    }
    test_remove_tree(dir);
    free(dir);
    print_message("%zu hostile cases\n", n);
    assert_true(n >= 20);
    assert_int_equal(wrong, 0);
}

/* ---- generated: one line of 1 GiB ------------------------------------ */

static void emit_long_run(int fd, size_t bytes)
{
    static char chunk[1 << 16];
    memset(chunk, 'a', sizeof chunk);
    for (size_t done = 0; done < bytes; done += sizeof chunk)
        write_all(fd, chunk, sizeof chunk);
}

/* A JSON Lines line of 1 GiB, then a good one. */
static void gigabyte_jsonl(int fd)
{
    static const char start[] = "{\"id\":\"huge\",\"text\":\"";
    write_all(fd, start, sizeof start - 1);
    emit_long_run(fd, (size_t)1 << 30);
    static const char rest[] =
        "\"}\n{\"id\":\"after\",\"text\":\"The line after is read.\"}\n";
    write_all(fd, rest, sizeof rest - 1);
}

/* A native article whose second paragraph is one line of 64 MiB. */
static void long_native(int fd)
{
    static const char head[] = "date 2024-01-08 #Long\n\nA paragraph.\n\n";
    write_all(fd, head, sizeof head - 1);
    emit_long_run(fd, (size_t)64 << 20);
    write_all(fd, "\n\nThe end.\n", 11);
}

static void test_gigabyte_line(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    const char *jsonl[] = {"analyze", "--format", "jsonl", "-", NULL};
    run_result r = run_newsgraph(dir, gigabyte_jsonl, jsonl);
    print_message("a 1 GiB line: exit %d, peak RSS %ld MiB\n", r.exit_code,
                  r.max_rss_kb / 1024);
    assert_int_equal(r.exit_code, 3);
    assert_string_equal(r.err, "stdin:1: line longer than the cap of 16777216 "
                               "bytes\n");
    assert_int_equal(count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "\"id\":\"after\""));
    assert_true(r.max_rss_kb < RSS_LIMIT_KB);
    run_result_free(&r);

    const char *native[] = {"analyze", "-", NULL};
    r = run_newsgraph(dir, long_native, native);
    assert_int_equal(r.exit_code, 3);
    assert_string_equal(r.err, "stdin:5: line longer than the cap of "
                               "16777216 bytes\n");
    assert_int_equal(count_lines(r.out), 0);
    assert_true(r.max_rss_kb < RSS_LIMIT_KB);
    run_result_free(&r);
    test_remove_tree(dir);
    free(dir);
}

/* ---- generated: a million tiny articles --------------------------------- */

enum { MILLION = 1000000, ANALYZED = 100000 };

static void tiny_articles(int fd, long count)
{
    static char chunk[1 << 16];
    size_t used = 0;
    for (long i = 0; i < count; i++) {
        if (used > sizeof chunk - 64) {
            write_all(fd, chunk, used);
            used = 0;
        }
        used += (size_t)snprintf(chunk + used, sizeof chunk - used,
                                 "{\"id\":\"%ld\",\"text\":\"Tiny.\"}\n", i);
    }
    write_all(fd, chunk, used);
}

static void million_tiny(int fd)
{
    tiny_articles(fd, MILLION);
}

static void tenth_of_million_tiny(int fd)
{
    tiny_articles(fd, ANALYZED);
}

/* Resident memory of this process now, in KiB. */
static long self_rss_kb(void)
{
    long pages_total = 0, pages_resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld %ld", &pages_total, &pages_resident), 2);
    fclose(f);
    return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void test_million_tiny_articles(void **state)
{
    (void)state;
    /* The reader over a stream of a million articles, in this process:
     * its memory must not grow with their number. */
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    pid_t feeder = fork();
    assert_true(feeder >= 0);
    if (feeder == 0) {
        close(pipefd[0]);
        million_tiny(pipefd[1]);
        _exit(0);
    }
    close(pipefd[1]);
    int saved_stdin = dup(0);
    dup2(pipefd[0], 0);
    close(pipefd[0]);
    const char *paths[] = {"-"};
    ng_read_options opt = {.format = NG_FORMAT_JSONL};
    ng_reader *r;
    assert_int_equal(ng_reader_open(&r, paths, 1, &opt), NG_OK);
    long before = self_rss_kb(), most = before, read = 0;
    ng_article *a;
    ng_status st;
    while ((st = ng_reader_next(r, &a)) == NG_OK) {
        if (read % 99991 == 0) { /* ids in order, nothing dropped */
            long now = self_rss_kb();
            most = now > most ? now : most;
            char id[24];
            snprintf(id, sizeof id, "%ld", read);
            assert_string_equal(a->id, id);
        }
        read++;
        ng_article_free(a);
    }
    assert_int_equal(st, NG_DONE);
    ng_reader_close(r);
    dup2(saved_stdin, 0);
    close(saved_stdin);
    assert_int_equal(waitpid(feeder, NULL, 0), feeder);
    long grown = most - before;
    print_message("a million tiny articles read, RSS grew %ld KiB at most\n",
                  grown);
    assert_int_equal(read, MILLION);
    assert_true(grown < GROWTH_LIMIT_KB);

    /* A tenth of them through the whole analysis. */
    char *dir = test_temp_dir();
    const char *jsonl[] = {"analyze", "--format", "jsonl", "-", NULL};
    run_result res = run_newsgraph(dir, tenth_of_million_tiny, jsonl);
    print_message("%d tiny articles analyzed, peak RSS %ld MiB\n", ANALYZED,
                  res.max_rss_kb / 1024);
    assert_int_equal(res.exit_code, 0);
    assert_int_equal(count_lines(res.out), ANALYZED);
    assert_string_equal(res.err, "");
    assert_true(res.max_rss_kb < RSS_LIMIT_KB);
    run_result_free(&res);
    test_remove_tree(dir);
    free(dir);
}

/* ---- generated: more tokens than an article may have ------------------ */

/* One article of NG_MAX_ARTICLE_TOKENS + 1 one-letter words, then a good
 * one. */
static void too_many_tokens(int fd)
{
    static const char start[] = "{\"id\":\"huge\",\"text\":\"";
    write_all(fd, start, sizeof start - 1);
    static char chunk[2000];
    for (size_t i = 0; i < sizeof chunk; i += 2)
        memcpy(chunk + i, "a ", 2);
    size_t per_chunk = sizeof chunk / 2;
    for (size_t words = 0; words <= NG_MAX_ARTICLE_TOKENS; words += per_chunk)
        write_all(fd, chunk, sizeof chunk);
    static const char rest[] =
        "\"}\n{\"id\":\"after\",\"text\":\"The line after is read.\"}\n";
    write_all(fd, rest, sizeof rest - 1);
}

static void test_too_many_tokens(void **state)
{
    (void)state;
    static const char message[] =
        "stdin:1: input exceeds a size limit, skipped (more than 500000 "
        "tokens)\n";
    char *dir = test_temp_dir();
    const char *analyze[] = {"analyze", "--format", "jsonl", "-", NULL};
    run_result r = run_newsgraph(dir, too_many_tokens, analyze);
    assert_int_equal(r.exit_code, 3);
    assert_string_equal(r.err, message);
    assert_int_equal(count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "\"id\":\"after\""));
    run_result_free(&r);
    /* Ingest skips it and stores the next one. */
    char *db = test_path(dir, "store.db");
    const char *ingest[] = {"ingest", "--format", "jsonl", "--db",
                            db,       "-",        NULL};
    r = run_newsgraph(dir, too_many_tokens, ingest);
    assert_int_equal(r.exit_code, 3);
    assert_string_equal(r.err, message);
    assert_non_null(strstr(r.out, "1 articles stored"));
    assert_non_null(strstr(r.out, "1 skipped"));
    run_result_free(&r);
    free(db);
    test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committed_cases),
        cmocka_unit_test(test_gigabyte_line),
        cmocka_unit_test(test_million_tiny_articles),
        cmocka_unit_test(test_too_many_tokens),
    };
    return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
