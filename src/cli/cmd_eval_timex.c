/*
 * cmd_eval_timex.c -- `newsgraph eval-timex PATH...`: the time extractor
 * scored on TimeML documents (TempEval-3 .tml files) by the TempEval-3
 * rules.
 *
 * Each document's <TEXT> (tags stripped, entities decoded) is analyzed
 * with its creation time (the <DCT> TIMEX3's date) as the article date;
 * the TIMEX3 tags inside <TEXT> are the gold standard. The definitions
 * are those of the official scorer, TE3-evaluation.py (UzZaman et al.,
 * SemEval-2013 Task 1, section 4.1), with character spans in place of its
 * tokens:
 *   strict match   a gold and a system expression with the same extent;
 *   relaxed match  a gold and a system expression that overlap;
 *   P = system expressions with a match / system expressions,
 *   R = gold expressions with a match / gold expressions, F1 their
 *       harmonic mean (strict and relaxed);
 *   attribute accuracy = relaxed-matched gold expressions whose system
 *       expression (the one overlapping it most) has the same value (or
 *       type) / relaxed-matched gold expressions;
 *   attribute F1 = attribute accuracy x relaxed F1 (so attribute P and R
 *       are accuracy x relaxed P and R), the "value F1" and "type F1" of
 *       the TempEval-3 results tables.
 * Each PATH (a file or a directory, walked recursively) is scored on its
 * own, then all together.
 *
 * Value disagreements are sorted by why (disagree_kind): where the gold
 * annotation leaves out what the text says (1989-WXX for "last week" of
 * a dated article, DATE for "Friday night"), writes the same value
 * otherwise (P1D, PT24H) or is malformed (2000-W7, DATE P1W), and the
 * rest. The official figures are the ones above; the breakdown bounds
 * how much of the gap is the annotation's.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "json_print.h"

static const char eval_help[] =
    "usage: newsgraph eval-timex [options] PATH...\n"
    "\n"
    "Scores the time extractor on TimeML documents (.tml, as in TempEval-3):\n"
    "each document's text is analyzed with its creation time (DCT) as the\n"
    "article date and compared with its TIMEX3 tags by the TempEval-3 rules:\n"
    "strict and relaxed extent P/R/F1, value and type accuracy and F1\n"
    "(accuracy over relaxed matches x relaxed F1). Each PATH (file or\n"
    "directory) is scored on its own, then all together. Value\n"
    "disagreements are counted by why: the gold leaves X where the text\n"
    "gives the field, leaves out the part of day, writes the same value\n"
    "otherwise, is malformed, or other.\n"
    "\n"
    "options:\n"
    "  --errors      list misses, false alarms, wrong extents and values\n"
    "  --json        the scores as one JSON object\n"
    "  -h, --help    this help\n";

enum { MAX_DEPTH = 16, MAX_DOC = 16 << 20 };

typedef struct gold_timex {
    size_t start, end;
    char type[16];
    char value[48];
} gold_timex;

typedef struct doc {
    char *text; /* the plain text of <TEXT> */
    size_t len;
    char dct[11]; /* "" when none */
    gold_timex *gold;
    size_t ngold, cap;
} doc;

/* Why a relaxed match's values differ. All but DIS_OTHER are the gold
 * annotation's doing: it leaves out, or writes otherwise, what the text
 * says. The system's value may still be wrong there (1989-W42 for a
 * gold 1989-WXX that meant W43), so the F1 counting them as agreements
 * is a bound, not a score. */
typedef enum disagree_kind {
    DIS_GOLD_X,       /* gold X where the text gives it: 1968-XX vs 1968 */
    DIS_PART_OF_DAY,  /* gold DATE 2000-01-05, system TIME 2000-01-05TNI */
    DIS_NOTATION,     /* the same value: P1D vs PT24H, T17 vs T17:00 */
    DIS_GOLD_INVALID, /* gold type and value disagree, or W7 for W07 */
    DIS_OTHER
} disagree_kind;

