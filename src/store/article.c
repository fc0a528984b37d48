/*
 * article.c -- reading one stored article back as an ng_article.
 */
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

/* Finds the row id of an article by doc_id, else by row number. */
static ng_status find_row(ng_store *s, const char *id, sqlite3_int64 *row)
{
    static const char *const sql[] = {
        "SELECT id FROM articles WHERE doc_id = ?",
        "SELECT id FROM articles WHERE id = CAST(? AS INTEGER)"};
    bool numeric = *id && strspn(id, "0123456789") == strlen(id) &&
                   strlen(id) < 19;
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

static ng_status read_fields(ng_store *s, sqlite3_int64 row, ng_article *a)
{
    static const char sql[] = "SELECT doc_id, date, title, url, source, text,"
                              " origin FROM articles WHERE id = ?";
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "article");
    sqlite3_bind_int64(stmt, 1, row);
    ng_status st = NG_OK;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        st = store_sqlite_fail(s, "article");
    else if (!copy_text(stmt, 0, &a->id) || !copy_text(stmt, 1, &a->date) ||
             !copy_text(stmt, 2, &a->title) || !copy_text(stmt, 3, &a->url) ||
             !copy_text(stmt, 4, &a->source) ||
             !copy_text(stmt, 5, &a->text) || !copy_text(stmt, 6, &a->origin))
        st = NG_ERR_NOMEM;
    else
        a->text_len = a->text ? strlen(a->text) : 0;
    sqlite3_finalize(stmt);
    return st;
}

static ng_status read_tags(ng_store *s, sqlite3_int64 row, ng_article *a)
{
    static const char sql[] = "SELECT tag FROM article_tags WHERE "
                              "article_id = ? ORDER BY position";
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "tags");
    sqlite3_bind_int64(stmt, 1, row);
    ng_status st = NG_OK;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (a->ntags == cap) {
            cap = cap ? cap * 2 : 8;
            char **t = realloc(a->tags, cap * sizeof *t);
            if (!t) {
                st = NG_ERR_NOMEM;
                break;
            }
            a->tags = t;
        }
        if (!copy_text(stmt, 0, &a->tags[a->ntags]) || !a->tags[a->ntags]) {
            st = NG_ERR_NOMEM;
            break;
        }
        a->ntags++;
    }
    if (st == NG_OK && rc != SQLITE_DONE)
        st = store_sqlite_fail(s, "tags");
    sqlite3_finalize(stmt);
    return st;
}

ng_status ng_store_article(ng_store *s, const char *id, ng_article **out)
{
    if (!s || !id || !out)
        return NG_ERR_ARG;
    *out = NULL;
    sqlite3_int64 row = 0;
    ng_status st = find_row(s, id, &row);
    if (st != NG_OK)
        return st;
    ng_article *a = calloc(1, sizeof *a);
    if (!a)
        return NG_ERR_NOMEM;
    if ((st = read_fields(s, row, a)) != NG_OK ||
        (st = read_tags(s, row, a)) != NG_OK) {
        ng_article_free(a);
        return st;
    }
    *out = a;
    return NG_OK;
}
