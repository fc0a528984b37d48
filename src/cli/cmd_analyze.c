/*
 * cmd_analyze.c -- `newsgraph analyze [FILES...]`: one analysis record per
 * article on stdout, as JSON Lines. With no files it reads stdin, so it
 * works as a streaming filter (JSON Lines in, JSON Lines out).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char analyze_help[] =
    "usage: newsgraph analyze [options] [FILE|DIR|-]...\n"
    "\n"
    "Writes the analysis record of each article as one JSON line on "
    "stdout.\nWith no FILE, reads standard input.\n"
    "\n"
    "options:\n"
    "  --format F   input format: auto (default), native, jsonl, text\n"
    "  --date D     date (YYYY-MM-DD) for articles that have none\n"
    "  --spans      add paragraphs, sentences and tokens (byte offsets)\n"
    "  --models D   the models directory (default $NEWSGRAPH_MODELS or the\n"
    "               models/ of the source tree)\n"
    "  --skip LIST  leave stages out: entities, times, amounts, quotes,\n"
    "               keywords (comma-separated); their fields are then\n"
    "               absent\n"
    "  -h, --help   this help\n"
    "\n"
    "Exit status: 0 all read, 3 some input was skipped (see stderr),\n"
    "1 a failure, 2 a usage error.\n";

int cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, 'd'},
        {"spans", no_argument, NULL, 's'},
        {"models", required_argument, NULL, 'M'},
        {"skip", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ng_read_options ropt = {0};
    unsigned flags = 0;
    const char *models = NULL;
    unsigned skip = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_format(optarg, &ropt.format))
                return cli_usage_error("analyze", "unknown format '%s'",
                                       optarg);
            break;
        case 'd':
            if (!cli_date_ok("analyze", optarg))
                return EXIT_USAGE;
            ropt.default_date = optarg;
            break;
        case 's': flags |= NG_JSON_SPANS; break;
        case 'M': models = optarg; break;
        case 'S':
            if (!cli_parse_skip("analyze", optarg, &skip))
                return EXIT_USAGE;
            break;
        case 'h': fputs(analyze_help, stdout); return EXIT_OK;
        default: return cli_usage_error("analyze", "bad option");
        }
    }
    static const char *const stdin_only[] = {"-"};
    const char *const *paths =
        optind < argc ? (const char *const *)argv + optind : stdin_only;
    size_t npaths = optind < argc ? (size_t)(argc - optind) : 1;

    ng_analyzer *analyzer = cli_new_analyzer("analyze", models, skip);
    if (!analyzer)
        return EXIT_FAIL;
    ng_reader *reader = NULL;
    ng_status st = ng_reader_open(&reader, paths, npaths, &ropt);
    if (st != NG_OK) {
        ng_analyzer_free(analyzer);
        cli_error("analyze", "%s", ng_strerror(st));
        ng_reader_close(reader);
        return EXIT_FAIL;
    }
    int exit_code = EXIT_OK;
    ng_article *article;
    while ((st = ng_reader_next(reader, &article)) != NG_DONE) {
        if (st == NG_ERR_NOMEM) {
            cli_error("analyze", "%s", ng_strerror(st));
            exit_code = EXIT_FAIL;
            break;
        }
        if (st != NG_OK) {
            fprintf(stderr, "%s\n", ng_reader_message(reader));
            exit_code = EXIT_SKIPPED;
            continue;
        }
        ng_analysis *an = NULL;
        char *json = NULL;
        size_t len = 0;
        st = ng_analyze(analyzer, article, &an);
        if (st == NG_OK)
            st = ng_analysis_json(an, flags, &json, &len);
        if (st == NG_OK) {
            fwrite(json, 1, len, stdout);
            putchar('\n');
        } else {
            fprintf(
                stderr, "%s: %s%s\n", article->origin, ng_strerror(st),
                st == NG_ERR_TOO_LARGE
                    ? " (more than " NG_STR(NG_MAX_ARTICLE_TOKENS) " tokens)"
                    : "");
            if (exit_code != EXIT_FAIL) /* a failure outranks a skip */
                exit_code = st == NG_ERR_NOMEM ? EXIT_FAIL : EXIT_SKIPPED;
        }
        free(json);
        ng_analysis_free(an);
        ng_article_free(article);
        if (exit_code == EXIT_FAIL)
            break;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("analyze", "writing the output failed");
        exit_code = EXIT_FAIL;
    }
    ng_analyzer_free(analyzer);
    ng_reader_close(reader);
    return exit_code;
}
