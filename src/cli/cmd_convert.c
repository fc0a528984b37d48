/*
 * cmd_convert.c -- `newsgraph header`: the native first line of each
 * article ("date 2024-01-08 #Pentagon #denies ..."), its hashtags from
 * the title, or proposed from the keyphrases when there is none; and
 * `newsgraph convert`: any input as native-format files or JSON Lines,
 * the tags filled the same way when the input has none.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "json_print.h"

enum { DEFAULT_TAGS = 8, MAX_NAME = 200 };

static const char header_help[] =
    "usage: newsgraph header [options] [FILES...]\n"
    "\n"
    "Prints the native format's first line of each article:\n"
    "  date 2024-01-08 #Pentagon #denies #preparing #withdraw #American ...\n"
    "The hashtags are the title's content words in order (case kept; stop\n"
    "words, numbers and one-letter words dropped); an article without a\n"
    "title gets hashtags proposed from its keyphrases. Reads standard\n"
    "input without FILES.\n"
    "\n"
    "options:\n"
    "  --format F    auto (default), native, jsonl, text\n"
    "  --date D      date (YYYY-MM-DD) for articles that have none\n"
    "  --max N       hashtags proposed from keyphrases (default 8)\n"
    "  --json        one JSON object a line: id, header, tags, from\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 done, 3 some articles skipped (no date, bad input),\n"
    "1 a failure, 2 a usage error.\n";

static const char convert_help[] =
    "usage: newsgraph convert [options] FILES...\n"
    "\n"
    "Writes every article of FILES (any input format) in another format:\n"
    "  --to jsonl    JSON Lines (id, date, title, tags, url, source, text),\n"
    "                on standard output or into the file of -o\n"
    "  --to native   one NAME.txt per article in the directory of -o: the\n"
    "                header line, a blank line, the paragraphs\n"
    "An article without tags gets those of its title, or hashtags\n"
    "proposed from its keyphrases.\n"
    "\n"
    "options:\n"
    "  --to F          jsonl (default) or native\n"
    "  -o, --output P  the file (jsonl) or directory (native, required)\n"
    "  --format F      the input's: auto (default), native, jsonl, text\n"
    "  --date D        date (YYYY-MM-DD) for articles that have none\n"
    "  --max N         hashtags proposed from keyphrases (default 8)\n"
    "  -h, --help      this help\n"
    "\n"
    "Exit status: 0 done, 3 some articles skipped (no date for the native\n"
    "format, bad input), 1 a failure, 2 a usage error.\n";

typedef struct conv_opts {
    ng_read_options read;
    unsigned max;
    bool json;
    bool native;
    const char *output;
} conv_opts;

/* The article's tags: its own (convert only), its title's, or proposed
 * from its keyphrases. *from says which. */
static ng_status article_tags(const ng_analyzer *az, const ng_article *a,
                              bool keep_own, unsigned max, char ***tags,
                              size_t *n, const char **from)
{
    if (keep_own && a->ntags) {
        *from = "input";
        *tags = calloc(a->ntags + 1, sizeof **tags);
        if (!*tags)
            return NG_ERR_NOMEM;
        for (*n = 0; *n < a->ntags; (*n)++)
            if (!((*tags)[*n] = strdup(a->tags[*n])))
                return NG_ERR_NOMEM;
        return NG_OK;
    }
    if (a->title) {
        *from = "title";
        return ng_header_tags(a->title, NULL, 64, tags, n);
    }
    *from = "keywords";
    ng_analysis *an = NULL;
    ng_status st = ng_analyze(az, a, &an);
    if (st == NG_OK)
        st = ng_header_tags(NULL, an, max, tags, n);
    ng_analysis_free(an);
    return st;
}

static void print_header_line(FILE *out, const char *date, char **tags,
                              size_t n)
{
    fprintf(out, "date %s", date);
    for (size_t i = 0; i < n; i++)
        fprintf(out, " #%s", tags[i]);
    fputc('\n', out);
}

static void print_header_json(const ng_article *a, char **tags, size_t n,
                              const char *from)
{
    size_t len = strlen("date ") + strlen(a->date) + 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(tags[i]) + 2;
    char *header = malloc(len);
    if (!header)
        return;
    size_t k = (size_t)snprintf(header, len, "date %s", a->date);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(header + k, len - k, " #%s", tags[i]);
    printf("{\"id\":");
    json_print_string(stdout, a->id);
    printf(",\"header\":");
    json_print_string(stdout, header);
    printf(",\"tags\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_print_string(stdout, tags[i]);
    }
    printf("],\"from\":\"%s\"}\n", from);
    free(header);
}

