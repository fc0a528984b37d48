/*
 * query.c -- the search query language, translated into FTS5 syntax.
 *
 *   words        all must match (implicit AND)      iraq troops
 *   "a phrase"   the words in this order            "air strike"
 *   word*        prefix                              withdraw*
 *   AND OR NOT   operators (upper case), NOT binary  iraq NOT syria
 *   ( )          grouping                            (iraq OR syria) troops
 *   field:term   one field: title, tags or text     tags:Pentagon
 *
 * Every word is passed to FTS5 as a quoted string, so punctuation inside a
 * word (al-Nujaba, U.S., 2,500) searches for the word's parts in order
 * instead of being an FTS5 syntax error. Mistakes get a sentence that says
 * what to change, never SQLite's "fts5: syntax error".
 */
#include <string.h>
#include <utf8proc.h>

#include "store.h"

typedef enum qtok_kind {
    Q_TERM, /* a word or a phrase, possibly with a field and a prefix */
    Q_AND,
    Q_OR,
    Q_NOT,
    Q_OPEN,
    Q_CLOSE
} qtok_kind;

/* Deepest nesting of parentheses. FTS5's parser has a fixed stack of 100
 * entries and one level of "(a OR b AND c NOT (" takes 7 of them, so 14
 * levels already overflow it ("fts5: parser stack overflow"). */
enum { QUERY_MAX_DEPTH = 10 };

typedef struct parser {
    const char *q;
    size_t i;
    buf *out;
    buf *msg;
    int depth;
    bool expect_term; /* an operand must come next */
    qtok_kind last;
    size_t nterms;
} parser;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ends_word(char c)
{
    return c == '\0' || is_space(c) || c == '(' || c == ')' || c == '"';
}

/* True when s[0..n) (valid UTF-8) holds a letter, a number or a
 * private-use character: the default token characters (L* N* Co) of FTS5's
 * unicode61 tokenizer. A term of punctuation or symbols alone, ASCII or
 * not ("-", "\u2013", "\u00ab"), would be an empty FTS5 phrase, and an
 * empty phrase makes an AND match nothing. */
static bool has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return false;
        utf8proc_category_t cat = utf8proc_category(cp);
        if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
            (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
            cat == UTF8PROC_CATEGORY_CO)
            return true;
        i += (size_t)k;
    }
    return false;
}

/* Writes s[0..n) as an FTS5 string: "..." with inner quotes doubled. */
static void put_string(buf *out, const char *s, size_t n)
{
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(out, '"');
        buf_putc(out, s[i]);
    }
    buf_putc(out, '"');
}

static ng_status syntax(parser *p, const char *fmt, const char *arg)
{
    buf_printf(p->msg, fmt, arg);
    return NG_ERR_QUERY;
}

/* An operand arrives: insert the implicit AND when one is due. */
static void begin_operand(parser *p)
{
    if (!p->expect_term && p->out->len > 0)
        buf_append(p->out, " AND ", 5);
    p->expect_term = false;
}

static ng_status operator(parser *p, qtok_kind kind, const char *word)
{
    if (p->expect_term)
        return syntax(p,
                      kind == Q_NOT
                          ? "%s needs a term before it (write: iraq NOT "
                            "syria)"
                          : "%s needs a term on each side",
                      word);
    buf_printf(p->out, " %s ", word);
    p->expect_term = true;
    p->last = kind;
    return NG_OK;
}

/* field: prefix of the term at p->i, if it names a field. */
static size_t field_prefix(const parser *p)
{
    static const char *const fields[] = {"title:", "tags:", "text:"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(fields[k]);
        if (strncmp(p->q + p->i, fields[k], n) == 0 &&
            !is_space(p->q[p->i + n]) && p->q[p->i + n] != '\0')
            return n;
    }
    return 0;
}

/* A quoted phrase at p->i, with its field (field_len 0 for none). */
static ng_status phrase(parser *p, const char *field, size_t field_len)
{
    size_t start = ++p->i; /* after the opening quote */
    const char *close = strchr(p->q + start, '"');
    if (!close)
        return syntax(p, "a quotation mark is not closed%s", "");
    size_t n = (size_t)(close - (p->q + start));
    p->i = start + n + 1;
    bool prefix = p->q[p->i] == '*';
    if (prefix)
        p->i++;
    if (!has_alnum(p->q + start, n))
        return syntax(p, "the phrase has no words to search for%s", "");
    begin_operand(p);
    if (field_len)
        buf_printf(p->out, "%.*s : ", (int)(field_len - 1), field);
    put_string(p->out, p->q + start, n);
    if (prefix)
        buf_putc(p->out, '*');
    p->nterms++;
    p->last = Q_TERM;
    return NG_OK;
}

