/*
 * replay_main.c -- a plain main() for the fuzz targets, so that the
 * committed corpus runs as a regression test under gcc and the sanitizers
 * without libFuzzer (make test, build/fuzz/replay_fuzz_X).
 *
 *     replay_fuzz_X [-v] PATH...
 *
 * Each PATH is a file or a directory, walked recursively in byte order of
 * names (hidden entries skipped). Every file is read into a buffer of its
 * exact size and passed once to LLVMFuzzerTestOneInput. Exit status 0 when
 * every input ran, 1 when a path could not be read or nothing was found; a
 * target that finds a bug aborts (or the sanitizer stops the process),
 * after the name of the input is written to stderr.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Present when a sanitizer runtime is linked in; NULL otherwise. */
extern void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

enum { MAX_DEPTH = 16 };

static const char *current_input = "(none)";
static int verbose;
static size_t inputs_run;

/* Names the input that was running; only async-signal-safe calls. */
static void report_current(void)
{
    static const char head[] = "\nreplay: crashed on input ";
    ssize_t ignored = write(2, head, sizeof head - 1);
    ignored = write(2, current_input, strlen(current_input));
    ignored = write(2, "\n", 1);
    (void)ignored;
}

static void on_signal(int sig)
{
    report_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Reads a whole file into a malloc'ed buffer of exactly its size (so that
 * an over-read is caught by the sanitizer). NULL on failure. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *data = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && st.st_size >= 0) {
        *size = (size_t)st.st_size;
        data = malloc(*size ? *size : 1);
        if (data && fread(data, 1, *size, f) != *size) {
            free(data);
            data = NULL;
        }
    }
    fclose(f);
    return data;
}

static int run_file(const char *path)
{
    size_t size = 0;
    uint8_t *data = read_file(path, &size);
    if (!data) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    current_input = path;
    if (verbose)
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    inputs_run++;
    return 0;
}

static int run_path(const char *path, int depth);

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the visible names of a directory, sorted; NULL on failure. */
static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        size_t len = strlen(e->d_name);
        if (!(names[n] = malloc(len + 1)))
            break;
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static int run_dir(const char *dir, int depth)
{
    size_t n = 0;
    char **names = list_dir(dir, &n);
    if (!names) {
        fprintf(stderr, "replay: cannot list %s\n", dir);
        return 1;
    }
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s/%s", dir, names[i]);
            failed |= run_path(path, depth + 1);
        } else {
            failed = 1;
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return failed;
}

static int run_path(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    if (depth >= MAX_DEPTH) {
        fprintf(stderr, "replay: %s: directories nested too deeply\n", path);
        return 1;
    }
    return run_dir(path, depth);
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        first = 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-v] FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(report_current);
    signal(SIGABRT, on_signal);
    signal(SIGSEGV, on_signal);
    int failed = 0;
    for (int i = first; i < argc; i++)
        failed |= run_path(argv[i], 0);
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    if (inputs_run == 0) {
        fprintf(stderr, "%s: no inputs found\n", name);
        return 1;
    }
    printf("%s: %zu inputs replayed%s\n", name, inputs_run,
           failed ? ", some paths unreadable" : ", no failure");
    return failed;
}
