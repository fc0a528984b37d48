/*
 * params.c -- from the raw request target to a checked request: URL
 * decoding, the query string split into parameters, the route table and
 * the parameters each route takes, typed values.
 *
 * Everything here is bounded (SRV_MAX_*): a target longer than
 * SRV_MAX_URI, more than SRV_MAX_PARAMS parameters or a value longer than
 * SRV_MAX_VALUE is refused with 413 before anything is copied. Names and
 * values must decode to valid UTF-8 without NUL bytes; a parameter that
 * the route does not take, or one given twice, is refused with 400 so
 * that a typo never silently widens a query.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "serve.h"

typedef struct route_entry {
    const char *path;
    srv_route route;
    const char *params[10]; /* the names it takes, NULL-terminated */
} route_entry;

static const route_entry routes[] = {
    {"/api", SRV_ROUTE_INDEX, {NULL}},
    {"/api/search",
     SRV_ROUTE_SEARCH,
     {"q", "since", "until", "tag", "entity", "type", "limit", "offset", NULL}},
    {"/api/article", SRV_ROUTE_ARTICLE, {"id", NULL}},
    {"/api/timeline",
     SRV_ROUTE_TIMELINE,
     {"q", "since", "until", "tag", "entity", "type", "by", NULL}},
    {"/api/stats", SRV_ROUTE_STATS, {NULL}},
    {"/api/tags", SRV_ROUTE_TAGS, {"limit", NULL}},
    {"/api/entities",
     SRV_ROUTE_ENTITIES,
     {"q", "since", "until", "tag", "entity", "type", "order", "limit", NULL}},
    {"/api/entity",
     SRV_ROUTE_ENTITY,
     {"name", "type", "since", "until", "by", "limit", "offset", "related",
      NULL}},
    {"/api/quotes",
     SRV_ROUTE_QUOTES,
     {"speaker", "entity", "type", "q", "kind", "since", "until", "limit",
      "offset", NULL}},
    {"/api/graph",
     SRV_ROUTE_GRAPH,
     {"since", "until", "type", "min_weight", "max_nodes", NULL}},
};

#define NROUTES (sizeof routes / sizeof *routes)

bool srv_fail(srv_error *e, unsigned status, const char *code, const char *fmt,
              ...)
{
    va_list ap;
    e->status = status;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return false;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool srv_url_decode(const char *s, size_t n, bool plus, char *out,
                    size_t *out_len)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hex_value(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return false;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == '\0')
            return false;
        out[o++] = c;
    }
    out[o] = '\0';
    *out_len = o;
    return utf8_valid_prefix(out, o) == o;
}

static const route_entry *route_of(const char *path)
{
    size_t len = strlen(path);
    if (len > 4 && path[len - 1] == '/' && strncmp(path, "/api/", 5) == 0)
        len--; /* "/api/search/" is "/api/search"; "/api/" is "/api" */
    for (size_t i = 0; i < NROUTES; i++)
        if (strlen(routes[i].path) == len &&
            memcmp(routes[i].path, path, len) == 0)
            return &routes[i];
    return NULL;
}

const char *srv_route_path(srv_route route)
{
    for (size_t i = 0; i < NROUTES; i++)
        if (routes[i].route == route)
            return routes[i].path;
    return NULL;
}

/* Decodes s[0..n) into a new string of req->mem; NULL (with e set) when
 * it is not acceptable. `what` names it in the message. */
static char *decode_part(srv_request *req, const char *s, size_t n, bool plus,
                         const char *what, srv_error *e)
{
    if (n > SRV_MAX_VALUE * 3) {
        srv_fail(e, 413, "too_large", "%s is longer than %d bytes", what,
                 SRV_MAX_VALUE);
        return NULL;
    }
    char *out = arena_alloc(&req->mem, n + 1);
    size_t len;
    if (!out) {
        srv_fail(e, 503, "no_memory", "out of memory");
        return NULL;
    }
    if (!srv_url_decode(s, n, plus, out, &len)) {
        srv_fail(e, 400, "bad_request",
                 "%s is not valid: a bad %%-escape, a NUL byte or invalid "
                 "UTF-8",
                 what);
        return NULL;
    }
    if (len > SRV_MAX_VALUE) {
        srv_fail(e, 413, "too_large", "%s is longer than %d bytes", what,
                 SRV_MAX_VALUE);
        return NULL;
    }
    return out;
}

