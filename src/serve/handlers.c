/*
 * handlers.c -- the JSON API: one function per endpoint turns a checked
 * request into a query to the store and the answer into JSON
 * (docs/api.md describes every shape). Library errors map to HTTP
 * statuses here: a bad query or parameter is 400, a missing article 404,
 * memory 503, a store failure 500.
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

/* The filters shared by search and timeline: q, since, until, tag. */
typedef struct filters {
    const char *query, *since, *until, *tag;
} filters;

static bool read_filters(const srv_request *req, filters *f, srv_error *e)
{
    f->query = srv_param_get(req, "q");
    const char *tag = srv_param_get(req, "tag");
    f->tag = tag && *tag ? tag : NULL;
    if (!f->query || !*f->query)
        return srv_fail(e, 400, "bad_parameter",
                        "q: give a query, e.g. q=%%22air+strike%%22+iraq");
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
}

static void handle_search(ng_store *s, const srv_request *req,
                          srv_response *res)
{
    filters f;
    srv_error e;
    ng_search_query q = {0};
    if (!read_filters(req, &f, &e) ||
        !srv_param_uint(req, "limit", 10, 1, SRV_MAX_LIMIT, &q.limit, &e) ||
        !srv_param_uint(req, "offset", 0, 0, SRV_MAX_OFFSET, &q.offset, &e)) {
        srv_error_json(&e, res);
        return;
    }
    q.query = f.query, q.since = f.since, q.until = f.until, q.tag = f.tag;
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
    ng_status st = ng_store_article(s, id, &a);
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
    buf_putc(b, '}');
    ng_article_free(a);
    json_ok(res);
}

static bool parse_period(const srv_request *req, ng_period *by, srv_error *e)
{
    static const char *const names[] = {"day", "week", "month"};
    const char *v = srv_param_get(req, "by");
    *by = NG_PERIOD_MONTH;
    if (!v || !*v)
        return true;
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            *by = (ng_period)i;
            return true;
        }
    return srv_fail(e, 400, "bad_parameter", "by must be day, week or month");
}

static void handle_timeline(ng_store *s, const srv_request *req,
                            srv_response *res)
{
    static const char *const names[] = {"day", "week", "month"};
    filters f;
    srv_error e;
    ng_timeline_query q = {0};
    if (!read_filters(req, &f, &e) || !parse_period(req, &q.by, &e)) {
        srv_error_json(&e, res);
        return;
    }
    q.query = f.query, q.since = f.since, q.until = f.until, q.tag = f.tag;
    ng_timeline *t = NULL;
    ng_status st = ng_timeline_get(s, &q, &t);
    if (st != NG_OK) {
        store_error(s, st, res);
        return;
    }
    buf *b = &res->body;
    put_filters(b, &f);
    put_field(b, "by", names[q.by]);
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

/* What the API offers: the page shows a panel only when its endpoint is
 * listed here. */
static void handle_index(srv_response *res)
{
    static const srv_route listed[] = {SRV_ROUTE_SEARCH, SRV_ROUTE_ARTICLE,
                                       SRV_ROUTE_TIMELINE, SRV_ROUTE_STATS,
                                       SRV_ROUTE_TAGS};
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