/* A file name from the article's id: its last path part without the
 * extension, other than [A-Za-z0-9._-] as '_', made unique with -N. */
static bool native_path(const char *dir, const ng_article *a, char *path,
                        size_t cap)
{
    const char *base = strrchr(a->id, '/');
    base = base ? base + 1 : a->id;
    char name[MAX_NAME + 1];
    size_t n = 0;
    for (const char *p = base; *p && n < MAX_NAME; p++) {
        char ch = *p;
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
                  ch == '_';
        name[n++] = ok ? ch : '_';
    }
    name[n] = '\0';
    char *dot = strrchr(name, '.');
    if (dot && dot != name &&
        (strcmp(dot, ".txt") == 0 || strcmp(dot, ".json") == 0 ||
         strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".text") == 0))
        *dot = '\0';
    if (!name[0] || name[0] == '.')
        snprintf(name, sizeof name, "article");
    struct stat st;
    for (unsigned k = 1; k < 100000; k++) {
        int len = k == 1 ? snprintf(path, cap, "%s/%s.txt", dir, name)
                         : snprintf(path, cap, "%s/%s-%u.txt", dir, name, k);
        if (len < 0 || (size_t)len >= cap)
            return false;
        if (stat(path, &st) != 0 && errno == ENOENT)
            return true;
    }
    return false;
}

static bool write_native(const conv_opts *o, const ng_article *a, char **tags,
                         size_t n)
{
    char path[4096];
    if (!native_path(o->output, a, path, sizeof path))
        return false;
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    print_header_line(f, a->date, tags, n);
    fputc('\n', f);
    fwrite(a->text, 1, a->text_len, f);
    if (a->text_len && a->text[a->text_len - 1] != '\n')
        fputc('\n', f);
    return fclose(f) == 0;
}

static void write_jsonl(FILE *out, const ng_article *a, char **tags, size_t n)
{
    fprintf(out, "{\"id\":");
    json_print_string(out, a->id);
    fprintf(out, ",\"date\":");
    json_print_string(out, a->date);
    fprintf(out, ",\"title\":");
    json_print_string(out, a->title);
    fprintf(out, ",\"tags\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        json_print_string(out, tags[i]);
    }
    fprintf(out, "],\"url\":");
    json_print_string(out, a->url);
    fprintf(out, ",\"source\":");
    json_print_string(out, a->source);
    fprintf(out, ",\"text\":");
    json_print_stringn(out, a->text, a->text_len);
    fprintf(out, "}\n");
}

/* One article: header line, native file or JSON line. Returns an exit
 * code for it (EXIT_OK, EXIT_SKIPPED, EXIT_FAIL). */
static int one_article(const char *cmd, const ng_analyzer *az,
                       const conv_opts *o, const ng_article *a, FILE *out)
{
    bool header = strcmp(cmd, "header") == 0;
    if ((header || o->native) && !a->date) {
        fprintf(stderr,
                "%s: no date: the native header needs one (give "
                "--date)\n",
                a->origin);
        return EXIT_SKIPPED;
    }
    char **tags = NULL;
    size_t n = 0;
    const char *from = "";
    ng_status st = article_tags(az, a, !header, o->max, &tags, &n, &from);
    int code = EXIT_OK;
    if (st != NG_OK) {
        fprintf(stderr, "%s: %s\n", a->origin, ng_strerror(st));
        code = st == NG_ERR_NOMEM ? EXIT_FAIL : EXIT_SKIPPED;
    } else if (header && o->json) {
        print_header_json(a, tags, n, from);
    } else if (header) {
        print_header_line(stdout, a->date, tags, n);
    } else if (o->native) {
        if (!write_native(o, a, tags, n)) {
            cli_error(cmd, "%s: cannot write into %s", a->id, o->output);
            code = EXIT_FAIL;
        }
    } else {
        write_jsonl(out, a, tags, n);
    }
    ng_tags_free(tags, n);
    return code;
}

