/*
 * record.c -- the analysis record as JSON (design.md section 3): one line
 * per article, fields in a fixed order so that records diff cleanly.
 * Fields of stages that have not run are absent, never empty stand-ins.
 */
#include <string.h>

#include "analyze.h"

static void write_spans(buf *b, const char *key, size_t n,
                        ng_span (*get)(const ng_analysis *, size_t),
                        const ng_analysis *an)
{
    buf_putc(b, ',');
    jw_key(b, key);
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        ng_span sp = get(an, i);
        buf_append(b, i ? ",{\"start\":" : "{\"start\":", i ? 10 : 9);
        jw_uint(b, sp.start);
        buf_append(b, ",\"end\":", 7);
        jw_uint(b, sp.end);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_tokens(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"tokens\":[", 11);
    for (size_t i = 0; i < an->seg.ntokens; i++) {
        const seg_token *t = &an->seg.tokens[i];
        buf_append(b, i ? ",{\"start\":" : "{\"start\":", i ? 10 : 9);
        jw_uint(b, t->start);
        buf_append(b, ",\"end\":", 7);
        jw_uint(b, t->end);
        buf_append(b, ",\"kind\":\"", 9);
        const char *k = ng_token_kind_name((ng_token_kind)t->kind);
        buf_append(b, k, strlen(k));
        buf_append(b, "\"}", 2);
    }
    buf_putc(b, ']');
}

static void write_entities(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"entities\":[", 13);
    for (size_t i = 0; i < an->nentities; i++) {
        const ng_entity *e = &an->entities[i];
        buf_append(b, i ? ",{\"id\":" : "{\"id\":", i ? 7 : 6);
        jw_uint(b, i);
        buf_append(b, ",\"type\":\"", 9);
        const char *t = ng_entity_type_name(e->type);
        buf_append(b, t, strlen(t));
        buf_append(b, "\",", 2);
        jw_key(b, "name");
        jw_string(b, e->name, strlen(e->name));
        buf_append(b, ",\"mentions\":[", 13);
        for (size_t k = 0; k < e->nmentions; k++) {
            buf_append(b, k ? ",{\"start\":" : "{\"start\":", k ? 10 : 9);
            jw_uint(b, e->mentions[k].start);
            buf_append(b, ",\"end\":", 7);
            jw_uint(b, e->mentions[k].end);
            buf_putc(b, '}');
        }
        buf_append(b, "]}", 2);
    }
    buf_putc(b, ']');
}

static void write_text_span(buf *b, const ng_analysis *an, ng_span sp)
{
    buf_append(b, "\"start\":", 8);
    jw_uint(b, sp.start);
    buf_append(b, ",\"end\":", 7);
    jw_uint(b, sp.end);
    buf_putc(b, ',');
    jw_key(b, "text");
    jw_string(b, an->article.text + sp.start, sp.end - sp.start);
}