static const char *const disagree_label[] = {
    "gold leaves X where the text gives it", "gold leaves out the part of day",
    "same value written otherwise", "gold value malformed", "other"};

typedef struct score {
    const char *name;
    size_t docs, gold, system;
    size_t strict_p, strict_r, relaxed_p, relaxed_r, value_ok, type_ok;
    size_t disagree[DIS_OTHER + 1]; /* value disagreements by kind */
    size_t skipped;
} score;

typedef struct options {
    bool errors, json;
} options;

/* ---- reading TimeML ------------------------------------------------------ */

/* The value of attribute `name` in the tag tag[0..n) into out. */
static void tag_attr(const char *tag, size_t n, const char *name, char *out,
                     size_t size)
{
    out[0] = '\0';
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 < n; i++) {
        if (strncmp(tag + i, name, k) != 0 || tag[i + k] != '=' ||
            tag[i + k + 1] != '"' || (i > 0 && tag[i - 1] != ' '))
            continue;
        const char *v = tag + i + k + 2;
        const char *q = memchr(v, '"', n - (size_t)(v - tag));
        size_t len = q ? (size_t)(q - v) : 0;
        if (len >= size)
            len = size - 1;
        memcpy(out, v, len);
        out[len] = '\0';
        return;
    }
}

static bool push_gold(doc *d, gold_timex **g)
{
    if (d->ngold == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        gold_timex *p = realloc(d->gold, cap * sizeof *p);
        if (!p)
            return false;
        d->gold = p;
        d->cap = cap;
    }
    *g = &d->gold[d->ngold++];
    return true;
}

/* Decodes the entity at s (after '&'); returns its length, 0 if none. */
static size_t entity(const char *s, size_t n, char *c)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {{"amp;", '&'},
                {"lt;", '<'},
                {"gt;", '>'},
                {"quot;", '"'},
                {"apos;", '\''}};
    for (size_t k = 0; k < sizeof ents / sizeof *ents; k++) {
        size_t len = strlen(ents[k].name);
        if (n >= len && strncmp(s, ents[k].name, len) == 0) {
            *c = ents[k].c;
            return len;
        }
    }
    return 0;
}

/* Copies the body between <TEXT> and </TEXT>, taking TIMEX3 tags out as
 * gold spans. False when out of memory or the body is malformed (a tag
 * never closed, a TIMEX3 never closed or inside another). */
static bool read_body(doc *d, const char *s, size_t n)
{
    d->text = malloc(n + 1);
    if (!d->text)
        return false;
    gold_timex *open = NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            if (!gt)
                return false;
            size_t tl = (size_t)(gt - (s + i)) + 1;
            if (strncmp(s + i, "<TIMEX3", 7) == 0) {
                if (open || !push_gold(d, &open)) /* one inside another */
                    return false;
                open->start = o;
                tag_attr(s + i, tl, "type", open->type, sizeof open->type);
                tag_attr(s + i, tl, "value", open->value, sizeof open->value);
            } else if (strncmp(s + i, "</TIMEX3", 8) == 0 && open) {
                open->end = o;
                open = NULL;
            }
            i += tl - 1;
        } else if (s[i] == '&') {
            char c;
            size_t e = entity(s + i + 1, n - i - 1, &c);
            d->text[o++] = e ? c : '&';
            i += e;
        } else if (s[i] != '\r') {
            d->text[o++] = s[i];
        }
    }
    d->text[o] = '\0';
    d->len = o;
    return open == NULL;
}

static bool parse_tml(const char *data, size_t n, doc *d)
{
    memset(d, 0, sizeof *d);
    const char *dct = strstr(data, "<DCT>");
    if (dct) {
        const char *end = strstr(dct, "</DCT>");
        char value[48];
        if (end) {
            tag_attr(dct, (size_t)(end - dct), "value", value, sizeof value);
            if (strlen(value) >= 10) {
                memcpy(d->dct, value, 10);
                d->dct[10] = '\0';
                if (!ng_date_valid(d->dct))
                    d->dct[0] = '\0';
            }
        }
    }
    const char *b = strstr(data, "<TEXT>");
    const char *e = b ? strstr(b, "</TEXT>") : NULL;
    if (!b || !e || (size_t)(e - data) > n)
        return false;
    b += 6;
    return read_body(d, b, (size_t)(e - b));
}

