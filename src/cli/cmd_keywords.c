/*
 * cmd_keywords.c -- `newsgraph keywords [--article ID]`: the keyphrases
 * of the store weighted by the corpus (score x IDF): of one article, or
 * summed over the articles within dates. Human output by default, --json
 * for machines.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

static const char keywords_help[] =
    "usage: newsgraph keywords [options]\n"
    "\n"
    "Lists keyphrases weighted by the corpus: a term's weight is its score\n"
    "(1 for an article's best keyphrase, less for the others) times its\n"
    "IDF, ln(articles / articles with the term). With --article, the\n"
    "terms of one article; without, the terms of all articles within the\n"
    "dates, their scores summed: what the period is about.\n"
    "\n"
    "options:\n"
    "  --db F         the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --article ID   one article (its id or row number)\n"
    "  --since D      only articles dated D (YYYY-MM-DD) or later\n"
    "  --until D      only articles dated D or earlier\n"
    "  --limit N      how many (default 20)\n"
    "  --json         one JSON object\n"
    "  -h, --help     this help\n"
    "\n"
    "Exit status: 0 done, 4 no such article, 1 a failure, 2 a usage error.\n";

static void print_list(const ng_keyword_list *l, bool json)
{
    if (json) {
        printf("{\"keywords\":[");
        for (size_t i = 0; i < l->count; i++) {
            const ng_keyword_weight *k = &l->items[i];
            printf(i ? ",{\"term\":" : "{\"term\":");
            json_print_string(stdout, k->term);
            printf(",\"score\":%.4f,\"articles\":%llu,\"idf\":%.4f,"
                   "\"weight\":%.4f}",
                   k->score, (unsigned long long)k->articles, k->idf,
                   k->weight);
        }
        printf("]}\n");
        return;
    }
    if (l->count == 0)
        printf("no keywords\n");
    else
        printf("%8s %8s %6s  %s\n", "weight", "articles", "idf", "term");
    for (size_t i = 0; i < l->count; i++) {
        const ng_keyword_weight *k = &l->items[i];
        printf("%8.3f %8llu %6.2f  %s\n", k->weight,
               (unsigned long long)k->articles, k->idf, k->term);
    }
}

int cmd_keywords(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"article", required_argument, NULL, 'a'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"limit", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    ng_keyword_query q = {0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'a': q.article = optarg; break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 'l':
            if (!cli_parse_uint("keywords", "--limit", optarg, &q.limit))
                return EXIT_USAGE;
            break;
        case 'j': json = true; break;
        case 'h': fputs(keywords_help, stdout); return EXIT_OK;
        default: return cli_usage_error("keywords", "bad option");
        }
    }
    if (optind != argc)
        return cli_usage_error("keywords", "takes no arguments (an article "
                                           "goes with --article)");
    if (!cli_dates_ok("keywords", q.since, q.until))
        return EXIT_USAGE;
    ng_store *store =
        cli_open_store("keywords", cli_db_path(db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_keyword_list *l = NULL;
    ng_status st = ng_store_keywords(store, &q, &l);
    int code = EXIT_OK;
    if (st == NG_OK)
        print_list(l, json);
    else if (st == NG_ERR_NOT_FOUND) {
        cli_error("keywords", "%s", ng_store_message(store));
        code = EXIT_NOT_FOUND;
    } else {
        cli_error("keywords", "%s: %s", ng_strerror(st),
                  ng_store_message(store));
        code = EXIT_FAIL;
    }
    ng_keyword_list_free(l);
    ng_store_close(store);
    return code;
}