static void write_times(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"times\":[", 10);
    for (size_t i = 0; i < an->ntimes; i++) {
        const ng_time *t = &an->times[i];
        buf_append(b, i ? ",{" : "{", i ? 2 : 1);
        write_text_span(b, an, t->span);
        buf_putc(b, ',');
        jw_key(b, "type");
        jw_cstr_or_null(b, ng_time_type_name(t->type));
        buf_putc(b, ',');
        jw_key(b, "value");
        jw_cstr_or_null(b, t->value);
        if (t->mod) {
            buf_putc(b, ',');
            jw_key(b, "mod");
            jw_cstr_or_null(b, t->mod);
        }
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_amount(buf *b, const ng_analysis *an, const ng_amount *m)
{
    write_text_span(b, an, m->span);
    buf_putc(b, ',');
    jw_key(b, "kind");
    jw_cstr_or_null(b, ng_amount_kind_name(m->kind));
    buf_putc(b, ',');
    jw_key(b, "value");
    jw_number(b, m->value);
    buf_putc(b, ',');
    jw_key(b, "approx");
    buf_append(b, m->flags & NG_AMOUNT_APPROX ? "true" : "false",
               m->flags & NG_AMOUNT_APPROX ? 4 : 5);
    buf_putc(b, ',');
    jw_key(b, "unit");
    jw_cstr_or_null(b, m->unit);
    if (m->currency) {
        buf_putc(b, ',');
        jw_key(b, "currency");
        jw_cstr_or_null(b, m->currency);
    }
    if (m->flags & NG_AMOUNT_HAS_LOW) {
        buf_putc(b, ',');
        jw_key(b, "low");
        jw_number(b, m->low);
    }
    if (m->flags & NG_AMOUNT_HAS_HIGH) {
        buf_putc(b, ',');
        jw_key(b, "high");
        jw_number(b, m->high);
    }
    if (m->mod) {
        buf_putc(b, ',');
        jw_key(b, "mod");
        jw_cstr_or_null(b, m->mod);
    }
    if (m->flags & NG_AMOUNT_INFERRED)
        buf_append(b, ",\"inferred\":true", 16);
    if (m->flags & NG_AMOUNT_VAGUE)
        buf_append(b, ",\"vague\":true", 13);
}

static void write_amounts(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"amounts\":[", 12);
    for (size_t i = 0; i < an->namounts; i++) {
        buf_append(b, i ? ",{" : "{", i ? 2 : 1);
        write_amount(b, an, &an->amounts[i]);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void write_span_object(buf *b, const char *key, ng_span sp)
{
    buf_putc(b, ',');
    jw_key(b, key);
    buf_append(b, "{\"start\":", 9);
    jw_uint(b, sp.start);
    buf_append(b, ",\"end\":", 7);
    jw_uint(b, sp.end);
    buf_putc(b, '}');
}

/* quotes: start, end, kind, speaker (entity id or null), verb, and the
 * spans of the speaker's words (source) and of the cue when there are. */
static void write_quotes(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"quotes\":[", 11);
    for (size_t i = 0; i < an->nquotes; i++) {
        const ng_quote *q = &an->quotes[i];
        buf_append(b, i ? ",{\"start\":" : "{\"start\":", i ? 10 : 9);
        jw_uint(b, q->span.start);
        buf_append(b, ",\"end\":", 7);
        jw_uint(b, q->span.end);
        buf_putc(b, ',');
        jw_key(b, "kind");
        jw_cstr_or_null(b, ng_quote_kind_name(q->kind));
        buf_putc(b, ',');
        jw_key(b, "speaker");
        if (q->speaker >= 0 && an->tagged && (size_t)q->speaker < an->nentities)
            jw_uint(b, (uint64_t)q->speaker);
        else
            buf_append(b, "null", 4);
        buf_putc(b, ',');
        jw_key(b, "verb");
        jw_cstr_or_null(b, q->verb);
        if (q->source.end > q->source.start)
            write_span_object(b, "source", q->source);
        if (q->cue.end > q->cue.start)
            write_span_object(b, "cue", q->cue);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* keywords: term and score (4 decimals), best first. */
static void write_keywords(buf *b, const ng_analysis *an)
{
    buf_append(b, ",\"keywords\":[", 13);
    for (size_t i = 0; i < an->nkeywords; i++) {
        const ng_keyword *k = &an->keywords[i];
        buf_append(b, i ? ",{" : "{", i ? 2 : 1);
        jw_key(b, "term");
        jw_cstr_or_null(b, k->term);
        buf_putc(b, ',');
        jw_key(b, "score");
        buf_printf(b, "%.4f", k->score);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

void record_write(const ng_analysis *an, unsigned flags, buf *b)
{
    const ng_article *a = &an->article;
    buf_append(b, "{\"schema\":", 10);
    jw_uint(b, NG_RECORD_SCHEMA);
    buf_putc(b, ',');
    jw_key(b, "id");
    jw_cstr_or_null(b, a->id);
    buf_putc(b, ',');
    jw_key(b, "date");
    jw_cstr_or_null(b, a->date);
    buf_putc(b, ',');
    jw_key(b, "title");
    jw_cstr_or_null(b, a->title);
    buf_putc(b, ',');
    jw_key(b, "tags");
    buf_putc(b, '[');
    for (size_t i = 0; i < a->ntags; i++) {
        if (i)
            buf_putc(b, ',');
        jw_cstr_or_null(b, a->tags[i]);
    }
    buf_append(b, "],", 2);
    jw_key(b, "url");
    jw_cstr_or_null(b, a->url);
    buf_putc(b, ',');
    jw_key(b, "source");
    jw_cstr_or_null(b, a->source);
    buf_putc(b, ',');
    jw_key(b, "text");
    jw_string(b, a->text, a->text_len);
    if (an->tagged)
        write_entities(b, an);
    if (an->has_times)
        write_times(b, an);
    if (an->has_amounts)
        write_amounts(b, an);
    if (an->has_quotes)
        write_quotes(b, an);
    if (an->has_keywords)
        write_keywords(b, an);
    if (flags & NG_JSON_SPANS) {
        write_spans(b, "paragraphs", an->seg.nparagraphs, ng_analysis_paragraph,
                    an);
        write_spans(b, "sentences", an->seg.nsentences, ng_analysis_sentence,
                    an);
        write_tokens(b, an);
    }
    buf_putc(b, '}');
}

ng_status ng_analysis_json(const ng_analysis *an, unsigned flags, char **json,
                           size_t *len)
{
    if (!an || !json)
        return NG_ERR_ARG;
    buf b;
    buf_init(&b, 0);
    buf_reserve(&b,
                an->article.text_len * (flags & NG_JSON_SPANS ? 8 : 1) + 512);
    record_write(an, flags, &b);
    if (b.failed) {
        buf_free(&b);
        return NG_ERR_NOMEM;
    }
    *json = buf_detach(&b, len);
    return NG_OK;
}