static void doc_free(doc *d)
{
    free(d->text);
    free(d->gold);
}

/* ---- scoring ---------------------------------------------------------------
 */

static size_t overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
    size_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

static void print_span(const doc *d, size_t start, size_t end)
{
    putchar('\'');
    for (size_t i = start; i < end && i < d->len; i++)
        putchar(d->text[i] == '\n' ? ' ' : d->text[i]);
    putchar('\'');
}

/* The system time that overlaps gold g most; NULL for none. */
static const ng_time *best_match(const ng_analysis *an, const gold_timex *g)
{
    const ng_time *best = NULL;
    size_t best_ov = 0;
    for (size_t k = 0; k < ng_analysis_time_count(an); k++) {
        const ng_time *t = ng_analysis_time(an, k);
        size_t ov = overlap(g->start, g->end, t->span.start, t->span.end);
        if (ov > best_ov) {
            best_ov = ov;
            best = t;
        }
    }
    return best;
}

/* ---- classifying value disagreements ----------------------------------- */

/* A one-part duration (P2Y, PT24H, P1E) in months or seconds; false for
 * any other value. */
static bool duration_size(const char *v, double *size, bool *months)
{
    if (*v++ != 'P')
        return false;
    bool clock = *v == 'T';
    v += clock;
    char *end;
    double n = strtod(v, &end);
    if (end == v || end[0] == '\0' || end[1] != '\0')
        return false;
    static const char units[] = "YMQECLWDHS";
    static const double per[] = {12,     1,     3,    120,
                                 1200,   12000,           /* months */
                                 604800, 86400, 3600, 1}; /* seconds */
    const char *u = strchr(units, *end);
    if (!u)
        return false;
    size_t k = (size_t)(u - units);
    if (clock && *end == 'M')
        k = 9, n *= 60; /* PT5M: minutes */
    else if (clock != (k >= 8))
        return false;
    *months = k < 6;
    *size = n * per[k];
    return true;
}

static bool same_notation(const char *gold, const char *sys)
{
    double a, b;
    bool am, bm;
    if (duration_size(gold, &a, &am) && duration_size(sys, &b, &bm))
        return am == bm && a == b;
    size_t n = strlen(gold); /* T17 for T17:00 */
    return strncmp(gold, sys, n) == 0 && strcmp(sys + n, ":00") == 0;
}

static bool gold_invalid(const char *type, const char *value)
{
    bool duration = value[0] == 'P' && strcmp(value, "PAST_REF") != 0 &&
                    strcmp(value, "PRESENT_REF") != 0;
    if (strcmp(type, "DURATION") == 0 ? !duration
                                      : duration && strcmp(type, "SET") != 0)
        return true;
    const char *w = strstr(value, "-W"); /* a week has two digits */
    return w && w[2] >= '0' && w[2] <= '9' && !(w[3] >= '0' && w[3] <= '9');
}

/* The system's value is the gold's with its first X field given, or
 * with it left out: 1989-WXX and 1989-W43, 1968-XX and 1968, 199X and
 * 199 (not 1989-WXX and the day 1989-10-16). */
static bool gold_x_filled(const char *gold, const char *sys)
{
    const char *x = strchr(gold, 'X');
    if (!x || gold[0] < '0' || gold[0] > '9')
        return false;
    size_t n = (size_t)(x - gold);
    while (n > 0 && (gold[n - 1] < '0' || gold[n - 1] > '9'))
        n--; /* the separator before the X field: "-W" of "-WXX" */
    size_t sep = (size_t)(x - gold) - n;
    if (strncmp(gold, sys, n) != 0)
        return false;
    if (sys[n] == '\0')
        return true;
    return sep > 0 && strncmp(gold + n, sys + n, sep) == 0 &&
           sys[n + sep] >= '0' && sys[n + sep] <= '9';
}

