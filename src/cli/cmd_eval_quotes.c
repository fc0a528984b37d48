/*
 * cmd_eval_quotes.c -- `newsgraph eval-quotes DIR...`: the quote finder
 * scored on a gold set (tests/quote/gold, format in its README.md).
 *
 * Each NAME.tsv names its article ("# text: PATH", relative to the
 * working directory), its split ("# split: dev" or "test") and holds one
 * gold quote a line: kind, span, speaker, verb (tab-separated). A span is
 * the quote's exact text, or "BEGIN ... END" (from the first BEGIN to the
 * first END after it), with " @N" at the end to take the N-th BEGIN. A
 * speaker is a name or "-" (none), alternatives separated by '|'.
 *
 * Scores, per split and overall:
 *   exact match    same kind, same start and end;
 *   overlap match  same kind, overlapping (one to one, gold quotes in
 *                  order, each taking the unused quote whose overlap is
 *                  the largest share of their union);
 *   P, R, F1 of both, as in eval-timex;
 *   speaker accuracy over overlap matches: right when the gold says none
 *       and the quote has no speaker, or the quote's speaker entity has
 *       the gold name as its name or as one of its mentions.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

static const char eval_help[] =
    "usage: newsgraph eval-quotes [options] DIR...\n"
    "\n"
    "Scores the quote finder on a gold set: each DIR holds NAME.tsv files\n"
    "(format in tests/quote/gold/README.md) naming an article and its\n"
    "quotes. Prints span precision, recall and F1 (exact and overlap) and\n"
    "speaker accuracy over the matched quotes, for the dev and test splits\n"
    "and overall.\n"
    "\n"
    "options:\n"
    "  --errors      list misses, false alarms and wrong speakers\n"
    "  --json        the scores as one JSON object\n"
    "  --models D    the models directory\n"
    "  -h, --help    this help\n";

enum { MAX_GOLD = 512, MAX_LINE = 8192, NSPLITS = 3 };

typedef struct gold_quote {
    ng_quote_kind kind;
    size_t start, end;
    char speaker[512]; /* alternatives separated by '|'; "-" for none */
    bool matched;
} gold_quote;

typedef struct score {
    size_t docs, gold, system, exact, overlap_p, overlap_r;
    size_t speaker_ok, speaker_total;
} score;

typedef struct options {
    bool errors, json;
    const char *models;
} options;

static const char *const split_names[NSPLITS] = {"dev", "test", "all"};

/* ---- the gold file -------------------------------------------------- */

static bool parse_kind(const char *s, ng_quote_kind *k)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, ng_quote_kind_name((ng_quote_kind)i)) == 0) {
            *k = (ng_quote_kind)i;
            return true;
        }
    return false;
}

/* Finds the span text in the article text: [*start, *end). */
static bool resolve_span(const char *text, const char *span, size_t *start,
                         size_t *end)
{
    char buf[MAX_LINE];
    snprintf(buf, sizeof buf, "%s", span);
    int occurrence = 1;
    char *at = strrchr(buf, '@');
    if (at && at > buf && at[-1] == ' ' && at[1] >= '1' && at[1] <= '9') {
        occurrence = (int)strtol(at + 1, NULL, 10);
        at[-1] = '\0';
    }
    char *sep = strstr(buf, " ... ");
    const char *tail = NULL;
    if (sep) {
        *sep = '\0';
        tail = sep + 5;
    }
    const char *p = text - 1;
    for (int i = 0; i < occurrence; i++) {
        p = strstr(p + 1, buf);
        if (!p)
            return false;
    }
    *start = (size_t)(p - text);
    if (!tail) {
        *end = *start + strlen(buf);
        return true;
    }
    const char *q = strstr(p, tail);
    if (!q)
        return false;
    *end = (size_t)(q - text) + strlen(tail);
    return true;
}

/* Splits a line at tabs into at most n fields (in place). */
static size_t split_tabs(char *line, char **fields, size_t n)
{
    size_t k = 0;
    while (k < n) {
        fields[k++] = line;
        char *tab = strchr(line, '\t');
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return k;
}

typedef struct gold_doc {
    char text_path[4096];
    int split; /* 0 dev, 1 test */
    gold_quote *quotes;
    size_t n;
} gold_doc;

/* Reads the header lines of a .tsv (text path, split). */
static bool read_header(FILE *f, gold_doc *g)
{
    char line[MAX_LINE];
    g->text_path[0] = '\0';
    g->split = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "# text:", 7) == 0)
            snprintf(g->text_path, sizeof g->text_path, "%s",
                     line + 7 + strspn(line + 7, " "));
        else if (strncmp(line, "# split:", 8) == 0)
            g->split = strstr(line, "test") ? 1 : 0;
    }
    rewind(f);
    return g->text_path[0] != '\0';
}

