/*
 * jsonl.c -- one JSON Lines record into an article. Fields: "text"
 * (required, a non-empty string); "id" (string or integer), "date"
 * (YYYY-MM-DD), "title", "url", "source" (strings) and "tags" (array of
 * strings), all optional and allowed to be null. Unknown fields are
 * ignored so that richer exports (Reuters topics, say) read as they are.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

/* Reads an optional string member into *dst; false (with a message) when
 * it is present with another type. */
static ng_status opt_string(json_t *obj, const char *key, char **dst, buf *msg)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return NG_OK;
    if (!json_is_string(v)) {
        buf_printf(msg, "\"%s\" must be a string", key);
        return NG_ERR_INPUT;
    }
    *dst = str_ndup(json_string_value(v), json_string_length(v));
    return *dst ? NG_OK : NG_ERR_NOMEM;
}

static ng_status read_id(json_t *obj, const char *origin, ng_article *a,
                         buf *msg)
{
    json_t *v = json_object_get(obj, "id");
    char num[32];
    if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        a->id = str_dup(num);
    } else if (json_is_string(v) && json_string_length(v) > 0) {
        a->id = str_ndup(json_string_value(v), json_string_length(v));
    } else if (!v || json_is_null(v)) {
        a->id = str_dup(origin);
    } else {
        buf_printf(msg, "\"id\" must be a non-empty string or an integer");
        return NG_ERR_INPUT;
    }
    return a->id ? NG_OK : NG_ERR_NOMEM;
}

static ng_status read_tags(json_t *obj, ng_article *a, buf *msg)
{
    json_t *v = json_object_get(obj, "tags");
    if (!v || json_is_null(v))
        return NG_OK;
    if (!json_is_array(v)) {
        buf_printf(msg, "\"tags\" must be an array of strings");
        return NG_ERR_INPUT;
    }
    size_t n = json_array_size(v);
    if (n > NG_MAX_TAGS) {
        buf_printf(msg, "more than %u tags", NG_MAX_TAGS);
        return NG_ERR_TOO_LARGE;
    }
    if (n == 0)
        return NG_OK;
    if (!(a->tags = calloc(n, sizeof *a->tags)))
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_array_get(v, i);
        if (!json_is_string(t)) {
            buf_printf(msg, "\"tags\" item %zu is not a string", i + 1);
            return NG_ERR_INPUT;
        }
        const char *s = json_string_value(t);
        if (*s == '#') /* "#Iraq" and "Iraq" are the same tag */
            s++;
        if (!*s)
            continue;
        if (!(a->tags[a->ntags] = str_dup(s)))
            return NG_ERR_NOMEM;
        a->ntags++;
    }
    return NG_OK;
}

static ng_status read_text(json_t *obj, ng_article *a, buf *msg)
{
    json_t *v = json_object_get(obj, "text");
    if (!v) {
        buf_printf(msg, "the object has no \"text\"");
        return NG_ERR_INPUT;
    }
    if (!json_is_string(v)) {
        buf_printf(msg, "\"text\" must be a string");
        return NG_ERR_INPUT;
    }
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || (s[lead] >= '\t' && s[lead] <= '\r')))
        lead++;
    if (lead == n) {
        buf_printf(msg, "\"text\" is empty");
        return NG_ERR_INPUT;
    }
    if (n > NG_MAX_ARTICLE_BYTES) {
        buf_printf(msg, "\"text\" is %zu bytes, more than the cap of %u", n,
                   NG_MAX_ARTICLE_BYTES);
        return NG_ERR_TOO_LARGE;
    }
    a->text = str_ndup(s, n);
    a->text_len = n;
    return a->text ? NG_OK : NG_ERR_NOMEM;
}

static ng_status read_fields(json_t *obj, const char *origin, ng_article *a,
                             buf *msg)
{
    ng_status st;
    if ((st = read_text(obj, a, msg)) || (st = read_id(obj, origin, a, msg)) ||
        (st = opt_string(obj, "date", &a->date, msg)) ||
        (st = opt_string(obj, "title", &a->title, msg)) ||
        (st = opt_string(obj, "url", &a->url, msg)) ||
        (st = opt_string(obj, "source", &a->source, msg)) ||
        (st = read_tags(obj, a, msg)))
        return st;
    if (a->date && !date_valid(a->date, strlen(a->date))) {
        buf_printf(msg,
                   "\"date\" '%.*s' is not a valid date (expected "
                   "YYYY-MM-DD, a real day)",
                   (int)utf8_cut(a->date, strlen(a->date), 40), a->date);
        return NG_ERR_INPUT;
    }
    if (!(a->origin = str_dup(origin)))
        return NG_ERR_NOMEM;
    return NG_OK;
}

ng_status jsonl_parse(const char *line, size_t len, const char *origin,
                      ng_article **out, buf *msg)
{
    *out = NULL;
    json_error_t err;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
    if (!obj) {
        /* Out of memory is not the line's fault: it must not be skipped
         * as bad input. jansson says so with a code, or (when its lexer
         * cannot start) with no error at all. */
        if (json_error_code(&err) == json_error_out_of_memory || !err.text[0])
            return NG_ERR_NOMEM;
        buf_printf(msg, "column %d: not valid JSON: %s", err.column, err.text);
        return NG_ERR_INPUT;
    }
    ng_status st = NG_ERR_NOMEM;
    ng_article *a = NULL;
    if (!json_is_object(obj)) {
        buf_printf(msg, "a JSON Lines record must be an object");
        st = NG_ERR_INPUT;
    } else if ((a = article_alloc())) {
        st = read_fields(obj, origin, a, msg);
    }
    json_decref(obj);
    if (st != NG_OK) {
        ng_article_free(a);
        return st;
    }
    *out = a;
    return NG_OK;
}