static disagree_kind classify_disagreement(const gold_timex *g,
                                           const ng_time *t)
{
    const char *sys_type = ng_time_type_name(t->type);
    size_t n = strlen(g->value);
    if (gold_invalid(g->type, g->value))
        return DIS_GOLD_INVALID;
    if (gold_x_filled(g->value, t->value))
        return DIS_GOLD_X;
    if (strcmp(g->type, "DATE") == 0 && strcmp(sys_type, "TIME") == 0 &&
        strncmp(g->value, t->value, n) == 0 && t->value[n] == 'T' &&
        strlen(t->value + n) == 3 && t->value[n + 1] >= 'A')
        return DIS_PART_OF_DAY;
    return same_notation(g->value, t->value) ? DIS_NOTATION : DIS_OTHER;
}

static void score_recall(const doc *d, const ng_analysis *an, score *sc,
                         const char *name, bool errors)
{
    for (size_t i = 0; i < d->ngold; i++) {
        const gold_timex *g = &d->gold[i];
        const ng_time *t = best_match(an, g);
        if (!t) {
            if (errors) {
                printf("MISS   %s ", name);
                print_span(d, g->start, g->end);
                printf(" %s %s\n", g->type, g->value);
            }
            continue;
        }
        sc->relaxed_r++;
        bool strict = t->span.start == g->start && t->span.end == g->end;
        sc->strict_r += strict;
        bool value = strcmp(t->value, g->value) == 0;
        bool type = strcmp(ng_time_type_name(t->type), g->type) == 0;
        sc->value_ok += value;
        sc->type_ok += type;
        disagree_kind why = value ? DIS_OTHER : classify_disagreement(g, t);
        if (!value)
            sc->disagree[why]++;
        if (errors && (!strict || !value || !type)) {
            printf("%s %s ",
                   !value  ? "VALUE "
                   : !type ? "TYPE  "
                           : "EXTENT",
                   name);
            print_span(d, g->start, g->end);
            printf(" %s %s | system ", g->type, g->value);
            print_span(d, t->span.start, t->span.end);
            printf(" %s %s", ng_time_type_name(t->type), t->value);
            if (!value && why != DIS_OTHER)
                printf(" (%s)", disagree_label[why]);
            putchar('\n');
        }
    }
}

static void score_precision(const doc *d, const ng_analysis *an, score *sc,
                            const char *name, bool errors)
{
    for (size_t k = 0; k < ng_analysis_time_count(an); k++) {
        const ng_time *t = ng_analysis_time(an, k);
        bool relaxed = false, strict = false;
        for (size_t i = 0; i < d->ngold; i++) {
            const gold_timex *g = &d->gold[i];
            if (overlap(g->start, g->end, t->span.start, t->span.end))
                relaxed = true;
            if (g->start == t->span.start && g->end == t->span.end)
                strict = true;
        }
        sc->relaxed_p += relaxed;
        sc->strict_p += strict;
        if (errors && !relaxed) {
            printf("FALSE  %s ", name);
            print_span(d, t->span.start, t->span.end);
            printf(" %s %s\n", ng_time_type_name(t->type), t->value);
        }
    }
    sc->system += ng_analysis_time_count(an);
    sc->gold += d->ngold;
}

