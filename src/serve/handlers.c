/*
 * handlers.c -- the JSON API: one function per endpoint turns a checked
 * request into a query to the store and the answer into JSON
 * (docs/api.md describes every shape). Library errors map to HTTP
 * statuses here: a bad query or parameter is 400, a missing article or
 * entity 404, memory 503, a store failure 500.
 *
 * Endpoints: search, article (with its entities, times, amounts, quotes
 * and keywords in the record's shapes), timeline, stats, tags, entities,
 * entity, quotes (ng_store_quotes) and graph (ng_store_graph).
 */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static const char json_type[] = "application/json; charset=utf-8";

void srv_error_json(const srv_error *e, srv_response *res)
{
    size_t len = strlen(e->message);
    res->status = e->status;
    res->type = json_type;
    buf_clear(&res->body);
    buf_append(&res->body, "{\"error\":{\"status\":", 19);
    jw_uint(&res->body, e->status);
    buf_append(&res->body, ",\"code\":", 8);
    jw_cstr_or_null(&res->body, e->code);
    buf_append(&res->body, ",\"message\":", 11);
    /* A message may quote input cut anywhere: keep only whole characters. */
    jw_string(&res->body, e->message, utf8_valid_prefix(e->message, len));
    buf_append(&res->body, "}}", 2);
}

/* Maps a library status to an HTTP error, with the store's message. */
static void store_error(ng_store *s, ng_status st, srv_response *res)
{
    srv_error e;
    const char *detail = ng_store_message(s);
    switch (st) {
    case NG_ERR_QUERY: srv_fail(&e, 400, "bad_query", "%s", detail); break;
    case NG_ERR_ARG: srv_fail(&e, 400, "bad_parameter", "%s", detail); break;
    case NG_ERR_NOT_FOUND: srv_fail(&e, 404, "not_found", "%s", detail); break;
    case NG_ERR_NOMEM:
        srv_fail(&e, 503, "no_memory", "%s", ng_strerror(st));
        break;
    default:
        srv_fail(&e, 500, "store_failed", "%s: %s", ng_strerror(st), detail);
    }
    srv_error_json(&e, res);
}

static void json_ok(srv_response *res)
{
    res->status = 200;
    res->type = json_type;
}

/* An array of strings (tags, aliases). */
static void put_tags(buf *b, const char *const *tags, size_t n)
{
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        jw_cstr_or_null(b, tags[i]);
    }
    buf_putc(b, ']');
}

/* "key":"value" or "key":null, preceded by a comma. */
static void put_field(buf *b, const char *key, const char *value)
{
    buf_putc(b, ',');
    jw_key(b, key);
    jw_cstr_or_null(b, value);
}

static void put_hit(buf *b, const ng_search_hit *h)
{
    buf_append(b, "{\"id\":", 6);
    jw_cstr_or_null(b, h->id);
    put_field(b, "date", h->date);
    put_field(b, "title", h->title);
    buf_append(b, ",\"tags\":", 8);
    put_tags(b, h->tags, h->ntags);
    buf_printf(b, ",\"score\":%.4f,\"snippet\":", h->score);
    jw_cstr_or_null(b, h->snippet);
    buf_append(b, ",\"marks\":[", 10);
    for (size_t m = 0; m < h->nmarks; m++)
        buf_printf(b, "%s[%u,%u]", m ? "," : "", h->marks[m].start,
                   h->marks[m].end);
    buf_append(b, "]}", 2);
}

/* The filters shared by search, timeline and entities: q, since, until,
 * tag, entity, type. An empty value means the parameter is not given. */
typedef struct filters {
    const char *query, *since, *until, *tag, *entity, *type;
} filters;

static const char *opt_param(const srv_request *req, const char *name)
{
    const char *v = srv_param_get(req, name);
    return v && *v ? v : NULL;
}

/* `entity_type`: type is the type of the entity filter (search and
 * timeline) rather than of the entities listed (entities). */