static int run(const char *cmd, conv_opts *o, const char *const *paths,
               size_t npaths)
{
    /* Only keyphrases are needed: no model, no other stage. */
    ng_analyzer *az = cli_new_analyzer(cmd, NULL,
                                       NG_STAGE_ENTITIES | NG_STAGE_TIMES |
                                           NG_STAGE_AMOUNTS | NG_STAGE_QUOTES);
    ng_reader *reader = NULL;
    if (!az || ng_reader_open(&reader, paths, npaths, &o->read) != NG_OK) {
        ng_analyzer_free(az);
        ng_reader_close(reader);
        return EXIT_FAIL;
    }
    FILE *out = stdout;
    if (o->output && !o->native && !(out = fopen(o->output, "w"))) {
        cli_error(cmd, "%s: cannot create the file", o->output);
        out = NULL;
    }
    int code = out ? EXIT_OK : EXIT_FAIL;
    ng_article *a;
    ng_status st;
    while (out && (st = ng_reader_next(reader, &a)) != NG_DONE) {
        if (st != NG_OK) {
            fprintf(stderr, "%s\n", ng_reader_message(reader));
            code = st == NG_ERR_NOMEM ? EXIT_FAIL : EXIT_SKIPPED;
            if (st == NG_ERR_NOMEM)
                break;
            continue;
        }
        int c = one_article(cmd, az, o, a, out);
        ng_article_free(a);
        if (c != EXIT_OK && code != EXIT_FAIL)
            code = c;
        if (c == EXIT_FAIL)
            break;
    }
    if (out && out != stdout && fclose(out) != 0)
        code = EXIT_FAIL;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(cmd, "writing the output failed");
        code = EXIT_FAIL;
    }
    ng_analyzer_free(az);
    ng_reader_close(reader);
    return code;
}

/* Options both commands share; -1 to go on, else an exit code. */
static int parse(const char *cmd, const char *help, int argc, char **argv,
                 conv_opts *o)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"date", required_argument, NULL, 'd'},
        {"max", required_argument, NULL, 'm'},
        {"json", no_argument, NULL, 'j'},
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    bool header = strcmp(cmd, "header") == 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, header ? "h" : "ho:", opts, NULL)) !=
           -1) {
        switch (c) {
        case 'f':
            if (!cli_parse_format(optarg, &o->read.format))
                return cli_usage_error(cmd, "unknown format '%s'", optarg);
            break;
        case 'd':
            if (!cli_date_ok(cmd, optarg))
                return EXIT_USAGE;
            o->read.default_date = optarg;
            break;
        case 'm':
            if (!cli_parse_uint(cmd, "--max", optarg, &o->max))
                return EXIT_USAGE;
            break;
        case 'j':
            if (!header)
                return cli_usage_error(cmd, "bad option");
            o->json = true;
            break;
        case 't':
            if (header ||
                (strcmp(optarg, "native") != 0 && strcmp(optarg, "jsonl") != 0))
                return cli_usage_error(cmd,
                                       "--to is jsonl or native, not "
                                       "'%s'",
                                       optarg);
            o->native = strcmp(optarg, "native") == 0;
            break;
        case 'o':
            if (header)
                return cli_usage_error(cmd, "bad option");
            o->output = optarg;
            break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: return cli_usage_error(cmd, "bad option");
        }
    }
    return -1;
}

int cmd_header(int argc, char **argv)
{
    conv_opts o = {.max = DEFAULT_TAGS};
    int code = parse("header", header_help, argc, argv, &o);
    if (code >= 0)
        return code;
    static const char *const stdin_only[] = {"-"};
    if (optind >= argc)
        return run("header", &o, stdin_only, 1);
    return run("header", &o, (const char *const *)argv + optind,
               (size_t)(argc - optind));
}

int cmd_convert(int argc, char **argv)
{
    conv_opts o = {.max = DEFAULT_TAGS};
    int code = parse("convert", convert_help, argc, argv, &o);
    if (code >= 0)
        return code;
    if (optind >= argc)
        return cli_usage_error("convert", "give the input FILES (- for "
                                          "standard input)");
    if (o.native && !o.output)
        return cli_usage_error("convert", "--to native needs -o DIRECTORY");
    struct stat st;
    if (o.native && (stat(o.output, &st) != 0 || !S_ISDIR(st.st_mode)))
        return cli_usage_error("convert", "%s is not a directory", o.output);
    return run("convert", &o, (const char *const *)argv + optind,
               (size_t)(argc - optind));
}
