/*
 * cmd_stats.c -- `newsgraph stats`: how many articles, their dates, size,
 * and the most used tags.
 */
#include <getopt.h>

#include "cli.h"
#include "json_print.h"

static const char stats_help[] =
    "usage: newsgraph stats [options]\n"
    "\n"
    "Prints what is in the store: articles, date range, sentences, tokens,\n"
    "size and the most used tags.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --json        as a JSON object\n"
    "  -h, --help    this help\n";

enum { TOP_TAGS = 10 };

static void print_json(const ng_store_stats *s, const ng_tag_count *tags,
                       size_t ntags)
{
    printf("{\"articles\":%llu,\"undated\":%llu,\"first_date\":",
           (unsigned long long)s->articles, (unsigned long long)s->undated);
    json_print_string(stdout, *s->first_date ? s->first_date : NULL);
    printf(",\"last_date\":");
    json_print_string(stdout, *s->last_date ? s->last_date : NULL);
    printf(",\"text_bytes\":%llu,\"sentences\":%llu,\"tokens\":%llu,"
           "\"file_bytes\":%llu,\"schema\":%d,\"top_tags\":[",
           (unsigned long long)s->text_bytes, (unsigned long long)s->sentences,
           (unsigned long long)s->tokens, (unsigned long long)s->file_bytes,
           s->schema_version);
    for (size_t i = 0; i < ntags; i++) {
        printf(i ? ",{\"tag\":" : "{\"tag\":");
        json_print_string(stdout, tags[i].tag);
        printf(",\"articles\":%llu}", (unsigned long long)tags[i].articles);
    }
    printf("]}\n");
}

static void print_human(const ng_store_stats *s, const ng_tag_count *tags,
                        size_t ntags)
{
    printf("articles:   %llu", (unsigned long long)s->articles);
    if (s->undated)
        printf(" (%llu undated)", (unsigned long long)s->undated);
    putchar('\n');
    if (*s->first_date)
        printf("dates:      %s .. %s\n", s->first_date, s->last_date);
    printf("text:       %.1f MB, %llu sentences, %llu tokens\n",
           (double)s->text_bytes / 1e6, (unsigned long long)s->sentences,
           (unsigned long long)s->tokens);
    printf("store:      %.1f MB (schema %d)\n", (double)s->file_bytes / 1e6,
           s->schema_version);
    if (ntags) {
        printf("top tags:  ");
        for (size_t i = 0; i < ntags; i++)
            printf(" #%s (%llu)", tags[i].tag,
                   (unsigned long long)tags[i].articles);
        putchar('\n');
    }
}

int cmd_stats(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'D'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL;
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'j': json = true; break;
        case 'h': fputs(stats_help, stdout); return EXIT_OK;
        default: return cli_usage_error("stats", "bad option");
        }
    }
    if (optind != argc)
        return cli_usage_error("stats", "takes no arguments");
    ng_store *store =
        cli_open_store("stats", cli_db_path(db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_store_stats s;
    ng_tag_count tags[TOP_TAGS];
    size_t ntags = 0;
    ng_status st = ng_store_stats_get(store, &s);
    if (st == NG_OK)
        st = ng_store_top_tags(store, tags, TOP_TAGS, &ntags);
    if (st != NG_OK) {
        cli_error("stats", "%s: %s", ng_strerror(st), ng_store_message(store));
        ng_store_close(store);
        return EXIT_FAIL;
    }
    if (json)
        print_json(&s, tags, ntags);
    else
        print_human(&s, tags, ntags);
    ng_store_close(store);
    return EXIT_OK;
}