/* Reads the gold quotes of a .tsv against the analyzed text. */
static bool read_gold(const char *path, FILE *f, const char *text, gold_doc *g)
{
    char line[MAX_LINE];
    size_t lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *fields[4];
        gold_quote *q = &g->quotes[g->n];
        if (g->n == MAX_GOLD || split_tabs(line, fields, 4) != 4 ||
            !parse_kind(fields[0], &q->kind) ||
            !resolve_span(text, fields[1], &q->start, &q->end)) {
            cli_error("eval-quotes", "%s:%zu: bad line or span not found", path,
                      lineno);
            return false;
        }
        snprintf(q->speaker, sizeof q->speaker, "%s", fields[2]);
        q->matched = false;
        g->n++;
    }
    return true;
}

/* ---- matching ------------------------------------------------------- */

static bool is_alternative(const char *alts, const char *s, size_t n)
{
    for (const char *p = alts; *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, s, n) == 0)
            return true;
        p += len + (p[len] == '|');
    }
    return false;
}

static bool speaker_right(const ng_analysis *an, const ng_quote *q,
                          const char *gold)
{
    if (q->speaker < 0)
        return is_alternative(gold, "-", 1);
    const ng_entity *e = ng_analysis_entity(an, (size_t)q->speaker);
    if (!e)
        return false;
    if (is_alternative(gold, e->name, strlen(e->name)))
        return true;
    const char *text = ng_analysis_text(an, NULL);
    for (size_t m = 0; m < e->nmentions; m++)
        if (is_alternative(gold, text + e->mentions[m].start,
                           e->mentions[m].end - e->mentions[m].start))
            return true;
    return false;
}

static size_t overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
    size_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

static void print_span(const char *text, size_t start, size_t end)
{
    size_t n = end - start;
    printf("%.*s%s", (int)(n > 90 ? 90 : n), text + start, n > 90 ? "..." : "");
}

/* The words a found quote names as its speaker and its cue, and the
 * text around the cue (where speaker errors are made), on one line. */
static void print_attribution(const char *text, const ng_quote *q)
{
    size_t n = q->source.end - q->source.start;
    printf("\n    source \"%.*s\" verb \"%s\"", (int)n, text + q->source.start,
           q->verb ? q->verb : "-");
    if (q->cue.end > q->cue.start) {
        size_t lo = q->cue.start > 100 ? q->cue.start - 100 : 0;
        size_t hi = q->cue.end + 60, len = strlen(text);
        if (hi > len)
            hi = len;
        while (lo > 0 && (text[lo] & 0xC0) == 0x80) /* whole characters */
            lo--;
        while (hi < len && (text[hi] & 0xC0) == 0x80)
            hi++;
        printf(" in \"");
        for (size_t i = lo; i < hi; i++)
            putchar(text[i] == '\n' ? ' ' : text[i]);
        printf("\"");
    }
    printf("\n");
}

static void score_doc(const ng_analysis *an, gold_doc *g, score *s,
                      const char *name, const options *o)
{
    const char *text = ng_analysis_text(an, NULL);
    size_t nq = ng_analysis_quote_count(an);
    bool *used = calloc(nq + 1, 1);
    if (!used)
        return;
    s->docs++;
    s->gold += g->n;
    s->system += nq;
    for (size_t i = 0; i < g->n; i++) {
        gold_quote *gq = &g->quotes[i];
        /* The unused quote of the same kind that overlaps it with the
         * largest share of their union (Jaccard). */
        size_t best = nq;
        double best_j = 0;
        for (size_t k = 0; k < nq; k++) {
            const ng_quote *q = ng_analysis_quote(an, k);
            size_t ov = overlap(gq->start, gq->end, q->span.start, q->span.end);
            if (used[k] || q->kind != gq->kind || ov == 0)
                continue;
            size_t lo = gq->start < q->span.start ? gq->start : q->span.start;
            size_t hi = gq->end > q->span.end ? gq->end : q->span.end;
            double jac = (double)ov / (double)(hi - lo);
            if (jac > best_j) {
                best = k;
                best_j = jac;
            }
        }
        if (best == nq) {
            if (o->errors) {
                printf("%s: missed %s: ", name, ng_quote_kind_name(gq->kind));
                print_span(text, gq->start, gq->end);
                printf(" [%s]\n", gq->speaker);
            }
            continue;
        }
        used[best] = true;
        const ng_quote *q = ng_analysis_quote(an, best);
        s->overlap_r++;
        s->overlap_p++;
        s->exact += q->span.start == gq->start && q->span.end == gq->end;
        s->speaker_total++;
        if (speaker_right(an, q, gq->speaker))
            s->speaker_ok++;
        else if (o->errors) {
            const ng_entity *e =
                q->speaker >= 0 ? ng_analysis_entity(an, (size_t)q->speaker)
                                : NULL;
            printf("%s: wrong speaker %s (gold %s): ", name, e ? e->name : "-",
                   gq->speaker);
            print_span(text, gq->start, gq->end);
            print_attribution(text, q);
        }
    }
    for (size_t k = 0; k < nq && o->errors; k++)
        if (!used[k]) {
            const ng_quote *q = ng_analysis_quote(an, k);
            printf("%s: false %s: ", name, ng_quote_kind_name(q->kind));
            print_span(text, q->span.start, q->span.end);
            printf("\n");
        }
    free(used);
}