/* Analyzes one document and adds its counts to every score given. */
static int eval_doc(const ng_analyzer *analyzer, const char *path, const doc *d,
                    score **scores, size_t nscores, const options *opt)
{
    ng_article *a;
    ng_status st = ng_article_new(&a, path, d->dct[0] ? d->dct : NULL, NULL,
                                  NULL, 0, d->text, d->len);
    ng_analysis *an = NULL;
    if (st == NG_OK)
        st = ng_analyze(analyzer, a, &an);
    ng_article_free(a);
    size_t len = 0;
    if (st == NG_OK)
        ng_analysis_text(an, &len);
    if (st != NG_OK || len != d->len) {
        cli_error("eval-timex", "%s: %s", path,
                  st != NG_OK ? ng_strerror(st)
                              : "the text changed in normalization; skipped");
        ng_analysis_free(an);
        for (size_t i = 0; i < nscores; i++)
            scores[i]->skipped++;
        return st == NG_ERR_NOMEM ? -1 : 0;
    }
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    for (size_t i = 0; i < nscores; i++) {
        bool errors = opt->errors && i == 0;
        score_recall(d, an, scores[i], name, errors);
        score_precision(d, an, scores[i], name, errors);
        scores[i]->docs++;
    }
    ng_analysis_free(an);
    return 0;
}

/* ---- walking
 * ------------------------------------------------------------------ */

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && sb.st_size >= 0 && sb.st_size < MAX_DOC) {
        *n = (size_t)sb.st_size;
        data = malloc(*n + 1);
        if (data && fread(data, 1, *n, f) != *n) {
            free(data);
            data = NULL;
        }
        if (data)
            data[*n] = '\0';
    }
    fclose(f);
    return data;
}

typedef struct walker {
    const ng_analyzer *analyzer;
    score **scores;
    size_t nscores;
    const options *opt;
    int failed;
} walker;