static bool read_filters(const srv_request *req, bool need_query,
                         bool entity_type, filters *f, srv_error *e)
{
    f->query = opt_param(req, "q");
    f->tag = opt_param(req, "tag");
    f->entity = opt_param(req, "entity");
    f->type = opt_param(req, "type");
    if (need_query && !f->query)
        return srv_fail(e, 400, "bad_parameter",
                        "q: give a query, e.g. q=%%22air+strike%%22+iraq");
    if (f->type && ng_entity_type_parse(f->type) < 0)
        return srv_fail(e, 400, "bad_parameter",
                        "type must be PER, ORG, LOC or MISC (not '%.32s')",
                        f->type);
    if (entity_type && f->type && !f->entity)
        return srv_fail(e, 400, "bad_parameter",
                        "type is the type of the entity filter: give entity "
                        "too");
    if (f->type) /* as the store writes it */
        f->type =
            ng_entity_type_name((ng_entity_type)ng_entity_type_parse(f->type));
    return srv_param_date(req, "since", &f->since, e) &&
           srv_param_date(req, "until", &f->until, e);
}

static void put_filters(buf *b, const filters *f)
{
    buf_append(b, "{\"query\":", 9);
    jw_cstr_or_null(b, f->query);
    put_field(b, "since", f->since);
    put_field(b, "until", f->until);
    put_field(b, "tag", f->tag);
    put_field(b, "entity", f->entity);
    put_field(b, "type", f->type);
}

static void handle_search(ng_store *s, const srv_request *req,
                          srv_response *res)
{
    filters f;
    srv_error e;
    ng_search_query q = {0};
    if (!read_filters(req, true, true, &f, &e) ||
        !srv_param_uint(req, "limit", 10, 1, SRV_MAX_LIMIT, &q.limit, &e) ||
        !srv_param_uint(req, "offset", 0, 0, SRV_MAX_OFFSET, &q.offset, &e)) {
        srv_error_json(&e, res);
        return;
    }
    q.query = f.query, q.since = f.since, q.until = f.until, q.tag = f.tag;
    q.entity = f.entity, q.entity_type = f.type;
    ng_search_result *r = NULL;
    ng_status st = ng_search(s, &q, &r);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    put_filters(b, &f);
    buf_printf(b, ",\"offset\":%u,\"limit\":%u,\"total\":", q.offset, q.limit);
    jw_uint(b, ng_search_result_total(r));
    buf_append(b, ",\"results\":[", 12);
    for (size_t i = 0; i < ng_search_result_count(r); i++) {
        if (i)
            buf_putc(b, ',');
        put_hit(b, ng_search_result_hit(r, i));
    }
    buf_append(b, "]}", 2);
    ng_search_result_free(r);
    json_ok(res);
}

/* "start":S,"end":E,"text":"..." of a span of the article's text. */
static void put_text_span(buf *b, const ng_article *a, ng_span sp)
{
    buf_printf(b, "\"start\":%u,\"end\":%u,\"text\":", sp.start, sp.end);
    const char *p = a->text + sp.start; /* whole characters only, even from
                                           a damaged row */
    jw_string(b, p, utf8_valid_prefix(p, sp.end - sp.start));
}

/* The analysis in the record's shapes (design.md section 3; written as
 * src/analyze/record.c does, which tests/serve checks field by field). */
static void put_entities(buf *b, const ng_stored_analysis *an)
{
    buf_append(b, ",\"entities\":[", 13);
    for (size_t i = 0; i < an->nentities; i++) {
        const ng_entity *e = &an->entities[i];
        buf_printf(b, "%s{\"id\":%zu,\"type\":\"%s\",\"name\":", i ? "," : "",
                   i, ng_entity_type_name(e->type));
        jw_string(b, e->name, strlen(e->name));
        buf_append(b, ",\"mentions\":[", 13);
        for (size_t k = 0; k < e->nmentions; k++)
            buf_printf(b, "%s{\"start\":%u,\"end\":%u}", k ? "," : "",
                       e->mentions[k].start, e->mentions[k].end);
        buf_append(b, "]}", 2);
    }
    buf_putc(b, ']');
}

