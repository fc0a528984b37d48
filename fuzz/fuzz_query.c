/*
 * fuzz_query.c -- the query language (src/store/query.c): the input, cut
 * at its first NUL, goes through query_translate. A refused query must come
 * with a message. An accepted one is run as MATCH against an in-memory
 * FTS5 table with the store's columns and tokenizer (made once), and FTS5
 * must accept it: query.c promises that a query it translates never gives
 * an SQLite error such as "fts5: syntax error", so any error but running
 * out of memory aborts. And every quoted term of the expression must hold
 * at least one token for the store's tokenizer: a term without one (a lone
 * dash, say) makes an AND match nothing, where the query language promises
 * that lone punctuation is ignored or refused with a message.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The FTS5 part of the store's schema (src/store/store.c) and two rows so
 * that queries really run. */
static const char schema[] =
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, tags, text, tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO articles_fts VALUES('Pentagon denies',"
    "  'Pentagon denies withdraw Iraq',"
    "  'The U.S.-led coalition of 2,500 troops in Iraq; al-Nujaba.');"
    "INSERT INTO articles_fts VALUES(NULL, '',"
    "  'Caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xE5\x8C\x97\xE4\xBA\xAC news');";

/* Shaped like the store's page query (src/store/search.c). */
static const char match_sql[] =
    "SELECT rowid, snippet(articles_fts, 2, char(1), char(2), '...', 24),"
    " -rank FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank";

static void fail(const char *what, const char *query, const char *detail)
{
    fprintf(stderr, "fuzz_query: %s\n  query: %s\n  detail: %s\n", what, query,
            detail ? detail : "");
    abort();
}

static sqlite3 *db;
static sqlite3_stmt *stmt;
static fts5_tokenizer tokenizer;
static Fts5Tokenizer *tokenizer_instance;

/* The FTS5 API pointer, as the SQLite documentation shows. */
static fts5_api *fts5_api_of(sqlite3 *conn)
{
    fts5_api *api = NULL;
    sqlite3_stmt *get;
    if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &get, NULL) !=
        SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(get, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(get);
    sqlite3_finalize(get);
    return api;
}

/* Opens the database and the tokenizer once for all inputs. */
static void setup(void)
{
    if (stmt)
        return;
    static const char *const args[] = {"remove_diacritics", "2"};
    void *user_data;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, match_sql, -1, &stmt, NULL) != SQLITE_OK)
        fail("cannot set up the FTS5 table", "", sqlite3_errmsg(db));
    fts5_api *api = fts5_api_of(db);
    if (!api ||
        api->xFindTokenizer(api, "unicode61", &user_data, &tokenizer) !=
            SQLITE_OK ||
        tokenizer.xCreate(user_data, (const char **)args, 2,
                          &tokenizer_instance) != SQLITE_OK)
        fail("cannot make the unicode61 tokenizer", "", NULL);
}

static int count_token(void *ctx, int flags, const char *token, int n,
                       int start, int end)
{
    (void)flags, (void)token, (void)n, (void)start, (void)end;
    ++*(size_t *)ctx;
    return SQLITE_OK;
}

/* Reads the FTS5 string starting at the quote at *i ("" is a quote) into
 * `term`; leaves *i after the closing quote. */
static void read_string(const char *match, size_t *i, buf *term)
{
    buf_clear(term);
    size_t k = *i + 1;
    for (; match[k]; k++) {
        if (match[k] == '"' && match[k + 1] != '"')
            break;
        if (match[k] == '"')
            k++;
        buf_putc(term, match[k]);
    }
    *i = match[k] ? k + 1 : k;
}

/* Every quoted term of the expression must give FTS5 a token. */
static void check_terms(const char *query, const char *match)
{
    buf term;
    buf_init(&term, 0);
    for (size_t i = 0; match[i];) {
        if (match[i] != '"') {
            i++;
            continue;
        }
        read_string(match, &i, &term);
        size_t tokens = 0;
        tokenizer.xTokenize(tokenizer_instance, &tokens, FTS5_TOKENIZE_QUERY,
                            buf_cstr(&term), (int)term.len, count_token);
        if (tokens == 0)
            fail("a term has nothing FTS5 can search for", query, match);
    }
    buf_free(&term);
}

/* Runs the translated expression; aborts when SQLite refuses it. */
static void run_match(const char *query, const char *match)
{
    sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE && rc != SQLITE_NOMEM) {
        char detail[1024];
        snprintf(detail, sizeof detail, "%s (MATCH %s)",
                 sqlite3_errmsg(sqlite3_db_handle(stmt)), match);
        sqlite3_reset(stmt);
        fail("FTS5 refuses a translated query", query, detail);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *query = str_ndup((const char *)data, size);
    if (!query)
        return 0;
    buf out, msg;
    buf_init(&out, 0);
    buf_init(&msg, 0);
    ng_status st = query_translate(query, &out, &msg);
    setup();
    if (st == NG_OK) {
        run_match(query, buf_cstr(&out));
        check_terms(query, buf_cstr(&out));
    } else if (st == NG_ERR_QUERY && msg.len == 0)
        fail("a refused query has no message", query, NULL);
    else if (st != NG_ERR_QUERY && st != NG_ERR_NOMEM)
        fail("unexpected status", query, ng_strerror(st));
    buf_free(&out);
    buf_free(&msg);
    free(query);
    return 0;
}
