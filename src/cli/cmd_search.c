/*
 * cmd_search.c -- `newsgraph search QUERY`: ranked articles with a snippet
 * whose matches are marked (bold on a terminal, [brackets] otherwise), or
 * JSON with --json.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json_print.h"

static const char search_help_head[] =
    "usage: newsgraph search [options] QUERY...\n"
    "\n"
    "Full-text search, best match first (BM25; title and tags weigh more\n"
    "than the body). The words of QUERY are joined with spaces.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --since D     only articles dated D (YYYY-MM-DD) or later\n"
    "  --until D     only articles dated D or earlier\n"
    "  --tag T       only articles with tag T (case-insensitive)\n"
    "  --entity NAME only articles that mention an entity of this name\n"
    "                (case-insensitive), e.g. --entity \"Patrick Ryder\"\n"
    "  --type T      with --entity: only the entity of type PER, ORG, LOC\n"
    "                or MISC\n"
    "  --limit N     results per page (default 10)\n"
    "  --offset N    skip the first N results\n"
    "  --json        one JSON object: total, results with marks\n"
    "  -h, --help    this help\n"
    "\n"
    "query language:\n";

static void print_human(const ng_search_result *r, bool tty)
{
    const char *on = tty ? "\033[1m" : "[", *off = tty ? "\033[0m" : "]";
    size_t n = ng_search_result_count(r);
    printf("%llu matching article%s\n",
           (unsigned long long)ng_search_result_total(r),
           ng_search_result_total(r) == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const ng_search_hit *h = ng_search_result_hit(r, i);
        printf("\n%s  %s\n", h->date ? h->date : "(undated)", h->id);
        if (h->title)
            printf("  %s\n", h->title);
        if (h->ntags) {
            putchar(' ');
            for (size_t t = 0; t < h->ntags; t++)
                printf(" #%s", h->tags[t]);
            putchar('\n');
        }
        fputs("  ", stdout);
        size_t pos = 0;
        for (size_t m = 0; m < h->nmarks; m++) {
            fwrite(h->snippet + pos, 1, h->marks[m].start - pos, stdout);
            fputs(on, stdout);
            fwrite(h->snippet + h->marks[m].start, 1,
                   h->marks[m].end - h->marks[m].start, stdout);
            fputs(off, stdout);
            pos = h->marks[m].end;
        }
        printf("%s\n", h->snippet + pos);
    }
}

static void print_json(const ng_search_result *r, const char *query)
{
    printf("{\"query\":");
    json_print_string(stdout, query);
    printf(",\"total\":%llu,\"results\":[",
           (unsigned long long)ng_search_result_total(r));
    for (size_t i = 0; i < ng_search_result_count(r); i++) {
        const ng_search_hit *h = ng_search_result_hit(r, i);
        printf(i ? ",{\"id\":" : "{\"id\":");
        json_print_string(stdout, h->id);
        printf(",\"date\":");
        json_print_string(stdout, h->date);
        printf(",\"title\":");
        json_print_string(stdout, h->title);
        printf(",\"tags\":[");
        for (size_t t = 0; t < h->ntags; t++) {
            if (t)
                putchar(',');
            json_print_string(stdout, h->tags[t]);
        }
        putchar(']');
        printf(",\"score\":%.4f,\"snippet\":", h->score);
        json_print_string(stdout, h->snippet);
        printf(",\"marks\":[");
        for (size_t m = 0; m < h->nmarks; m++)
            printf("%s[%u,%u]", m ? "," : "", h->marks[m].start,
                   h->marks[m].end);
        printf("]}");
    }
    printf("]}\n");
}

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"tag", required_argument, NULL, 't'},
        {"entity", required_argument, NULL, 'e'},
        {"type", required_argument, NULL, 'T'},
        {"limit", required_argument, NULL, 'l'},
        {"offset", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    ng_search_query q = {0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 't': q.tag = optarg; break;
        case 'e': q.entity = optarg; break;
        case 'T': q.entity_type = optarg; break;
        case 'l':
            if (!cli_parse_uint("search", "--limit", optarg, &q.limit))
                return EXIT_USAGE;
            break;
        case 'o':
            if (!cli_parse_uint("search", "--offset", optarg, &q.offset))
                return EXIT_USAGE;
            break;
        case 'j': json = true; break;
        case 'h':
            fputs(search_help_head, stdout);
            fputs(ng_query_help(), stdout);
            return EXIT_OK;
        default: return cli_usage_error("search", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("search", "give a query, e.g. newsgraph "
                                         "search \"air strike\" iraq");
    if (!cli_dates_ok("search", q.since, q.until))
        return EXIT_USAGE;
    if (q.entity_type && (!q.entity || ng_entity_type_parse(q.entity_type) < 0))
        return cli_usage_error("search", "--type goes with --entity and is "
                                         "PER, ORG, LOC or MISC");
    char *query = cli_join_words(argc - optind, argv + optind);
    ng_store *store =
        query ? cli_open_store("search", cli_db_path(db), NG_STORE_READONLY)
              : NULL;
    if (!store) {
        free(query);
        return EXIT_FAIL;
    }
    q.query = query;
    ng_search_result *r = NULL;
    ng_status st = ng_search(store, &q, &r);
    int code = EXIT_OK;
    if (st == NG_ERR_QUERY) {
        cli_error("search", "bad query: %s", ng_store_message(store));
        code = EXIT_USAGE;
    } else if (st != NG_OK) {
        cli_error("search", "%s: %s", ng_strerror(st), ng_store_message(store));
        code = EXIT_FAIL;
    } else if (json) {
        print_json(r, query);
    } else {
        print_human(r, isatty(1));
    }
    ng_search_result_free(r);
    ng_store_close(store);
    free(query);
    return code;
}
