/*
 * cmd_entities.c -- `newsgraph entities`: the most mentioned entities in
 * the store; `newsgraph entity NAME`: one entity's mentions over time and
 * the articles that mention it. Human output by default, --json for
 * machines.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

static const char entities_help[] =
    "usage: newsgraph entities [options]\n"
    "\n"
    "Lists the most mentioned entities (people PER, organizations ORG,\n"
    "places LOC, other names MISC) in the store.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --type T      only PER, ORG, LOC or MISC\n"
    "  --since D     only mentions in articles dated D (YYYY-MM-DD) or later\n"
    "  --until D     only mentions in articles dated D or earlier\n"
    "  --limit N     how many (default 20)\n"
    "  --json        one JSON object\n"
    "  -h, --help    this help\n";

static const char entity_help[] =
    "usage: newsgraph entity [options] NAME\n"
    "\n"
    "Shows one entity, found by its name or any name it goes by (USA,\n"
    "American, Suleimani; case-insensitive): the names, its mentions per\n"
    "day and the articles that mention it, newest first.\n"
    "\n"
    "options:\n"
    "  --db F        the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --type T      the entity of this type (PER, ORG, LOC, MISC) when a\n"
    "                name has several; default: the most mentioned\n"
    "  --since D     only articles dated D (YYYY-MM-DD) or later\n"
    "  --until D     only articles dated D or earlier\n"
    "  --limit N     articles to list (default 20)\n"
    "  --json        one JSON object\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 found, 4 no such entity, 1 a failure, 2 a usage error.\n";

typedef struct entity_args {
    const char *db;
    ng_entity_query q;
    bool json;
} entity_args;

/* Parses the options both commands share; returns -1 to go on, else an
 * exit code. */
static int parse(const char *cmd, const char *help, int argc, char **argv,
                 entity_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"type", required_argument, NULL, 't'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"limit", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': a->db = optarg; break;
        case 't': a->q.type = optarg; break;
        case 's': a->q.since = optarg; break;
        case 'u': a->q.until = optarg; break;
        case 'l':
            if (!cli_parse_uint(cmd, "--limit", optarg, &a->q.limit))
                return EXIT_USAGE;
            break;
        case 'j': a->json = true; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: return cli_usage_error(cmd, "bad option");
        }
    }
    if (!cli_dates_ok(cmd, a->q.since, a->q.until))
        return EXIT_USAGE;
    if (a->q.type && ng_entity_type_parse(a->q.type) < 0)
        return cli_usage_error(cmd,
                               "--type is PER, ORG, LOC or MISC, not "
                               "'%s'",
                               a->q.type);
    return -1;
}

static void print_count_json(const ng_entity_count *e)
{
    printf("{\"name\":");
    json_print_string(stdout, e->name);
    printf(",\"type\":");
    json_print_string(stdout, e->type);
    printf(",\"mentions\":%llu,\"articles\":%llu,\"first_date\":",
           (unsigned long long)e->mentions, (unsigned long long)e->articles);
    json_print_string(stdout, e->first_date);
    printf(",\"last_date\":");
    json_print_string(stdout, e->last_date);
    putchar('}');
}

static void print_top(const ng_entity_list *l, bool json)
{
    if (json) {
        printf("{\"entities\":[");
        for (size_t i = 0; i < l->count; i++) {
            if (i)
                putchar(',');
            print_count_json(&l->items[i]);
        }
        printf("]}\n");
        return;
    }
    if (l->count == 0)
        printf("no entities\n");
    else
        printf("%8s %8s  %-4s  %s\n", "mentions", "articles", "type", "name");
    for (size_t i = 0; i < l->count; i++) {
        const ng_entity_count *e = &l->items[i];
        printf("%8llu %8llu  %-4s  %s\n", (unsigned long long)e->mentions,
               (unsigned long long)e->articles, e->type, e->name);
    }
}

