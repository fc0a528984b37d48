/*
 * article.c -- reading one stored article back as an ng_article, and the
 * tags column (a JSON array) back into strings.
 *
 * Exports: ng_store_article; store_article_row, store_article_fields and
 * store_tags_parse (store.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static bool copy_text(sqlite3_stmt *stmt, int col, char **dst)
{
    const unsigned char *v = sqlite3_column_text(stmt, col);
    *dst = NULL;
    if (!v)
        return sqlite3_column_type(stmt, col) == SQLITE_NULL;
    *dst = str_ndup((const char *)v, (size_t)sqlite3_column_bytes(stmt, col));
    return *dst != NULL;
}

ng_status store_article_row(ng_store *s, const char *id, sqlite3_int64 *row)
{
    static const char *const sql[] = {
        "SELECT id FROM articles WHERE doc_id = ?",
        "SELECT id FROM articles WHERE id = CAST(? AS INTEGER)"};
    bool numeric =
        *id && strspn(id, "0123456789") == strlen(id) && strlen(id) < 19;
    for (int k = 0; k < (numeric ? 2 : 1); k++) {
        sqlite3_stmt *stmt;
        if (sqlite3_prepare_v2(s->db, sql[k], -1, &stmt, NULL) != SQLITE_OK)
            return store_sqlite_fail(s, "article");
        sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            *row = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        if (rc == SQLITE_ROW)
            return NG_OK;
        if (rc != SQLITE_DONE)
            return store_sqlite_fail(s, "article");
    }
    return store_fail(s, NG_ERR_NOT_FOUND, "no article with id '%s'", id);
}

ng_status store_article_fields(ng_store *s, sqlite3_int64 row, ng_article *a)
{
    static const char sql[] = "SELECT doc_id, date, title, url, source, text,"
                              " origin, tags FROM articles WHERE id = ?";
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "article");
    sqlite3_bind_int64(stmt, 1, row);
    ng_status st = NG_OK;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        st = store_sqlite_fail(s, "article");
    else if (!copy_text(stmt, 0, &a->id) || !copy_text(stmt, 1, &a->date) ||
             !copy_text(stmt, 2, &a->title) || !copy_text(stmt, 3, &a->url) ||
             !copy_text(stmt, 4, &a->source) || !copy_text(stmt, 5, &a->text) ||
             !copy_text(stmt, 6, &a->origin))
        st = NG_ERR_NOMEM;
    else if ((st = store_tags_parse((const char *)sqlite3_column_text(stmt, 7),
                                    NULL, &a->tags, &a->ntags)) == NG_OK)
        a->text_len = a->text ? strlen(a->text) : 0;
    sqlite3_finalize(stmt);
    return st;
}

static void *alloc_in(arena *a, size_t n)
{
    return a ? arena_alloc(a, n) : malloc(n);
}

ng_status store_tags_parse(const char *json, arena *a, char ***tags,
                           size_t *ntags)
{
    *tags = NULL;
    *ntags = 0;
    json_t *arr = json_loads(json ? json : "[]", 0, NULL);
    size_t n = json_array_size(arr); /* 0 when not an array */
    ng_status st = NG_OK;
    if (n && !(*tags = alloc_in(a, n * sizeof **tags)))
        st = NG_ERR_NOMEM;
    for (size_t i = 0; st == NG_OK && i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_string(v))
            continue;
        size_t len = json_string_length(v);
        char *copy = alloc_in(a, len + 1);
        if (!copy) {
            st = NG_ERR_NOMEM;
            break;
        }
        memcpy(copy, json_string_value(v), len + 1);
        (*tags)[(*ntags)++] = copy;
    }
    json_decref(arr);
    return st;
}

ng_status ng_store_article(ng_store *s, const char *id, ng_article **out)
{
    if (!s || !id || !out)
        return NG_ERR_ARG;
    *out = NULL;
    sqlite3_int64 row = 0;
    ng_status st = store_article_row(s, id, &row);
    if (st != NG_OK)
        return st;
    ng_article *a = calloc(1, sizeof *a);
    if (!a)
        return NG_ERR_NOMEM;
    if ((st = store_article_fields(s, row, a)) != NG_OK) {
        ng_article_free(a);
        return st;
    }
    *out = a;
    return NG_OK;
}
