/*
 * cmd_ingest.c -- `newsgraph ingest [--db F] FILES...`: analyze and store.
 * Bad input items are reported on stderr as they come; a progress line is
 * drawn on stderr when it is a terminal; a summary goes to stdout.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char ingest_help[] =
    "usage: newsgraph ingest [options] FILE|DIR|-...\n"
    "\n"
    "Analyzes articles and stores them in the store (created if needed).\n"
    "Articles are keyed by id: ingesting the same input again adds nothing,\n"
    "and an article whose content changed replaces the old version.\n"
    "Directories are walked in name order for .txt .text .jsonl .ndjson\n"
    ".json files; '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --format F    input format: auto (default), native, jsonl, text\n"
    "  --date D      date (YYYY-MM-DD) for articles that have none\n"
    "  --threads N   analysis threads (default: one per core)\n"
    "  --batch N     articles per transaction (default 1000)\n"
    "  --models D    the models directory (default $NEWSGRAPH_MODELS or the\n"
    "                models/ of the source tree)\n"
    "  --skip LIST   leave stages out: entities, times, amounts, quotes,\n"
    "                keywords (comma-separated); e.g. --skip entities for\n"
    "                a fast ingest\n"
    "                that only indexes the text\n"
    "  -q, --quiet   no progress line and no summary\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 all stored, 3 some input was skipped (see stderr),\n"
    "1 a failure (the store keeps every article committed before it),\n"
    "2 a usage error.\n";

typedef struct ingest_view {
    bool tty;   /* draw a progress line */
    bool drawn; /* a progress line is on screen */
    double start;
} ingest_view;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_line(ingest_view *v)
{
    if (v->drawn) {
        fputs("\r\033[K", stderr);
        v->drawn = false;
    }
}

static void on_problem(void *ctx, ng_status st, const char *message)
{
    (void)st;
    clear_line(ctx);
    fprintf(stderr, "%s\n", message);
}

static void on_progress(void *ctx, const ng_ingest_progress *p)
{
    ingest_view *v = ctx;
    if (!v->tty)
        return;
    double t = now_seconds() - v->start;
    double mb = (double)p->bytes_done / 1e6;
    double rate = t > 0 ? mb / t : 0;
    char eta[32] = "";
    if (p->bytes_total > p->bytes_done && rate > 0) {
        double left = ((double)(p->bytes_total - p->bytes_done) / 1e6) / rate;
        snprintf(eta, sizeof eta, "  ETA %d:%02d", (int)left / 60,
                 (int)left % 60);
    }
    fprintf(stderr, "\r\033[K%llu articles  %.1f MB  %.1f MB/s%s",
            (unsigned long long)p->articles_read, mb, rate, eta);
    v->drawn = true;
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, 'd'},
        {"threads", required_argument, NULL, 't'},
        {"batch", required_argument, NULL, 'b'},
        {"quiet", no_argument, NULL, 'q'},
        {"models", required_argument, NULL, 'M'},
        {"skip", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL, *models = NULL;
    unsigned skip = 0;
    ng_read_options ropt = {0};
    ng_ingest_options iopt = {0};
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'f':
            if (!cli_parse_format(optarg, &ropt.format))
                return cli_usage_error("ingest", "unknown format '%s'", optarg);
            break;
        case 'd':
            if (!cli_date_ok("ingest", optarg))
                return EXIT_USAGE;
            ropt.default_date = optarg;
            break;
        case 't':
            if (!cli_parse_uint("ingest", "--threads", optarg, &iopt.threads))
                return EXIT_USAGE;
            break;
        case 'b':
            if (!cli_parse_uint("ingest", "--batch", optarg, &iopt.batch))
                return EXIT_USAGE;
            break;
        case 'q': quiet = true; break;
        case 'M': models = optarg; break;
        case 'S':
            if (!cli_parse_skip("ingest", optarg, &skip))
                return EXIT_USAGE;
            break;
        case 'h': fputs(ingest_help, stdout); return EXIT_OK;
        default: return cli_usage_error("ingest", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("ingest", "give the files or directories to "
                                         "ingest ('-' for standard input)");
    const char *path = cli_db_path(db);
    ng_analyzer *analyzer = cli_new_analyzer("ingest", models, skip);
    if (!analyzer)
        return EXIT_FAIL;
    ng_store *store = cli_open_store("ingest", path, 0);
    if (!store) {
        ng_analyzer_free(analyzer);
        return EXIT_FAIL;
    }
    ng_reader *reader = NULL;
    ng_status st = ng_reader_open(&reader, (const char *const *)argv + optind,
                                  (size_t)(argc - optind), &ropt);
    ingest_view view = {.tty = !quiet && isatty(2), .start = now_seconds()};
    ng_ingest_progress p = {0};
    if (st == NG_OK) {
        iopt.on_problem = on_problem;
        iopt.on_progress = on_progress;
        iopt.ctx = &view;
        st = ng_ingest(store, analyzer, reader, &iopt, &p);
    }
    clear_line(&view);
    double secs = now_seconds() - view.start;
    if (!quiet)
        printf("%llu articles stored in %s (%llu new, %llu updated, %llu "
               "unchanged), %llu skipped; %.1f MB in %.2f s\n",
               (unsigned long long)(p.articles_added + p.articles_updated +
                                    p.articles_same),
               path, (unsigned long long)p.articles_added,
               (unsigned long long)p.articles_updated,
               (unsigned long long)p.articles_same,
               (unsigned long long)p.items_skipped, (double)p.bytes_done / 1e6,
               secs);
    int code = p.items_skipped ? EXIT_SKIPPED : EXIT_OK;
    if (st != NG_OK) {
        const char *detail = ng_store_message(store);
        cli_error("ingest", "%s%s%s", ng_strerror(st), *detail ? ": " : "",
                  detail);
        code = EXIT_FAIL;
    }
    ng_analyzer_free(analyzer);
    ng_reader_close(reader);
    ng_store_close(store);
    return code;
}