/* Splits the query string into req->params. */
static bool parse_query(srv_request *req, const char *q, size_t n, srv_error *e)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(q + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - q) : n;
        if (end > i) {
            if (req->nparams == SRV_MAX_PARAMS)
                return srv_fail(e, 413, "too_large", "more than %d parameters",
                                SRV_MAX_PARAMS);
            const char *eq = memchr(q + i, '=', end - i);
            size_t name_end = eq ? (size_t)(eq - q) : end;
            srv_param *p = &req->params[req->nparams];
            p->name = decode_part(req, q + i, name_end - i, true,
                                  "a parameter name", e);
            if (!p->name)
                return false;
            p->value = eq ? decode_part(req, eq + 1, end - name_end - 1, true,
                                        p->name, e)
                          : decode_part(req, "", 0, true, p->name, e);
            if (!p->value)
                return false;
            req->nparams++;
        }
        i = end + 1;
    }
    return true;
}

/* Every parameter must be one the route takes, and given once. */
static bool check_names(const srv_request *req, const route_entry *r,
                        srv_error *e)
{
    for (size_t i = 0; i < req->nparams; i++) {
        const char *name = req->params[i].name;
        bool known = false;
        for (size_t k = 0; r->params[k]; k++)
            known |= strcmp(r->params[k], name) == 0;
        if (!known)
            return srv_fail(e, 400, "bad_parameter",
                            "%.64s does not take the parameter '%.64s'",
                            r->path, name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(req->params[j].name, name) == 0)
                return srv_fail(e, 400, "bad_parameter",
                                "the parameter '%.64s' is given twice", name);
    }
    return true;
}

bool srv_request_parse(srv_request *req, const char *uri, size_t len,
                       srv_error *e)
{
    memset(req, 0, sizeof *req);
    arena_init(&req->mem);
    if (len > SRV_MAX_URI)
        return srv_fail(e, 413, "too_large",
                        "the request target is longer than %d bytes",
                        SRV_MAX_URI);
    if (len == 0 || uri[0] != '/')
        return srv_fail(e, 400, "bad_request",
                        "the request target must start with '/'");
    const char *qmark = memchr(uri, '?', len);
    size_t path_len = qmark ? (size_t)(qmark - uri) : len;
    if (!(req->path = decode_part(req, uri, path_len, false, "the path", e)))
        return false;
    if (qmark && !parse_query(req, qmark + 1, len - path_len - 1, e))
        return false;
    const route_entry *r = route_of(req->path);
    if (r) {
        req->route = r->route;
        return check_names(req, r, e);
    }
    if (strcmp(req->path, "/api") == 0 || strncmp(req->path, "/api/", 5) == 0) {
        req->route = SRV_ROUTE_UNKNOWN_API;
        return srv_fail(e, 404, "not_found", "no API endpoint %.64s",
                        req->path);
    }
    req->route = SRV_ROUTE_NONE;
    return true;
}

void srv_request_free(srv_request *req)
{
    if (req)
        arena_release(&req->mem);
}

const char *srv_param_get(const srv_request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}

bool srv_param_uint(const srv_request *req, const char *name, unsigned def,
                    unsigned min, unsigned max, unsigned *out, srv_error *e)
{
    const char *v = srv_param_get(req, name);
    *out = def;
    if (!v)
        return true;
    size_t n = strlen(v);
    unsigned long value = 0;
    bool ok = n > 0 && n <= 9 && strspn(v, "0123456789") == n;
    for (size_t i = 0; ok && i < n; i++)
        value = value * 10 + (unsigned long)(v[i] - '0');
    if (!ok || value < min || value > max)
        return srv_fail(e, 400, "bad_parameter",
                        "%s must be a whole number from %u to %u", name, min,
                        max);
    *out = (unsigned)value;
    return true;
}

bool srv_param_date(const srv_request *req, const char *name, const char **out,
                    srv_error *e)
{
    const char *v = srv_param_get(req, name);
    *out = NULL;
    if (!v || !*v)
        return true; /* an empty field of a form means no filter */
    if (!ng_date_valid(v))
        return srv_fail(e, 400, "bad_parameter",
                        "%s must be a date, YYYY-MM-DD (not '%.32s')", name, v);
    *out = v;
    return true;
}
