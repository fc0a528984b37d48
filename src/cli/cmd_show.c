/*
 * cmd_show.c -- `newsgraph show ID`: one stored article, as text or JSON.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "json_print.h"

static const char show_help[] =
    "usage: newsgraph show [options] ID\n"
    "\n"
    "Prints one stored article. ID is the article's id (as 'newsgraph\n"
    "search' shows it), or its row number in the store.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --json        the article as a JSON object\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 found, 4 no such article, 1 a failure.\n";

static void print_json(const ng_article *a)
{
    printf("{\"id\":");
    json_print_string(stdout, a->id);
    printf(",\"date\":");
    json_print_string(stdout, a->date);
    printf(",\"title\":");
    json_print_string(stdout, a->title);
    printf(",\"tags\":[");
    for (size_t i = 0; i < a->ntags; i++) {
        if (i)
            putchar(',');
        json_print_string(stdout, a->tags[i]);
    }
    printf("],\"url\":");
    json_print_string(stdout, a->url);
    printf(",\"source\":");
    json_print_string(stdout, a->source);
    printf(",\"origin\":");
    json_print_string(stdout, a->origin);
    printf(",\"text\":");
    json_print_stringn(stdout, a->text, a->text_len);
    printf("}\n");
}

static void print_human(const ng_article *a)
{
    printf("id:     %s\n", a->id);
    printf("date:   %s\n", a->date ? a->date : "(unknown)");
    if (a->title)
        printf("title:  %s\n", a->title);
    if (a->ntags) {
        printf("tags:  ");
        for (size_t i = 0; i < a->ntags; i++)
            printf(" #%s", a->tags[i]);
        putchar('\n');
    }
    if (a->url)
        printf("url:    %s\n", a->url);
    if (a->source)
        printf("source: %s\n", a->source);
    printf("\n%s\n", a->text);
}

int cmd_show(int argc, char **argv)
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
        case 'h': fputs(show_help, stdout); return EXIT_OK;
        default: return cli_usage_error("show", "bad option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("show", "give one article id");
    ng_store *store =
        cli_open_store("show", cli_db_path(db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_article *a = NULL;
    ng_status st = ng_store_article(store, argv[optind], &a);
    int code = EXIT_OK;
    if (st == NG_ERR_NOT_FOUND) {
        cli_error("show", "%s", ng_store_message(store));
        code = EXIT_NOT_FOUND;
    } else if (st != NG_OK) {
        cli_error("show", "%s: %s", ng_strerror(st), ng_store_message(store));
        code = EXIT_FAIL;
    } else if (json) {
        print_json(a);
    } else {
        print_human(a);
    }
    ng_article_free(a);
    ng_store_close(store);
    return code;
}