/* ---- reading and analyzing an article ------------------------------- */

static ng_analysis *analyze_file(const ng_analyzer *az, const char *path)
{
    ng_reader *r = NULL;
    const char *paths[] = {path};
    if (ng_reader_open(&r, paths, 1, NULL) != NG_OK)
        return NULL;
    ng_article *a = NULL;
    ng_analysis *an = NULL;
    if (ng_reader_next(r, &a) == NG_OK && ng_analyze(az, a, &an) != NG_OK)
        an = NULL;
    ng_article_free(a);
    ng_reader_close(r);
    return an;
}

static bool eval_file(const ng_analyzer *az, const char *tsv, score *scores,
                      const options *o)
{
    FILE *f = fopen(tsv, "r");
    if (!f) {
        cli_error("eval-quotes", "%s: cannot open", tsv);
        return false;
    }
    gold_doc g = {0};
    g.quotes = calloc(MAX_GOLD, sizeof *g.quotes);
    bool ok = g.quotes && read_header(f, &g);
    if (g.quotes && !ok)
        cli_error("eval-quotes", "%s: no '# text: PATH' line", tsv);
    ng_analysis *an = ok ? analyze_file(az, g.text_path) : NULL;
    if (ok && !an)
        cli_error("eval-quotes", "%s: cannot read or analyze %s", tsv,
                  g.text_path);
    ok = an && read_gold(tsv, f, ng_analysis_text(an, NULL), &g);
    if (ok) {
        gold_doc copy = g; /* matched flags are per split run */
        score_doc(an, &g, &scores[g.split], tsv, o);
        options quiet = *o;
        quiet.errors = false;
        score_doc(an, &copy, &scores[2], tsv, &quiet);
    }
    ng_analysis_free(an);
    free(g.quotes);
    fclose(f);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .tsv of dir, in name order. */
static bool eval_dir(const ng_analyzer *az, const char *dir, score *scores,
                     const options *o)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("eval-quotes", "%s: cannot open the directory", dir);
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                ok = false;
                break;
            }
            names = nn;
        }
        size_t plen = strlen(dir) + len + 2;
        if (!(names[n] = malloc(plen))) {
            ok = false;
            break;
        }
        snprintf(names[n++], plen, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        ok = eval_file(az, names[i], scores, o) && ok;
        free(names[i]);
    }
    free(names);
    return ok;
}

/* ---- printing ------------------------------------------------------- */

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void print_scores(const score *scores, bool json)
{
    if (json)
        printf("{");
    for (int i = 0; i < NSPLITS; i++) {
        const score *s = &scores[i];
        double ep = pct(s->exact, s->system), er = pct(s->exact, s->gold);
        double op = pct(s->overlap_p, s->system);
        double orr = pct(s->overlap_r, s->gold);
        double sa = pct(s->speaker_ok, s->speaker_total);
        if (json) {
            printf("%s\"%s\":{\"docs\":%zu,\"gold\":%zu,\"system\":%zu,"
                   "\"exact\":{\"p\":%.1f,\"r\":%.1f,\"f1\":%.1f},"
                   "\"overlap\":{\"p\":%.1f,\"r\":%.1f,\"f1\":%.1f},"
                   "\"speaker_accuracy\":%.1f,\"speakers_scored\":%zu}",
                   i ? "," : "", split_names[i], s->docs, s->gold, s->system,
                   ep, er, f1(ep, er), op, orr, f1(op, orr), sa,
                   s->speaker_total);
            continue;
        }
        printf("%-4s %3zu articles, %4zu gold quotes, %4zu found\n",
               split_names[i], s->docs, s->gold, s->system);
        printf("     exact    P %5.1f  R %5.1f  F1 %5.1f\n", ep, er,
               f1(ep, er));
        printf("     overlap  P %5.1f  R %5.1f  F1 %5.1f\n", op, orr,
               f1(op, orr));
        printf("     speaker accuracy %5.1f%% of %zu matched quotes\n", sa,
               s->speaker_total);
    }
    if (json)
        printf("}\n");
}

int cmd_eval_quotes(int argc, char **argv)
{
    static const struct option opts[] = {
        {"errors", no_argument, NULL, 'e'},
        {"json", no_argument, NULL, 'j'},
        {"models", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    options o = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'e': o.errors = true; break;
        case 'j': o.json = true; break;
        case 'm': o.models = optarg; break;
        case 'h': fputs(eval_help, stdout); return EXIT_OK;
        default: return cli_usage_error("eval-quotes", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("eval-quotes", "give a gold directory, e.g. "
                                              "tests/quote/gold");
    ng_analyzer *az = cli_new_analyzer("eval-quotes", o.models, 0);
    if (!az)
        return EXIT_FAIL;
    score scores[NSPLITS] = {{0}};
    bool ok = true;
    for (int i = optind; i < argc; i++)
        ok = eval_dir(az, argv[i], scores, &o) && ok;
    ng_analyzer_free(az);
    print_scores(scores, o.json);
    return ok ? EXIT_OK : EXIT_FAIL;
}