static void print_entity_json(const ng_entity_list *l)
{
    printf("{\"entity\":");
    print_count_json(&l->items[0]);
    printf(",\"days\":[");
    for (size_t i = 0; i < l->ndays; i++) {
        printf(i ? ",{\"date\":" : "{\"date\":");
        json_print_string(stdout, l->days[i].date);
        printf(",\"mentions\":%llu,\"articles\":%llu}",
               (unsigned long long)l->days[i].mentions,
               (unsigned long long)l->days[i].articles);
    }
    printf("],\"aliases\":[");
    for (size_t i = 0; i < l->naliases; i++) {
        if (i)
            putchar(',');
        json_print_string(stdout, l->aliases[i]);
    }
    printf("],\"articles\":[");
    for (size_t i = 0; i < l->narticles; i++) {
        const ng_entity_article *a = &l->articles[i];
        printf(i ? ",{\"id\":" : "{\"id\":");
        json_print_string(stdout, a->id);
        printf(",\"date\":");
        json_print_string(stdout, a->date);
        printf(",\"title\":");
        json_print_string(stdout, a->title);
        printf(",\"mentions\":%llu,\"snippet\":",
               (unsigned long long)a->mentions);
        json_print_string(stdout, a->snippet);
        printf(",\"mark\":[%u,%u]}", a->mark.start, a->mark.end);
    }
    printf("]}\n");
}

static void print_entity(const ng_entity_list *l, bool json)
{
    if (json) {
        print_entity_json(l);
        return;
    }
    const ng_entity_count *e = &l->items[0];
    printf("%s (%s): %llu mentions in %llu articles", e->name, e->type,
           (unsigned long long)e->mentions, (unsigned long long)e->articles);
    if (e->first_date)
        printf(", %s .. %s", e->first_date, e->last_date);
    printf("\n");
    if (l->naliases) {
        printf("also: ");
        for (size_t i = 0; i < l->naliases; i++)
            printf("%s%s", i ? ", " : "", l->aliases[i]);
        printf("\n");
    }
    if (l->ndays) {
        printf("\nmentions by day:\n");
        for (size_t i = 0; i < l->ndays; i++)
            printf("  %s %6llu in %llu article%s\n", l->days[i].date,
                   (unsigned long long)l->days[i].mentions,
                   (unsigned long long)l->days[i].articles,
                   l->days[i].articles == 1 ? "" : "s");
    }
    printf("\narticles:\n");
    for (size_t i = 0; i < l->narticles; i++) {
        const ng_entity_article *a = &l->articles[i];
        printf("  %s  %s (%llu)\n", a->date ? a->date : "(undated) ", a->id,
               (unsigned long long)a->mentions);
        printf("    %.*s[%.*s]%s\n", (int)a->mark.start, a->snippet,
               (int)(a->mark.end - a->mark.start), a->snippet + a->mark.start,
               a->snippet + a->mark.end);
    }
}

static int run_query(const char *cmd, entity_args *a, const char *name)
{
    ng_store *store =
        cli_open_store(cmd, cli_db_path(a->db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_entity_list *l = NULL;
    ng_status st = name ? ng_store_entity(store, name, &a->q, &l)
                        : ng_store_entities(store, &a->q, &l);
    int code = EXIT_OK;
    if (st == NG_ERR_NOT_FOUND) {
        cli_error(cmd, "%s", ng_store_message(store));
        code = EXIT_NOT_FOUND;
    } else if (st != NG_OK) {
        cli_error(cmd, "%s: %s", ng_strerror(st), ng_store_message(store));
        code = EXIT_FAIL;
    } else if (!name) {
        print_top(l, a->json);
    }
    if (st == NG_OK && name)
        print_entity(l, a->json);
    ng_entity_list_free(l);
    ng_store_close(store);
    return code;
}

int cmd_entities(int argc, char **argv)
{
    entity_args a = {0};
    int code = parse("entities", entities_help, argc, argv, &a);
    if (code >= 0)
        return code;
    if (optind != argc)
        return cli_usage_error("entities", "takes no arguments");
    return run_query("entities", &a, NULL);
}

int cmd_entity(int argc, char **argv)
{
    entity_args a = {0};
    int code = parse("entity", entity_help, argc, argv, &a);
    if (code >= 0)
        return code;
    if (optind >= argc)
        return cli_usage_error("entity", "give a NAME, e.g. newsgraph entity "
                                         "\"Patrick Ryder\"");
    /* The words of NAME may come as separate arguments. */
    char *name = cli_join_words(argc - optind, argv + optind);
    if (!name)
        return EXIT_FAIL;
    code = run_query("entity", &a, name);
    free(name);
    return code;
}
