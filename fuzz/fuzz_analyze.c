/*
 * fuzz_analyze.c -- the analysis and its JSON record (src/analyze/,
 * src/util/buf.c's JSON writer): the input is an article's text, analyzed
 * with ng_analyze and written with ng_analysis_json(NG_JSON_SPANS). The
 * record must parse back with jansson as one object whose "text" equals
 * ng_analysis_text, whose metadata round-trips, and whose "paragraphs",
 * "sentences" and "tokens" equal what the API returns (abort otherwise).
 * Text that is not valid UTF-8 must be refused with NG_ERR_INPUT.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsgraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Metadata with characters the JSON writer must escape. */
static const char title[] = "A \"quoted\" \\ title\twith\x01 control";
static const char *const tags[] = {"Iraq", "U.S.", "caf\xC3\xA9"};

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_analyze: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

static void check_string_member(json_t *obj, const char *key, const char *want,
                                size_t want_len)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || json_string_length(v) != want_len ||
        memcmp(json_string_value(v), want, want_len) != 0)
        fail("a string member does not round-trip", key);
}

/* spans[i] of the record must equal get(an, i) for every i. */
static void check_spans(json_t *obj, const char *key, size_t count,
                        ng_span (*get)(const ng_analysis *, size_t),
                        const ng_analysis *an)
{
    json_t *arr = json_object_get(obj, key);
    if (!json_is_array(arr) || json_array_size(arr) != count)
        fail("a span array has the wrong size", key);
    for (size_t i = 0; i < count; i++) {
        json_t *item = json_array_get(arr, i);
        ng_span sp = get(an, i);
        json_t *start = json_object_get(item, "start");
        json_t *end = json_object_get(item, "end");
        if (!json_is_integer(start) || !json_is_integer(end) ||
            json_integer_value(start) != (json_int_t)sp.start ||
            json_integer_value(end) != (json_int_t)sp.end)
            fail("a span differs from the API", key);
    }
}

static ng_span token_span(const ng_analysis *an, size_t i)
{
    return ng_analysis_token(an, i, NULL);
}

static void check_record(const ng_analysis *an, const char *json, size_t len)
{
    json_error_t err;
    json_t *obj = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
    if (!obj)
        fail("the record is not valid JSON", err.text);
    if (!json_is_object(obj))
        fail("the record is not an object", NULL);
    size_t text_len;
    const char *text = ng_analysis_text(an, &text_len);
    check_string_member(obj, "text", text, text_len);
    check_string_member(obj, "title", title, strlen(title));
    check_string_member(obj, "id", "fuzz:1", 6);
    check_spans(obj, "paragraphs", ng_analysis_paragraph_count(an),
                ng_analysis_paragraph, an);
    check_spans(obj, "sentences", ng_analysis_sentence_count(an),
                ng_analysis_sentence, an);
    check_spans(obj, "tokens", ng_analysis_token_count(an), token_span, an);
    json_t *t = json_object_get(obj, "tags");
    if (!json_is_array(t) || json_array_size(t) != 3)
        fail("the tags do not round-trip", NULL);
    json_decref(obj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ng_analyzer *analyzer;
    if (!analyzer && ng_analyzer_new(&analyzer, NULL) != NG_OK)
        abort(); /* no model: the run would test nothing */
    ng_article *article = NULL;
    if (ng_article_new(&article, "fuzz:1", "2024-01-08", title, tags, 3,
                       (const char *)data, size) != NG_OK)
        return 0;
    ng_analysis *an = NULL;
    ng_status st = ng_analyze(analyzer, article, &an);
    if (st == NG_OK) {
        char *json = NULL;
        size_t len = 0;
        if (ng_analysis_json(an, NG_JSON_SPANS, &json, &len) == NG_OK)
            check_record(an, json, len);
        free(json);
    } else if (st != NG_ERR_INPUT && st != NG_ERR_NOMEM) {
        fail("ng_analyze failed", ng_strerror(st));
    }
    ng_analysis_free(an);
    ng_article_free(article);
    return 0;
}
