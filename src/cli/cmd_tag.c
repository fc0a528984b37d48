/*
 * cmd_tag.c -- `newsgraph tag --conll [FILE]`: the entity tagger over
 * CoNLL columns. Each line comes back with one more column, the predicted
 * tag in IOB2; with --eval, the conlleval-style scores against the gold
 * tags of the last column instead. Input is read a document at a time
 * (-DOCSTART- lines), so memory stays bounded on any input size.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char tag_help[] =
    "usage: newsgraph tag --conll [options] [FILE|-]\n"
    "\n"
    "Tags named entities (PER, ORG, LOC, MISC) in a CoNLL column file: the\n"
    "first column is the token, blank lines separate sentences, -DOCSTART-\n"
    "lines start documents. Each line is written back with one more column,\n"
    "the predicted tag in IOB2 (B-X, I-X, O). With no FILE, reads standard\n"
    "input.\n"
    "\n"
    "options:\n"
    "  --conll      the input is CoNLL columns (required; the only format)\n"
    "  --eval       print precision, recall and F1 (overall and per type)\n"
    "               against the gold tags in the last column instead\n"
    "               (conlleval: an entity counts when start, end and type\n"
    "               match)\n"
    "  --models D   the models directory (default $NEWSGRAPH_MODELS or the\n"
    "               models/ of the source tree)\n"
    "  -h, --help   this help\n"
    "\n"
    "Exit status: 0 done, 1 a failure (model, memory, I/O), 2 a usage error\n"
    "or, with --eval, input without gold tags.\n";

enum { MAX_LINE = 1 << 20, MAX_CHUNK = 64 << 20 };

typedef struct tagger {
    ng_analyzer *an;
    bool eval;
    ng_ner_score score;
    uint64_t tokens;
    bool no_gold;
} tagger;

/* Tags one chunk of whole documents and writes it (or scores it). */
static ng_status tag_chunk(tagger *t, const char *data, size_t len)
{
    ng_conll *c = NULL;
    ng_status st = ng_conll_parse(&c, data, len);
    if (st == NG_OK)
        st = ng_conll_tag(t->an, c);
    if (st == NG_OK && t->eval) {
        if (ng_conll_token_count(c) && !ng_conll_has_gold(c))
            t->no_gold = true;
        else if (ng_conll_token_count(c))
            st = ng_conll_score(c, &t->score);
    } else if (st == NG_OK) {
        char *out = NULL;
        size_t n = 0;
        st = ng_conll_write(c, &out, &n);
        if (st == NG_OK && fwrite(out, 1, n, stdout) != n)
            st = NG_ERR_IO;
        free(out);
    }
    t->tokens += ng_conll_token_count(c);
    ng_conll_free(c);
    return st;
}

static bool is_docstart(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return n - i >= 10 && memcmp(line + i, "-DOCSTART-", 10) == 0;
}

/* Reads documents from f and tags each chunk of them. */
static int tag_stream(tagger *t, FILE *f, const char *name)
{
    char *line = NULL;
    size_t cap = 0, line_no = 0;
    ssize_t n;
    char *chunk = NULL;
    size_t len = 0, chunk_cap = 0;
    ng_status st = NG_OK;
    int code = EXIT_OK;
    while (st == NG_OK && (n = getline(&line, &cap, f)) >= 0) {
        line_no++;
        if (n > MAX_LINE) {
            cli_error("tag", "%s:%zu: line longer than 1 MiB", name, line_no);
            code = EXIT_FAIL;
            break;
        }
        bool blank = n == 0 || line[0] == '\n' || line[0] == '\r';
        /* A new document, or a long one at a sentence break: flush. */
        if (len &&
            (is_docstart(line, (size_t)n) || (blank && len > MAX_CHUNK))) {
            st = tag_chunk(t, chunk, len);
            len = 0;
        }
        if (len + (size_t)n > chunk_cap) {
            size_t want = (len + (size_t)n) * 2;
            char *p = realloc(chunk, want);
            if (!p) {
                st = NG_ERR_NOMEM;
                break;
            }
            chunk = p;
            chunk_cap = want;
        }
        memcpy(chunk + len, line, (size_t)n);
        len += (size_t)n;
    }
    if (st == NG_OK && code == EXIT_OK && ferror(f)) {
        cli_error("tag", "%s: read error", name);
        code = EXIT_FAIL;
    }
    if (st == NG_OK && code == EXIT_OK && len)
        st = tag_chunk(t, chunk, len);
    if (st != NG_OK) {
        cli_error("tag", "%s: %s", name, ng_strerror(st));
        code = EXIT_FAIL;
    }
    free(line);
    free(chunk);
    return code;
}

static void print_scores(tagger *t)
{
    ng_ner_score *s = &t->score;
    ng_ner_score_finish(s);
    int all = NG_NER_TYPES;
    printf("processed %llu tokens with %llu phrases; found: %llu phrases; "
           "correct: %llu.\n",
           (unsigned long long)s->tokens, (unsigned long long)s->gold[all],
           (unsigned long long)s->predicted[all],
           (unsigned long long)s->correct[all]);
    printf("accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; "
           "FB1: %6.2f\n",
           s->tokens ? 100.0 * (double)s->tokens_correct / (double)s->tokens
                     : 0.0,
           s->precision[all], s->recall[all], s->f1[all]);
    for (int ty = 0; ty < NG_NER_TYPES; ty++)
        printf("%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  "
               "%llu\n",
               ng_ner_type_name(ty), s->precision[ty], s->recall[ty], s->f1[ty],
               (unsigned long long)s->predicted[ty]);
}

int cmd_tag(int argc, char **argv)
{
    static const struct option opts[] = {
        {"conll", no_argument, NULL, 'c'},
        {"eval", no_argument, NULL, 'e'},
        {"models", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    bool conll = false;
    const char *models = NULL;
    tagger t;
    memset(&t, 0, sizeof t);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': conll = true; break;
        case 'e': t.eval = true; break;
        case 'M': models = optarg; break;
        case 'h': fputs(tag_help, stdout); return EXIT_OK;
        default: return cli_usage_error("tag", "bad option");
        }
    }
    if (!conll)
        return cli_usage_error("tag", "give --conll (the only input format "
                                      "so far)");
    if (argc - optind > 1)
        return cli_usage_error("tag", "give at most one FILE");
    const char *name = optind < argc ? argv[optind] : "-";
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!f) {
        cli_error("tag", "%s: cannot open", name);
        return EXIT_FAIL;
    }
    t.an = cli_new_analyzer("tag", models, 0);
    int code = t.an ? tag_stream(&t, f, name) : EXIT_FAIL;
    if (f != stdin)
        fclose(f);
    if (code == EXIT_OK && t.eval && t.no_gold) {
        cli_error("tag",
                  "%s: --eval needs a gold tag in the last column of "
                  "every token line",
                  name);
        code = EXIT_USAGE;
    } else if (code == EXIT_OK && t.eval) {
        print_scores(&t);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("tag", "writing the output failed");
        code = EXIT_FAIL;
    }
    ng_analyzer_free(t.an);
    return code;
}
