/*
 * main.c -- the newsgraph command: dispatches to a subcommand from a
 * table. Each subcommand lives in its own cmd_*.c file.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const command commands[] = {
    {"analyze", "analysis records of articles as JSON Lines", cmd_analyze},
    {"ingest", "analyze articles and store them", cmd_ingest},
    {"search", "full-text search of the store", cmd_search},
    {"serve", "HTTP JSON API and web page over the store", cmd_serve},
    {"show", "one stored article", cmd_show},
    {"stats", "what is in the store", cmd_stats},
    {"entities", "the most mentioned entities in the store", cmd_entities},
    {"entity", "one entity: its mentions over time and articles", cmd_entity},
    {"quotes", "quotes and reported speech, with their speakers", cmd_quotes},
    {"keywords", "keyphrases weighted by the corpus", cmd_keywords},
    {"graph", "entities that occur together (GEXF, GraphML, JSON)", cmd_graph},
    {"header", "the native header line of articles (date #tags)", cmd_header},
    {"convert", "articles as native files or JSON Lines", cmd_convert},
    {"tag", "the entity tagger over CoNLL columns", cmd_tag},
    {"train-ner", "train the entity tagger's model", cmd_train_ner},
    {"timeline", "matching articles per day, week or month", cmd_timeline},
    {"eval-timex", "score the time extractor on TimeML (TempEval-3)",
     cmd_eval_timex},
    {"eval-quotes", "score the quote finder on a gold set", cmd_eval_quotes},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: newsgraph <command> [options] [arguments]\n\n"
                 "Turns news articles into a searchable knowledge base in one "
                 "SQLite file.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'newsgraph <command> --help' describes a command.\n"
                 "'newsgraph --version' prints the version.\n");
}

int main(int argc, char **argv)
{
    /* A file that reaches the size limit (ulimit -f) must fail the write
     * (EFBIG), which the store reports as a full disk, not kill us
     * half-way through a message. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        strcmp(name, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("newsgraph %s\n", ng_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "newsgraph: unknown command '%s'\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}

const char *cli_db_path(const char *flag_value)
{
    if (flag_value)
        return flag_value;
    const char *env = getenv("NEWSGRAPH_DB");
    return env && *env ? env : "newsgraph.db";
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "newsgraph %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "newsgraph %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'newsgraph %s --help')\n", cmd);
    return EXIT_USAGE;
}

bool cli_parse_format(const char *s, ng_format *out)
{
    static const struct {
        const char *name;
        ng_format format;
    } names[] = {{"auto", NG_FORMAT_AUTO},   {"native", NG_FORMAT_NATIVE},
                 {"jsonl", NG_FORMAT_JSONL}, {"ndjson", NG_FORMAT_JSONL},
                 {"text", NG_FORMAT_TEXT},   {"txt", NG_FORMAT_TEXT}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].format;
            return true;
        }
    return false;
}

char *cli_join_words(int argc, char *const *argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *words = malloc(n), *p = words;
    if (!words)
        return NULL;
    *p = '\0';
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]);
        memcpy(p, argv[i], len);
        p += len;
        *p++ = i + 1 < argc ? ' ' : '\0';
    }
    return words;
}

bool cli_dates_ok(const char *cmd, const char *since, const char *until)
{
    if ((since && !ng_date_valid(since)) || (until && !ng_date_valid(until))) {
        cli_usage_error(cmd, "--since and --until need YYYY-MM-DD dates");
        return false;
    }
    return true;
}

bool cli_date_ok(const char *cmd, const char *date)
{
    if (!ng_date_valid(date)) {
        cli_usage_error(cmd, "--date needs YYYY-MM-DD, a real day, not '%s'",
                        date);
        return false;
    }
    return true;
}

bool cli_parse_uint(const char *cmd, const char *opt, const char *s,
                    unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > 1000000000ul || s[0] == '-') {
        cli_usage_error(cmd, "%s needs a whole number, not '%s'", opt, s);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

ng_store *cli_open_store(const char *cmd, const char *path, unsigned flags)
{
    ng_store *store = NULL;
    ng_status st = ng_store_open(&store, path, flags);
    if (st != NG_OK) {
        const char *detail = store ? ng_store_message(store) : "";
        cli_error(cmd, "%s: %s%s%s", path, ng_strerror(st), *detail ? ": " : "",
                  detail);
        ng_store_close(store);
        return NULL;
    }
    return store;
}

bool cli_parse_skip(const char *cmd, const char *list, unsigned *skip)
{
    static const struct {
        const char *name;
        unsigned stage;
    } stages[] = {{"entities", NG_STAGE_ENTITIES},
                  {"times", NG_STAGE_TIMES},
                  {"amounts", NG_STAGE_AMOUNTS},
                  {"quotes", NG_STAGE_QUOTES},
                  {"keywords", NG_STAGE_KEYWORDS}};
    size_t nstages = sizeof stages / sizeof *stages;
    while (*list) {
        size_t n = strcspn(list, ",");
        size_t k = 0;
        while (k < nstages && !(strlen(stages[k].name) == n &&
                                strncmp(list, stages[k].name, n) == 0))
            k++;
        if (k == nstages) {
            cli_usage_error(cmd,
                            "--skip takes entities, times, amounts, quotes, "
                            "keywords (comma-separated), not '%.*s'",
                            (int)n, list);
            return false;
        }
        *skip |= stages[k].stage;
        list += n + (list[n] == ',');
    }
    return true;
}

ng_analyzer *cli_new_analyzer(const char *cmd, const char *models_dir,
                              unsigned skip)
{
    ng_analyzer *an = NULL;
    ng_analyzer_options opt = {.models_dir = models_dir, .skip = skip};
    ng_status st = ng_analyzer_new(&an, &opt);
    if (st != NG_OK) {
        const char *detail = an ? ng_analyzer_message(an) : "";
        cli_error(cmd, "%s%s%s", ng_strerror(st), *detail ? ": " : "", detail);
        ng_analyzer_free(an);
        return NULL;
    }
    return an;
}
