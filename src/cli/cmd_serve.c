/*
 * cmd_serve.c -- `newsgraph serve`: the HTTP JSON API and the web page
 * over a store, until SIGINT or SIGTERM. Prints the address it listens on
 * (one line on stdout, flushed: scripts read it to learn a --port 0
 * choice) and, with --log, one line per request on stderr.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char serve_help[] =
    "usage: newsgraph serve [options]\n"
    "\n"
    "Serves the store read-only over HTTP: a JSON API under /api/ (see\n"
    "docs/api.md) and a web page at /. Keeps serving while an ingest\n"
    "writes to the same store. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
    "\n"
    "options:\n"
    "  --db F         the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --port N       the TCP port (default 8080; 0 picks a free one)\n"
    "  --bind A       the address to listen on (default 127.0.0.1, this\n"
    "                 machine only; 0.0.0.0 or :: opens it to the network)\n"
    "  --threads N    worker threads (default: one per core)\n"
    "  --timeout S    seconds before an idle connection is closed "
    "(default 10)\n"
    "  --cors ORIGIN  send Access-Control-Allow-Origin: ORIGIN (default: "
    "none)\n"
    "  --log          one line per request on stderr\n"
    "  -h, --help     this help\n"
    "\n"
    "Exit status: 0 stopped by a signal, 1 the store or the port failed,\n"
    "2 bad options.\n";

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_request(void *ctx, const ng_server_request *r)
{
    (void)ctx;
    pthread_mutex_lock(&log_lock);
    fprintf(stderr, "%s %.300s %u %.1f ms\n", r->method, r->target, r->status,
            r->ms);
    pthread_mutex_unlock(&log_lock);
}

/* Blocks SIGINT and SIGTERM (in every thread started after this) and
 * waits for one of them. */
static void block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, set, NULL);
}

static int parse_options(int argc, char **argv, ng_server_options *o,
                         const char **db)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"port", required_argument, NULL, 'p'},
        {"bind", required_argument, NULL, 'b'},
        {"threads", required_argument, NULL, 't'},
        {"timeout", required_argument, NULL, 'T'},
        {"cors", required_argument, NULL, 'c'},
        {"log", no_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': *db = optarg; break;
        case 'p':
            if (!cli_parse_uint("serve", "--port", optarg, &o->port))
                return EXIT_USAGE;
            if (o->port > 65535)
                return cli_usage_error("serve", "--port must be 0 to 65535");
            break;
        case 'b': o->bind = optarg; break;
        case 't':
            if (!cli_parse_uint("serve", "--threads", optarg, &o->threads))
                return EXIT_USAGE;
            if (o->threads < 1 || o->threads > 64)
                return cli_usage_error("serve", "--threads must be 1 to 64");
            break;
        case 'T':
            if (!cli_parse_uint("serve", "--timeout", optarg, &o->timeout))
                return EXIT_USAGE;
            if (o->timeout < 1 || o->timeout > 3600)
                return cli_usage_error("serve",
                                       "--timeout must be 1 to 3600 seconds");
            break;
        case 'c': o->cors_origin = optarg; break;
        case 'l': o->on_request = log_request; break;
        case 'h': fputs(serve_help, stdout); return -1;
        default: return cli_usage_error("serve", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'",
                               argv[optind]);
    return EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
    ng_server_options o = {.port = 8080};
    const char *db = NULL;
    int code = parse_options(argc, argv, &o, &db);
    if (code != EXIT_OK)
        return code < 0 ? EXIT_OK : code;
    o.db = cli_db_path(db);
    sigset_t set;
    block_signals(&set);
    ng_server *srv = NULL;
    ng_status st = ng_server_start(&srv, &o);
    if (st != NG_OK) {
        const char *detail = ng_server_message(srv);
        cli_error("serve", "%s%s%s", ng_strerror(st), *detail ? ": " : "",
                  detail);
        ng_server_stop(srv);
        return st == NG_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
    }
    const char *host = o.bind ? o.bind : "127.0.0.1";
    bool v6 = strchr(host, ':') != NULL;
    printf("newsgraph serve: %s on http://%s%s%s:%u/\n", o.db, v6 ? "[" : "",
           host, v6 ? "]" : "", ng_server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    ng_server_stop(srv);
    return EXIT_OK;
}