static ng_status word(parser *p)
{
    size_t field_len = field_prefix(p);
    const char *field = p->q + p->i;
    p->i += field_len;
    if (field_len && p->q[p->i] == '(')
        return syntax(p,
                      "a field applies to one word or \"phrase\" (write "
                      "title:iraq OR title:syria)%s",
                      "");
    if (p->q[p->i] == '"')
        return phrase(p, field, field_len);
    size_t start = p->i;
    while (!ends_word(p->q[p->i]))
        p->i++;
    size_t n = p->i - start;
    const char *w = p->q + start;
    if (!field_len && n == 3 && memcmp(w, "AND", 3) == 0)
        return operator(p, Q_AND, "AND");
    if (!field_len && n == 2 && memcmp(w, "OR", 2) == 0)
        return operator(p, Q_OR, "OR");
    if (!field_len && n == 3 && memcmp(w, "NOT", 3) == 0)
        return operator(p, Q_NOT, "NOT");
    bool prefix = n > 1 && w[n - 1] == '*';
    if (prefix)
        n--;
    if (!has_alnum(w, n))
        return NG_OK; /* lone punctuation: nothing to search for */
    begin_operand(p);
    if (field_len)
        buf_printf(p->out, "%.*s : ", (int)(field_len - 1), field);
    put_string(p->out, w, n);
    if (prefix)
        buf_putc(p->out, '*');
    p->nterms++;
    p->last = Q_TERM;
    return NG_OK;
}

static ng_status paren(parser *p, char c)
{
    p->i++;
    if (c == '(') {
        if (p->depth >= QUERY_MAX_DEPTH) {
            buf_printf(p->msg, "parentheses are nested more than %d deep",
                       QUERY_MAX_DEPTH);
            return NG_ERR_QUERY;
        }
        begin_operand(p);
        buf_putc(p->out, '(');
        p->depth++;
        p->expect_term = true;
        p->last = Q_OPEN;
        return NG_OK;
    }
    if (p->depth == 0)
        return syntax(p, "a ')' has no '(' before it%s", "");
    if (p->last == Q_OPEN)
        return syntax(p, "the parentheses hold nothing%s", "");
    if (p->expect_term)
        return syntax(p, "an operator before ')' needs a term after it%s", "");
    buf_putc(p->out, ')');
    p->depth--;
    p->last = Q_CLOSE;
    return NG_OK;
}

ng_status query_translate(const char *query, buf *out, buf *msg)
{
    parser p = {.q = query,
                .out = out,
                .msg = msg,
                .expect_term = true,
                .last = Q_OPEN};
    buf_clear(out);
    size_t len = strlen(query);
    if (utf8_valid_prefix(query, len) != len)
        return syntax(&p, "the query is not valid UTF-8%s", "");
    while (query[p.i]) {
        char c = query[p.i];
        ng_status st = NG_OK;
        if (is_space(c))
            p.i++;
        else if (c == '(' || c == ')')
            st = paren(&p, c);
        else if (c == '"')
            st = phrase(&p, NULL, 0);
        else
            st = word(&p);
        if (st != NG_OK)
            return st;
    }
    if (p.nterms == 0)
        return syntax(&p, "the query has no words to search for%s", "");
    if (p.expect_term)
        return syntax(&p,
                      "the query ends with an operator; add a term "
                      "after it%s",
                      "");
    if (p.depth > 0)
        return syntax(&p, "a '(' is not closed%s", "");
    return out->failed ? NG_ERR_NOMEM : NG_OK;
}

ng_status store_query_match(ng_store *s, const char *query, buf *match)
{
    buf msg;
    buf_init(&msg, 1024);
    ng_status st = query_translate(query, match, &msg);
    if (st == NG_ERR_QUERY)
        store_fail(s, st, "%s", buf_cstr(&msg));
    buf_free(&msg);
    return st;
}
