/*
 * runproc.c -- runs one command and measures it as a whole process: wall
 * time, user and system CPU time and peak memory (max RSS, from wait4's
 * rusage). The bench script times `newsgraph ingest`, `newsgraph analyze`
 * and the FTS5 baseline with it, so both sides of a comparison are
 * measured the same way, process start and exit included.
 *
 *   runproc [--stdout FILE] [--] COMMAND [ARGS...]
 *
 * The command's standard output goes to FILE (default: inherited); its
 * standard error is inherited. On success runproc prints one line:
 *   wall_s user_s sys_s maxrss_kb exit_status
 * exit_status is the command's exit code, or 128 + signal number. runproc
 * itself exits 0 when it could measure, 1 when it could not start the
 * command, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

static double timeval_seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* In the child: redirects stdout to `path` (when given) and runs argv. */
static void exec_child(const char *path, char **argv)
{
    if (path) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
            fprintf(stderr, "runproc: %s: %s\n", path, strerror(errno));
            _exit(127);
        }
        close(fd);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "runproc: %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static int usage(void)
{
    fputs("usage: runproc [--stdout FILE] [--] COMMAND [ARGS...]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--stdout") == 0) {
        out_path = argv[i + 1];
        i += 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc)
        return usage();
    fflush(stdout);
    double start = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "runproc: fork: %s\n", strerror(errno));
        return 1;
    }
    if (pid == 0)
        exec_child(out_path, argv + i);
    int status = 0;
    struct rusage ru;
    pid_t got;
    while ((got = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
        ;
    double wall = bench_now() - start;
    if (got < 0) {
        fprintf(stderr, "runproc: wait4: %s\n", strerror(errno));
        return 1;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%.6f %.6f %.6f %ld %d\n", wall, timeval_seconds(ru.ru_utime),
           timeval_seconds(ru.ru_stime), ru.ru_maxrss, code);
    return code == 127 ? 1 : 0;
}