static void put_times(buf *b, const ng_article *a, const ng_stored_analysis *an)
{
    buf_append(b, ",\"times\":[", 10);
    for (size_t i = 0; i < an->ntimes; i++) {
        const ng_time *t = &an->times[i];
        buf_append(b, i ? ",{" : "{", i ? 2 : 1);
        put_text_span(b, a, t->span);
        put_field(b, "type", ng_time_type_name(t->type));
        put_field(b, "value", t->value);
        if (t->mod)
            put_field(b, "mod", t->mod);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_amounts(buf *b, const ng_article *a,
                        const ng_stored_analysis *an)
{
    buf_append(b, ",\"amounts\":[", 12);
    for (size_t i = 0; i < an->namounts; i++) {
        const ng_amount *m = &an->amounts[i];
        buf_append(b, i ? ",{" : "{", i ? 2 : 1);
        put_text_span(b, a, m->span);
        put_field(b, "kind", ng_amount_kind_name(m->kind));
        buf_append(b, ",\"value\":", 9);
        jw_number(b, m->value);
        buf_printf(b, ",\"approx\":%s",
                   m->flags & NG_AMOUNT_APPROX ? "true" : "false");
        put_field(b, "unit", m->unit);
        if (m->currency)
            put_field(b, "currency", m->currency);
        if (m->flags & NG_AMOUNT_HAS_LOW) {
            buf_append(b, ",\"low\":", 7);
            jw_number(b, m->low);
        }
        if (m->flags & NG_AMOUNT_HAS_HIGH) {
            buf_append(b, ",\"high\":", 8);
            jw_number(b, m->high);
        }
        if (m->mod)
            put_field(b, "mod", m->mod);
        if (m->flags & NG_AMOUNT_INFERRED)
            buf_append(b, ",\"inferred\":true", 16);
        if (m->flags & NG_AMOUNT_VAGUE)
            buf_append(b, ",\"vague\":true", 13);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* The record's quote shape without "cue" (the store keeps no cue span). */
static void put_quotes(buf *b, const ng_stored_analysis *an)
{
    buf_append(b, ",\"quotes\":[", 11);
    for (size_t i = 0; i < an->nquotes; i++) {
        const ng_quote *q = &an->quotes[i];
        buf_printf(b, "%s{\"start\":%u,\"end\":%u", i ? "," : "", q->span.start,
                   q->span.end);
        put_field(b, "kind", ng_quote_kind_name(q->kind));
        if (q->speaker >= 0 && (size_t)q->speaker < an->nentities)
            buf_printf(b, ",\"speaker\":%d", (int)q->speaker);
        else
            buf_append(b, ",\"speaker\":null", 15);
        put_field(b, "verb", q->verb);
        if (q->source.end > q->source.start)
            buf_printf(b, ",\"source\":{\"start\":%u,\"end\":%u}",
                       q->source.start, q->source.end);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

/* Scores with 4 decimals, as the record writes them. */
static void put_keywords(buf *b, const ng_stored_analysis *an)
{
    buf_append(b, ",\"keywords\":[", 13);
    for (size_t i = 0; i < an->nkeywords; i++) {
        const ng_keyword *k = &an->keywords[i];
        buf_append(b, i ? ",{\"term\":" : "{\"term\":", i ? 9 : 8);
        jw_string(b, k->term, utf8_valid_prefix(k->term, strlen(k->term)));
        buf_printf(b, ",\"score\":%.4f}", k->score);
    }
    buf_putc(b, ']');
}

static void handle_article(ng_store *s, const srv_request *req,
                           srv_response *res)
{
    const char *id = srv_param_get(req, "id");
    srv_error e;
    if (!id || !*id) {
        srv_fail(&e, 400, "bad_parameter", "id: give an article id");
        srv_error_json(&e, res);
        return;
    }
    ng_article *a = NULL;
    ng_stored_analysis *an = NULL;
    ng_status st = ng_store_article_analysis(s, id, &a, &an);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"id\":", 6);
    jw_cstr_or_null(b, a->id);
    put_field(b, "date", a->date);
    put_field(b, "title", a->title);
    buf_append(b, ",\"tags\":", 8);
    put_tags(b, (const char *const *)a->tags, a->ntags);
    put_field(b, "url", a->url);
    put_field(b, "source", a->source);
    put_field(b, "origin", a->origin);
    buf_append(b, ",\"text\":", 8);
    jw_string(b, a->text ? a->text : "", a->text_len);
    put_entities(b, an);
    put_times(b, a, an);
    put_amounts(b, a, an);
    put_quotes(b, an);
    put_keywords(b, an);
    buf_putc(b, '}');
    ng_stored_analysis_free(an);
    ng_article_free(a);
    json_ok(res);
}

static const char *const period_names[] = {"day", "week", "month", "auto"};

/* by=day|week|month (and auto when `automatic`); month when absent, or
 * auto when it is allowed. */
static bool parse_period(const srv_request *req, bool automatic, ng_period *by,
                         srv_error *e)
{
    const char *v = srv_param_get(req, "by");
    *by = automatic ? NG_PERIOD_AUTO : NG_PERIOD_MONTH;
    if (!v || !*v)
        return true;
    for (int i = 0; i < (automatic ? 4 : 3); i++)
        if (strcmp(v, period_names[i]) == 0) {
            *by = (ng_period)i;
            return true;
        }
    return srv_fail(e, 400, "bad_parameter",
                    automatic ? "by must be day, week, month or auto"
                              : "by must be day, week or month");
}

static void handle_timeline(ng_store *s, const srv_request *req,
                            srv_response *res)
{
    filters f;
    srv_error e;
    ng_timeline_query q = {0};
    if (!read_filters(req, true, true, &f, &e) ||
        !parse_period(req, false, &q.by, &e)) {
        srv_error_json(&e, res);
        return;
    }
    q.query = f.query, q.since = f.since, q.until = f.until, q.tag = f.tag;
    q.entity = f.entity, q.entity_type = f.type;
    ng_timeline *t = NULL;
    ng_status st = ng_timeline_get(s, &q, &t);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    put_filters(b, &f);
    put_field(b, "by", period_names[q.by]);
    buf_append(b, ",\"total\":", 9);
    jw_uint(b, ng_timeline_total(t));
    buf_append(b, ",\"undated\":", 11);
    jw_uint(b, ng_timeline_undated(t));
    buf_append(b, ",\"points\":[", 11);
    for (size_t i = 0; i < ng_timeline_count(t); i++) {
        const ng_timeline_point *p = ng_timeline_at(t, i);
        buf_printf(b, "%s{\"period\":\"%s\",\"start\":\"%s\",\"articles\":",
                   i ? "," : "", p->period, p->start);
        jw_uint(b, p->articles);
        buf_putc(b, '}');
    }
    buf_append(b, "]}", 2);
    ng_timeline_free(t);
    json_ok(res);
}

static void handle_stats(ng_store *s, srv_response *res)
{
    ng_store_stats st;
    ng_status rc = ng_store_stats_get(s, &st);
    if (rc != NG_OK) {
        store_error(s, rc, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"articles\":", 12);
    jw_uint(b, st.articles);
    buf_append(b, ",\"undated\":", 11);
    jw_uint(b, st.undated);
    buf_append(b, ",\"sentences\":", 13);
    jw_uint(b, st.sentences);
    buf_append(b, ",\"tokens\":", 10);
    jw_uint(b, st.tokens);
    buf_append(b, ",\"text_bytes\":", 14);
    jw_uint(b, st.text_bytes);
    put_field(b, "first_date", st.first_date[0] ? st.first_date : NULL);
    put_field(b, "last_date", st.last_date[0] ? st.last_date : NULL);
    buf_printf(b, ",\"schema_version\":%d}", st.schema_version);
    json_ok(res);
}

static void handle_tags(ng_store *s, const srv_request *req, srv_response *res)
{
    unsigned limit;
    srv_error e;
    if (!srv_param_uint(req, "limit", 50, 1, SRV_MAX_TAGS, &limit, &e)) {
        srv_error_json(&e, res);
        return;
    }
    ng_tag_count *tags = malloc(limit * sizeof *tags);
    size_t n = 0;
    ng_status st = tags ? ng_store_top_tags(s, tags, limit, &n) : NG_ERR_NOMEM;
    if (st != NG_OK) {
        free(tags);
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"tags\":[", 9);
    for (size_t i = 0; i < n; i++) {
        buf_append(b, i ? ",{\"tag\":" : "{\"tag\":", i ? 8 : 7);
        jw_string(b, tags[i].tag,
                  utf8_valid_prefix(tags[i].tag, strlen(tags[i].tag)));
        buf_append(b, ",\"articles\":", 12);
        jw_uint(b, tags[i].articles);
        buf_putc(b, '}');
    }
    buf_append(b, "]}", 2);
    free(tags);
    json_ok(res);
}

/* {"name":..,"type":..,"mentions":..,"articles":..,"first_date":..,
 * "last_date":..} */
static void put_entity_count(buf *b, const ng_entity_count *c)
{
    buf_append(b, "{\"name\":", 8);
    jw_cstr_or_null(b, c->name);
    put_field(b, "type", c->type);
    buf_append(b, ",\"mentions\":", 12);
    jw_uint(b, c->mentions);
    buf_append(b, ",\"articles\":", 12);
    jw_uint(b, c->articles);
    put_field(b, "first_date", c->first_date);
    put_field(b, "last_date", c->last_date);
    buf_putc(b, '}');
}

static void put_entity_counts(buf *b, const char *key,
                              const ng_entity_count *items, size_t n)
{
    buf_putc(b, ',');
    jw_key(b, key);
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        put_entity_count(b, &items[i]);
    }
    buf_putc(b, ']');
}

static void handle_entities(ng_store *s, const srv_request *req,
                            srv_response *res)
{
    filters f;
    srv_error e;
    ng_entity_query q = {0};
    if (!read_filters(req, false, false, &f, &e) ||
        !srv_param_uint(req, "limit", 20, 1, SRV_MAX_ENTITIES, &q.limit, &e)) {
        srv_error_json(&e, res);
        return;
    }
    const char *order = opt_param(req, "order");
    if (order && strcmp(order, "articles") != 0 &&
        strcmp(order, "mentions") != 0) {
        srv_fail(&e, 400, "bad_parameter",
                 "order must be mentions or articles");
        srv_error_json(&e, res);
        return;
    }
    q.order = order && strcmp(order, "articles") == 0 ? NG_ORDER_ARTICLES
                                                      : NG_ORDER_MENTIONS;
    q.query = f.query, q.since = f.since, q.until = f.until, q.tag = f.tag;
    q.entity = f.entity, q.type = f.type;
    ng_entity_list *l = NULL;
    ng_status st = ng_store_entities(s, &q, &l);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    put_filters(b, &f);
    buf_printf(b, ",\"order\":\"%s\",\"limit\":%u",
               q.order == NG_ORDER_ARTICLES ? "articles" : "mentions", q.limit);
    put_entity_counts(b, "entities", l->items, l->count);
    buf_putc(b, '}');
    ng_entity_list_free(l);
    json_ok(res);
}

static void put_entity_article(buf *b, const ng_entity_article *a)
{
    buf_append(b, "{\"id\":", 6);
    jw_cstr_or_null(b, a->id);
    put_field(b, "date", a->date);
    put_field(b, "title", a->title);
    buf_append(b, ",\"tags\":", 8);
    put_tags(b, a->tags, a->ntags);
    buf_append(b, ",\"mentions\":", 12);
    jw_uint(b, a->mentions);
    buf_append(b, ",\"snippet\":", 11);
    jw_cstr_or_null(b, a->snippet);
    buf_printf(b, ",\"marks\":[[%u,%u]]}", a->mark.start, a->mark.end);
}

static void handle_entity(ng_store *s, const srv_request *req,
                          srv_response *res)
{
    srv_error e;
    ng_entity_query q = {0};
    const char *name = opt_param(req, "name");
    q.type = opt_param(req, "type");
    bool ok = true;
    if (!name)
        ok = srv_fail(&e, 400, "bad_parameter",
                      "name: give an entity's name, e.g. name=Reuters");
    else if (q.type && ng_entity_type_parse(q.type) < 0)
        ok = srv_fail(&e, 400, "bad_parameter",
                      "type must be PER, ORG, LOC or MISC (not '%.32s')",
                      q.type);
    if (!ok || !srv_param_date(req, "since", &q.since, &e) ||
        !srv_param_date(req, "until", &q.until, &e) ||
        !parse_period(req, true, &q.by, &e) ||
        !srv_param_uint(req, "limit", 10, 1, SRV_MAX_LIMIT, &q.limit, &e) ||
        !srv_param_uint(req, "offset", 0, 0, SRV_MAX_OFFSET, &q.offset, &e) ||
        !srv_param_uint(req, "related", 10, 1, SRV_MAX_RELATED, &q.related,
                        &e)) {
        srv_error_json(&e, res);
        return;
    }
    ng_entity_list *l = NULL;
    ng_status st = ng_store_entity(s, name, &q, &l);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"entity\":", 10);
    put_entity_count(b, &l->items[0]);
    buf_append(b, ",\"aliases\":", 11);
    put_tags(b, (const char *const *)l->aliases, l->naliases);
    put_field(b, "since", q.since);
    put_field(b, "until", q.until);
    put_field(b, "by", period_names[l->by]);
    buf_append(b, ",\"timeline\":[", 13);
    for (size_t i = 0; i < l->nperiods; i++) {
        const ng_entity_period *p = &l->periods[i];
        buf_printf(b, "%s{\"period\":\"%s\",\"start\":\"%s\",\"mentions\":",
                   i ? "," : "", p->period, p->start);
        jw_uint(b, p->mentions);
        buf_append(b, ",\"articles\":", 12);
        jw_uint(b, p->articles);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
    put_entity_counts(b, "related", l->related, l->nrelated);
    buf_printf(b, ",\"offset\":%u,\"limit\":%u,\"total\":", q.offset, q.limit);
    jw_uint(b, l->items[0].articles);
    buf_append(b, ",\"articles\":[", 13);
    for (size_t i = 0; i < l->narticles; i++) {
        if (i)
            buf_putc(b, ',');
        put_entity_article(b, &l->articles[i]);
    }
    buf_append(b, "]}", 2);
    ng_entity_list_free(l);
    json_ok(res);
}

/* put_field for text cut from the article by offsets (a damaged row
 * could cut a character): whole characters only. */
static void put_text_field(buf *b, const char *key, const char *value)
{
    buf_putc(b, ',');
    jw_key(b, key);
    if (value)
        jw_string(b, value, utf8_valid_prefix(value, strlen(value)));
    else
        buf_append(b, "null", 4);
}

static void put_quote_hit(buf *b, const ng_quote_hit *h)
{
    buf_append(b, "{\"article\":", 11);
    jw_cstr_or_null(b, h->article);
    put_field(b, "date", h->date);
    put_field(b, "kind", h->kind);
    buf_printf(b, ",\"start\":%u,\"end\":%u", h->span.start, h->span.end);
    put_text_field(b, "text", h->text);
    put_field(b, "speaker", h->speaker);
    put_field(b, "speaker_type", h->speaker_type);
    put_text_field(b, "source", h->source);
    put_field(b, "verb", h->verb);
    buf_putc(b, '}');
}

static const char *const quote_kinds[] = {"direct", "blockquote", "reported"};

/* speaker, entity, type, q (words), kind, since, until, limit, offset. */
static bool read_quote_query(const srv_request *req, ng_quote_query *q,
                             srv_error *e)
{
    q->speaker = opt_param(req, "speaker");
    q->entity = opt_param(req, "entity");
    q->speaker_type = opt_param(req, "type");
    q->words = opt_param(req, "q");
    q->kind = opt_param(req, "kind");
    if (q->speaker_type && ng_entity_type_parse(q->speaker_type) < 0)
        return srv_fail(e, 400, "bad_parameter",
                        "type must be PER, ORG, LOC or MISC (not '%.32s')",
                        q->speaker_type);
    if (q->speaker_type) /* as the store writes it */
        q->speaker_type = ng_entity_type_name(
            (ng_entity_type)ng_entity_type_parse(q->speaker_type));
    bool known = !q->kind;
    for (size_t i = 0; i < 3 && !known; i++)
        known = strcmp(q->kind, quote_kinds[i]) == 0;
    if (!known)
        return srv_fail(e, 400, "bad_parameter",
                        "kind must be direct, blockquote or reported");
    return srv_param_date(req, "since", &q->since, e) &&
           srv_param_date(req, "until", &q->until, e) &&
           srv_param_uint(req, "limit", 20, 1, SRV_MAX_LIMIT, &q->limit, e) &&
           srv_param_uint(req, "offset", 0, 0, SRV_MAX_OFFSET, &q->offset, e);
}

static void handle_quotes(ng_store *s, const srv_request *req,
                          srv_response *res)
{
    srv_error e;
    ng_quote_query q = {0};
    if (!read_quote_query(req, &q, &e)) {
        srv_error_json(&e, res);
        return;
    }
    ng_quote_list *l = NULL;
    ng_status st = ng_store_quotes(s, &q, &l);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"speaker\":", 11);
    jw_cstr_or_null(b, q.speaker);
    put_field(b, "entity", q.entity);
    put_field(b, "type", q.speaker_type);
    put_field(b, "query", q.words);
    put_field(b, "kind", q.kind);
    put_field(b, "since", q.since);
    put_field(b, "until", q.until);
    buf_printf(b, ",\"offset\":%u,\"limit\":%u,\"total\":", q.offset, q.limit);
    jw_uint(b, l->total);
    buf_append(b, ",\"quotes\":[", 11);
    for (size_t i = 0; i < l->count; i++) {
        if (i)
            buf_putc(b, ',');
        put_quote_hit(b, &l->items[i]);
    }
    buf_append(b, "]}", 2);
    ng_quote_list_free(l);
    json_ok(res);
}

/* Nodes with their entities.id; edges name the ids of their ends (the
 * JSON of `newsgraph graph --format json`). */
static void put_graph(buf *b, const ng_graph *g)
{
    buf_append(b, ",\"nodes\":[", 10);
    for (size_t i = 0; i < g->nnodes; i++) {
        const ng_graph_node *n = &g->nodes[i];
        buf_printf(b, "%s{\"id\":%lld,\"name\":", i ? "," : "",
                   (long long)n->id);
        jw_cstr_or_null(b, n->name);
        put_field(b, "type", n->type);
        buf_append(b, ",\"mentions\":", 12);
        jw_uint(b, n->mentions);
        buf_append(b, ",\"articles\":", 12);
        jw_uint(b, n->articles);
        buf_putc(b, '}');
    }
    buf_append(b, "],\"edges\":[", 11);
    for (size_t i = 0; i < g->nedges; i++) {
        const ng_graph_edge *x = &g->edges[i];
        buf_printf(b, "%s{\"source\":%lld,\"target\":%lld,\"weight\":",
                   i ? "," : "", (long long)g->nodes[x->source].id,
                   (long long)g->nodes[x->target].id);
        jw_uint(b, x->weight);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void handle_graph(ng_store *s, const srv_request *req, srv_response *res)
{
    srv_error e;
    ng_graph_query q = {0};
    q.type = opt_param(req, "type");
    bool ok = true;
    if (q.type && ng_entity_type_parse(q.type) < 0)
        ok = srv_fail(&e, 400, "bad_parameter",
                      "type must be PER, ORG, LOC or MISC (not '%.32s')",
                      q.type);
    if (!ok || !srv_param_date(req, "since", &q.since, &e) ||
        !srv_param_date(req, "until", &q.until, &e) ||
        !srv_param_uint(req, "min_weight", 1, 1, SRV_MAX_WEIGHT, &q.min_weight,
                        &e) ||
        !srv_param_uint(req, "max_nodes", 50, 1, SRV_MAX_NODES, &q.max_nodes,
                        &e)) {
        srv_error_json(&e, res);
        return;
    }
    if (q.type)
        q.type =
            ng_entity_type_name((ng_entity_type)ng_entity_type_parse(q.type));
    ng_graph *g = NULL;
    ng_status st = ng_store_graph(s, &q, &g);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    buf_append(b, "{\"since\":", 9);
    jw_cstr_or_null(b, q.since);
    put_field(b, "until", q.until);
    put_field(b, "type", q.type);
    buf_printf(b, ",\"min_weight\":%u,\"max_nodes\":%u", q.min_weight,
               q.max_nodes);
    put_graph(b, g);
    buf_putc(b, '}');
    ng_graph_free(g);
    json_ok(res);
}

/* What the API offers: the page shows a panel only when its endpoint is
 * listed here. */
static void handle_index(srv_response *res)
{
    static const srv_route listed[] = {
        SRV_ROUTE_SEARCH, SRV_ROUTE_ARTICLE, SRV_ROUTE_TIMELINE,
        SRV_ROUTE_STATS,  SRV_ROUTE_TAGS,    SRV_ROUTE_ENTITIES,
        SRV_ROUTE_ENTITY, SRV_ROUTE_QUOTES,  SRV_ROUTE_GRAPH};
    buf *b = &res->body;
    buf_append(b, "{\"name\":\"newsgraph\",\"version\":", 30);
    jw_cstr_or_null(b, ng_version());
    buf_append(b, ",\"endpoints\":[", 14);
    for (size_t i = 0; i < sizeof listed / sizeof *listed; i++) {
        if (i)
            buf_putc(b, ',');
        jw_cstr_or_null(b, srv_route_path(listed[i]));
    }
    buf_append(b, "]}", 2);
    json_ok(res);
}

void srv_handle_api(ng_store *s, const srv_request *req, srv_response *res)
{
    buf_clear(&res->body);
    switch (req->route) {
    case SRV_ROUTE_INDEX: handle_index(res); break;
    case SRV_ROUTE_SEARCH: handle_search(s, req, res); break;
    case SRV_ROUTE_ARTICLE: handle_article(s, req, res); break;
    case SRV_ROUTE_TIMELINE: handle_timeline(s, req, res); break;
    case SRV_ROUTE_STATS: handle_stats(s, res); break;
    case SRV_ROUTE_TAGS: handle_tags(s, req, res); break;
    case SRV_ROUTE_ENTITIES: handle_entities(s, req, res); break;
    case SRV_ROUTE_ENTITY: handle_entity(s, req, res); break;
    case SRV_ROUTE_QUOTES: handle_quotes(s, req, res); break;
    case SRV_ROUTE_GRAPH: handle_graph(s, req, res); break;
    default: {
        srv_error e;
        srv_fail(&e, 404, "not_found", "no such API endpoint");
        srv_error_json(&e, res);
    }
    }
    if (res->body.failed) {
        srv_error e;
        srv_fail(&e, 503, "no_memory", "the answer does not fit in memory");
        srv_error_json(&e, res);
    }
}