static void eval_file(walker *w, const char *path)
{
    size_t n;
    char *data = read_all(path, &n);
    doc d;
    if (!data || !parse_tml(data, n, &d)) {
        cli_error("eval-timex", "%s: not a readable TimeML document", path);
        if (data)
            doc_free(&d);
        free(data);
        for (size_t i = 0; i < w->nscores; i++)
            w->scores[i]->skipped++;
        return;
    }
    if (eval_doc(w->analyzer, path, &d, w->scores, w->nscores, w->opt) < 0)
        w->failed = 1;
    doc_free(&d);
    free(data);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(walker *w, const char *path, int depth);

static void walk_dir(walker *w, const char *path, int depth)
{
    DIR *dir = opendir(path);
    if (!dir) {
        cli_error("eval-timex", "%s: cannot open", path);
        w->failed = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            break;
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        walk(w, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

static void walk(walker *w, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        cli_error("eval-timex", "%s: no such file or directory", path);
        w->failed = 1;
        return;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (depth < MAX_DEPTH)
            walk_dir(w, path, depth);
        return;
    }
    size_t len = strlen(path);
    if (depth == 0 || (len > 4 && strcmp(path + len - 4, ".tml") == 0))
        eval_file(w, path);
}

/* ---- output
 * --------------------------------------------------------------------- */

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

typedef struct figures {
    double sp, sr, sf, rp, rr, rf, vacc, vf, tacc, tf;
    double vf_gold; /* value F1 counting the gold's lapses as agreements */
} figures;

static figures compute(const score *s)
{
    figures f;
    f.sp = ratio(s->strict_p, s->system);
    f.sr = ratio(s->strict_r, s->gold);
    f.sf = f1(f.sp, f.sr);
    f.rp = ratio(s->relaxed_p, s->system);
    f.rr = ratio(s->relaxed_r, s->gold);
    f.rf = f1(f.rp, f.rr);
    f.vacc = ratio(s->value_ok, s->relaxed_r);
    f.vf = f.vacc * f.rf;
    f.tacc = ratio(s->type_ok, s->relaxed_r);
    f.tf = f.tacc * f.rf;
    size_t lapses = 0;
    for (size_t k = 0; k < DIS_OTHER; k++)
        lapses += s->disagree[k];
    f.vf_gold = ratio(s->value_ok + lapses, s->relaxed_r) * f.rf;
    return f;
}

static void print_human(const score *s)
{
    figures f = compute(s);
    printf("%s: %zu documents, %zu gold, %zu system expressions", s->name,
           s->docs, s->gold, s->system);
    if (s->skipped)
        printf(", %zu skipped", s->skipped);
    printf("\n              P       R      F1\n");
    printf("  strict   %6.2f  %6.2f  %6.2f\n", 100 * f.sp, 100 * f.sr,
           100 * f.sf);
    printf("  relaxed  %6.2f  %6.2f  %6.2f\n", 100 * f.rp, 100 * f.rr,
           100 * f.rf);
    printf("           accuracy     F1\n");
    printf("  value    %8.2f  %6.2f\n", 100 * f.vacc, 100 * f.vf);
    printf("  type     %8.2f  %6.2f\n", 100 * f.tacc, 100 * f.tf);
    size_t total = 0;
    for (size_t k = 0; k <= DIS_OTHER; k++)
        total += s->disagree[k];
    printf("  value disagreements: %zu\n", total);
    for (size_t k = 0; k <= DIS_OTHER; k++)
        printf("    %-40s %5zu\n", disagree_label[k], s->disagree[k]);
    printf("  value F1 if all but 'other' agreed: %.2f\n", 100 * f.vf_gold);
}

static void print_json_score(const score *s)
{
    figures f = compute(s);
    printf("{\"name\":");
    json_print_string(stdout, s->name);
    printf(",\"documents\":%zu,\"skipped\":%zu,\"gold\":%zu,\"system\":%zu,"
           "\"strict\":{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f},"
           "\"relaxed\":{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f},"
           "\"value\":{\"accuracy\":%.4f,\"f1\":%.4f},"
           "\"type\":{\"accuracy\":%.4f,\"f1\":%.4f},"
           "\"value_disagreements\":{\"gold_x\":%zu,\"part_of_day\":%zu,"
           "\"notation\":%zu,\"gold_malformed\":%zu,\"other\":%zu,"
           "\"f1_if_all_but_other_agreed\":%.4f}}",
           s->docs, s->skipped, s->gold, s->system, f.sp, f.sr, f.sf, f.rp,
           f.rr, f.rf, f.vacc, f.vf, f.tacc, f.tf, s->disagree[DIS_GOLD_X],
           s->disagree[DIS_PART_OF_DAY], s->disagree[DIS_NOTATION],
           s->disagree[DIS_GOLD_INVALID], s->disagree[DIS_OTHER], f.vf_gold);
}

int cmd_eval_timex(int argc, char **argv)
{
    static const struct option opts[] = {{"errors", no_argument, NULL, 'e'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    options opt = {false, false};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'e': opt.errors = true; break;
        case 'j': opt.json = true; break;
        case 'h': fputs(eval_help, stdout); return EXIT_OK;
        default: return cli_usage_error("eval-timex", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("eval-timex", "give TimeML files or "
                                             "directories");
    ng_analyzer *analyzer;
    if (ng_analyzer_new(&analyzer, NULL) != NG_OK)
        return EXIT_FAIL;
    size_t npaths = (size_t)(argc - optind);
    score *scores = calloc(npaths + 1, sizeof *scores);
    if (!scores) {
        ng_analyzer_free(analyzer);
        return EXIT_FAIL;
    }
    score *all = &scores[npaths];
    all->name = "all";
    int failed = 0;
    for (size_t i = 0; i < npaths; i++) {
        scores[i].name = argv[optind + (int)i];
        score *both[2] = {&scores[i], all};
        walker w = {analyzer, both, 2, &opt, 0};
        walk(&w, scores[i].name, 0);
        failed |= w.failed;
    }
    if (opt.json) {
        printf("{\"sets\":[");
        for (size_t i = 0; i <= npaths; i++) {
            if (i)
                putchar(',');
            print_json_score(&scores[i]);
        }
        printf("]}\n");
    } else {
        for (size_t i = 0; i < npaths; i++)
            print_human(&scores[i]);
        if (npaths > 1)
            print_human(all);
    }
    size_t skipped = all->skipped;
    free(scores);
    ng_analyzer_free(analyzer);
    return failed ? EXIT_FAIL : skipped ? EXIT_SKIPPED : EXIT_OK;
}
