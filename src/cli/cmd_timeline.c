/*
 * cmd_timeline.c -- `newsgraph timeline QUERY`: how many articles match a
 * query per day, week or month, by article date; a bar per period, or
 * JSON with --json.
 *
 * Entity timelines (`--entity NAME`) come with the entity tagger (issue
 * 3): they will count an entity's mentions per period the same way.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

static const char timeline_help_head[] =
    "usage: newsgraph timeline [options] QUERY...\n"
    "\n"
    "How many articles match QUERY per day, week or month, by article\n"
    "date (periods without a match between the first and the last are\n"
    "shown with 0). The words of QUERY are joined with spaces; the query\n"
    "language is the one of 'newsgraph search'.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --by P        day, week (ISO, 2024-W02) or month (default: day)\n"
    "  --since D     from date D (YYYY-MM-DD)\n"
    "  --until D     to date D, inclusive\n"
    "  --tag T       only articles with tag T (case-insensitive)\n"
    "  --json        one JSON object: query, by, total, undated, periods\n"
    "  -h, --help    this help\n"
    "\n"
    "query language:\n";

enum { BAR_WIDTH = 50 };

static bool parse_period(const char *s, ng_period *out)
{
    static const struct {
        const char *name;
        ng_period p;
    } names[] = {{"day", NG_PERIOD_DAY},     {"week", NG_PERIOD_WEEK},
                 {"month", NG_PERIOD_MONTH}, {"days", NG_PERIOD_DAY},
                 {"weeks", NG_PERIOD_WEEK},  {"months", NG_PERIOD_MONTH}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].p;
            return true;
        }
    return false;
}

static const char *period_word(ng_period p)
{
    return p == NG_PERIOD_WEEK    ? "week"
           : p == NG_PERIOD_MONTH ? "month"
                                  : "day";
}

static void print_human(const ng_timeline *t)
{
    uint64_t max = 0;
    for (size_t i = 0; i < ng_timeline_count(t); i++)
        if (ng_timeline_at(t, i)->articles > max)
            max = ng_timeline_at(t, i)->articles;
    printf("%llu matching dated article%s",
           (unsigned long long)ng_timeline_total(t),
           ng_timeline_total(t) == 1 ? "" : "s");
    if (ng_timeline_undated(t))
        printf(" (and %llu undated)",
               (unsigned long long)ng_timeline_undated(t));
    putchar('\n');
    for (size_t i = 0; i < ng_timeline_count(t); i++) {
        const ng_timeline_point *p = ng_timeline_at(t, i);
        int bar = max ? (int)((p->articles * BAR_WIDTH + max - 1) / max) : 0;
        printf("%-10s %6llu ", p->period, (unsigned long long)p->articles);
        for (int b = 0; b < bar; b++)
            putchar('#');
        putchar('\n');
    }
}

static void print_json(const ng_timeline *t, const char *query, ng_period by)
{
    printf("{\"query\":");
    json_print_string(stdout, query);
    printf(",\"by\":\"%s\",\"total\":%llu,\"undated\":%llu,\"periods\":[",
           period_word(by), (unsigned long long)ng_timeline_total(t),
           (unsigned long long)ng_timeline_undated(t));
    for (size_t i = 0; i < ng_timeline_count(t); i++) {
        const ng_timeline_point *p = ng_timeline_at(t, i);
        printf("%s{\"period\":\"%s\",\"start\":\"%s\",\"articles\":%llu}",
               i ? "," : "", p->period, p->start,
               (unsigned long long)p->articles);
    }
    printf("]}\n");
}

static int run_timeline(const char *db, ng_timeline_query *q, bool json)
{
    ng_store *store =
        cli_open_store("timeline", cli_db_path(db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_timeline *t = NULL;
    ng_status st = ng_timeline_get(store, q, &t);
    int code = EXIT_OK;
    if (st == NG_ERR_QUERY) {
        cli_error("timeline", "bad query: %s", ng_store_message(store));
        code = EXIT_USAGE;
    } else if (st != NG_OK) {
        cli_error("timeline", "%s: %s", ng_strerror(st),
                  ng_store_message(store));
        code = EXIT_FAIL;
    } else if (json) {
        print_json(t, q->query, q->by);
    } else {
        print_human(t);
    }
    ng_timeline_free(t);
    ng_store_close(store);
    return code;
}

int cmd_timeline(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"by", required_argument, NULL, 'b'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"tag", required_argument, NULL, 't'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    ng_timeline_query q = {0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'b':
            if (!parse_period(optarg, &q.by))
                return cli_usage_error("timeline",
                                       "--by takes day, week or "
                                       "month, not '%s'",
                                       optarg);
            break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 't': q.tag = optarg; break;
        case 'j': json = true; break;
        case 'h':
            fputs(timeline_help_head, stdout);
            fputs(ng_query_help(), stdout);
            return EXIT_OK;
        default: return cli_usage_error("timeline", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("timeline", "give a query, e.g. newsgraph "
                                           "timeline --by week troops");
    if (!cli_dates_ok("timeline", q.since, q.until))
        return EXIT_USAGE;
    char *query = cli_join_words(argc - optind, argv + optind);
    if (!query)
        return EXIT_FAIL;
    q.query = query;
    int code = run_timeline(db, &q, json);
    free(query);
    return code;
}
