/*
 * cli.h -- what the subcommands of the newsgraph command share: exit
 * codes, the store path, messages on stderr. The CLI uses only the public
 * API (include/newsgraph.h).
 */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "newsgraph.h"

/* Exit codes scripts can rely on (documented in the README). */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,     /* could not do the job: store, memory, I/O */
    EXIT_USAGE = 2,    /* bad command line or bad query */
    EXIT_SKIPPED = 3,  /* done, but some input items were skipped */
    EXIT_NOT_FOUND = 4 /* the requested article or entity does not exist */
};

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} command;

int cmd_analyze(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_train_ner(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_eval_quotes(int argc, char **argv);
int cmd_keywords(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_header(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_eval_timex(int argc, char **argv);

/* The store path: --db, else $NEWSGRAPH_DB, else ./newsgraph.db. */
const char *cli_db_path(const char *flag_value);

/* Prints "newsgraph <cmd>: message" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints the usage error and the hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The words argv[0..argc) joined with spaces ("" for none); malloc'ed,
 * the caller frees it. NULL when out of memory. */
char *cli_join_words(int argc, char *const *argv);

/* False (after a usage error) when --since or --until (NULL: not given)
 * is not a YYYY-MM-DD day. */
bool cli_dates_ok(const char *cmd, const char *since, const char *until);

/* False (after a usage error) when --date's value is not a real day. */
bool cli_date_ok(const char *cmd, const char *date);

/* Parses --format; false when unknown. */
bool cli_parse_format(const char *s, ng_format *out);

/* Parses a positive integer option; false (after an error) when bad. */
bool cli_parse_uint(const char *cmd, const char *opt, const char *s,
                    unsigned *out);

/* Makes the analyzer with the models in `models_dir` (NULL: the
 * default), printing why it failed. NULL on failure. */
ng_analyzer *cli_new_analyzer(const char *cmd, const char *models_dir,
                              unsigned skip);

/* Parses --skip's list ("entities,times") into NG_STAGE_* bits; false
 * (after a usage message) when a name is unknown. */
bool cli_parse_skip(const char *cmd, const char *list, unsigned *skip);

/* Opens the store, printing why it failed. NULL on failure. */
ng_store *cli_open_store(const char *cmd, const char *path, unsigned flags);

#endif /* NG_CLI_H */
