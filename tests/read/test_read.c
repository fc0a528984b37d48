/*
 * test_read.c -- the readers: a table of inputs (good next to bad) with the
 * outcome of each ng_reader_next call, then directories, missing files,
 * overlong lines read from disk, and progress.
 */
#include "support.h"
#include "util/util.h"

/* One expected outcome: "ok <id>|<date>|<tags>|<text>" with tags joined
 * by ',' and date "-" when unknown, or "err <status> <message part>". */
typedef struct read_case {
    const char *name; /* name of the memory input */
    const char *data;
    size_t len; /* 0: strlen(data) */
    ng_format format;
    const char *default_date;
    const char *expect[8];
} read_case;

#define NATIVE NG_FORMAT_NATIVE
#define AUTO   NG_FORMAT_AUTO

static const read_case cases[] = {
    {"a.txt",
     " date 2024-01-08 #Pentagon #denies\n\nPara one.\n\nPara two.",
     0,
     AUTO,
     NULL,
     {"ok a.txt|2024-01-08|Pentagon,denies|Para one.\n\nPara two."}},
    {"crlf.txt",
     "date 2024-01-08 #x\r\n\r\nBody line\r\nnext\r\n",
     0,
     AUTO,
     NULL,
     {"ok crlf.txt|2024-01-08|x|Body line\nnext"}},
    {"blank.txt",
     "date 2024-01-08\n\n\n\nOne.  \n \n\n\nTwo.\n\n",
     0,
     AUTO,
     NULL,
     {"ok blank.txt|2024-01-08||One.\n\nTwo."}},
    {"bom.txt",
     "\xEF\xBB\xBF"
     "date 2023-12-31 #y\n\nBody",
     0,
     AUTO,
     NULL,
     {"ok bom.txt|2023-12-31|y|Body"}},
    {"bad.txt",
     "date 2024-02-30 #x\n\nBody",
     0,
     AUTO,
     NULL,
     {"err 3 bad.txt:1: header: '2024-02-30' is not a valid date"}},
    {"bad.txt",
     "date 2024-1-8 #x\n\nBody",
     0,
     AUTO,
     NULL,
     {"err 3 bad.txt:1: header: '2024-1-8' is not a valid date"}},
    {"bad.txt",
     "date 2024-01-08 Pentagon\n\nBody",
     0,
     AUTO,
     NULL,
     {"err 3 bad.txt:1: header: expected a #tag after the date, found "
      "'Pentagon'"}},
    {"bad.txt",
     "date 2024-01-08 # x\n\nBody",
     0,
     AUTO,
     NULL,
     {"err 3 bad.txt:1: header: expected a #tag"}},
    {"nobody.txt",
     "date 2024-01-08 #x\n\n  \n\n",
     0,
     AUTO,
     NULL,
     {"err 3 nobody.txt:1: a header with no body after it"}},
    {"empty.txt", "", 0, AUTO, NULL, {"err 3 empty.txt: empty file"}},
    {"white.txt", "\n  \n\t\n", 0, AUTO, NULL, {"err 3 white.txt: empty file"}},
    {"nul.txt",
     "date 2024-01-08\n\nab\0cd",
     21,
     AUTO,
     NULL,
     {"err 3 nul.txt:3: column 3: NUL byte"}},
    {"utf8.txt",
     "date 2024-01-08\n\nok\ncaf\xC3\x28",
     0,
     AUTO,
     NULL,
     {"err 3 utf8.txt:4: column 4: invalid UTF-8 (byte 0xC3)"}},
    {"plain.txt",
     "Just some text.\nMore of it.",
     0,
     AUTO,
     NULL,
     {"ok plain.txt|-||Just some text.\nMore of it."}},
    {"plain.txt",
     "Just text.",
     0,
     AUTO,
     "2020-05-01",
     {"ok plain.txt|2020-05-01||Just text."}},
    {"palms.txt",
     "Date palms grow.\n\nThey do.",
     0,
     AUTO,
     NULL,
     {"ok palms.txt|-||Date palms grow.\n\nThey do."}},
    {"date.txt",
     "date 12 was fine",
     0,
     AUTO,
     NULL,
     {"err 3 date.txt:1: header: '12' is not a valid date"}},
    {"forced.txt",
     "No header here.",
     0,
     NATIVE,
     NULL,
     {"err 3 forced.txt:1: expected the header 'date YYYY-MM-DD #tags'"}},
    {"forced.txt",
     "date 2024-01-08 #x\n\nBody",
     0,
     NG_FORMAT_TEXT,
     NULL,
     {"ok forced.txt|-||date 2024-01-08 #x\n\nBody"}},
    {"brace.txt",
     "{not json, a text}",
     0,
     AUTO,
     NULL,
     {"ok brace.txt|-||{not json, a text}"}},
    {"lines.jsonl",
     "{\"id\": \"r1\", \"date\": \"2024-01-05\", \"title\": \"T\", "
     "\"tags\": [\"#Iraq\", \"troops\"], \"text\": \"Hello.\"}\n"
     "\n"
     "{\"text\": \"No id.\"}\n"
     "{\"id\": 42, \"text\": \"Integer id.\", \"topics\": [\"x\"]}\n"
     "not json\n"
     "[1, 2]\n"
     "{\"id\": \"x\"}\n"
     "{\"text\": 5}\n"
     "{\"text\": \"t\", \"date\": \"2024-02-30\"}\n",
     0,
     AUTO,
     NULL,
     {"ok r1|2024-01-05|Iraq,troops|Hello.", "ok lines.jsonl:3|-||No id.",
      "ok 42|-||Integer id.", "err 3 lines.jsonl:5: column 3: not valid JSON",
      "err 3 lines.jsonl:6: a JSON Lines record must be an object",
      "err 3 lines.jsonl:7: the object has no \"text\"",
      "err 3 lines.jsonl:8: \"text\" must be a string",
      "err 3 lines.jsonl:9: \"date\" '2024-02-30' is not a valid date"}},
    {"more.jsonl",
     "{\"text\": \"  \"}\n"
     "{\"text\": \"a\", \"tags\": \"x\"}\n"
     "{\"text\": \"a\", \"tags\": [1]}\n"
     "{\"text\": \"a\", \"title\": 3}\n"
     "{\"text\": \"a\", \"id\": true}\n"
     "{\"text\": \"a\", \"text\": \"b\"}\n"
     "{\"text\": \"nul \\u0000 inside\"}\n"
     "{\"text\": \"last line, no newline\"}",
     0,
     AUTO,
     NULL,
     {"err 3 more.jsonl:1: \"text\" is empty",
      "err 3 more.jsonl:2: \"tags\" must be an array of strings",
      "err 3 more.jsonl:3: \"tags\" item 1 is not a string",
      "err 3 more.jsonl:4: \"title\" must be a string",
      "err 3 more.jsonl:5: \"id\" must be a non-empty string or an integer",
      "err 3 more.jsonl:6: column", "err 3 more.jsonl:7: column",
      "ok more.jsonl:8|-||last line, no newline"}},
    {"bad.jsonl",
     "{\"text\": \"caf\xC3\x28\"}\n{\"text\": \"ok\"}\n",
     0,
     AUTO,
     NULL,
     {"err 3 bad.jsonl:1: column 14: invalid UTF-8", "ok bad.jsonl:2|-||ok"}},
    {"sniffed",
     "  {\"text\": \"JSON without the extension\"}\n",
     0,
     AUTO,
     NULL,
     {"ok sniffed:1|-||JSON without the extension"}},
    {"empty.jsonl", "\n\n", 0, AUTO, NULL, {"err 3 empty.jsonl: empty file"}},
};

static void describe(const ng_article *a, buf *out)
{
    buf_clear(out);
    buf_printf(out, "ok %s|%s|", a->id, a->date ? a->date : "-");
    for (size_t i = 0; i < a->ntags; i++)
        buf_printf(out, "%s%s", i ? "," : "", a->tags[i]);
    buf_printf(out, "|%s", a->text);
}

/* Reads everything and compares each outcome with the expectations. */
static void check_case(const read_case *c, size_t index)
{
    ng_read_options opt = {c->format, c->default_date};
    ng_reader *r;
    size_t len = c->len ? c->len : strlen(c->data);
    assert_int_equal(ng_reader_open_memory(&r, c->name, c->data, len, &opt),
                     NG_OK);
    buf got;
    buf_init(&got, 0);
    size_t k = 0;
    for (;; k++) {
        ng_article *a = NULL;
        ng_status st = ng_reader_next(r, &a);
        if (st == NG_DONE)
            break;
        if (st == NG_OK)
            describe(a, &got);
        else {
            buf_clear(&got);
            buf_printf(&got, "err %d %s", (int)st, ng_reader_message(r));
        }
        ng_article_free(a);
        const char *want = k < 8 ? c->expect[k] : NULL;
        bool match = want && (strncmp(want, "ok ", 3) == 0
                                  ? strcmp(want, buf_cstr(&got)) == 0
                                  : strstr(buf_cstr(&got), want) != NULL);
        if (!match)
            fail_msg("case %zu (%s) outcome %zu:\n  expected: %s\n  got:      "
                     "%s",
                     index + 1, c->name, k + 1, want ? want : "(none)",
                     buf_cstr(&got));
    }
    if (k < 8 && c->expect[k])
        fail_msg("case %zu (%s): missing outcome %zu: %s", index + 1, c->name,
                 k + 1, c->expect[k]);
    buf_free(&got);
    ng_reader_close(r);
}

static void test_case_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_case(&cases[i], i);
}

static void test_too_many_tags(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "date 2024-01-08");
    for (unsigned i = 0; i <= NG_MAX_TAGS; i++)
        buf_printf(&b, " #t%u", i);
    buf_printf(&b, "\n\nBody");
    ng_reader *r;
    assert_int_equal(ng_reader_open_memory(&r, "tags.txt", b.data, b.len, NULL),
                     NG_OK);
    ng_article *a;
    assert_int_equal(ng_reader_next(r, &a), NG_ERR_TOO_LARGE);
    assert_non_null(strstr(ng_reader_message(r), "tags.txt:1: more than"));
    assert_int_equal(ng_reader_next(r, &a), NG_DONE);
    assert_int_equal(ng_reader_skipped(r), 1);
    ng_reader_close(r);
    buf_free(&b);
}

/* Makes a test tree: files in name order, a hidden file, a file of
 * another type, a subdirectory. */
static char *make_tree(void)
{
    char *dir = test_temp_dir();
    static const struct {
        const char *name, *data;
    } files[] = {
        {"b.txt", "date 2024-01-02\n\nB."},
        {"a.txt", "date 2024-01-01\n\nA."},
        {".hidden.txt", "date 2024-01-03\n\nHidden."},
        {"notes.csv", "x,y"},
        {"sub/c.jsonl", "{\"text\": \"C1\"}\n{\"text\": \"C2\"}\n"},
        {"sub/d.text", "plain D"},
    };
    char *sub = test_path(dir, "sub");
    assert_int_equal(mkdir(sub, 0755), 0);
    free(sub);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *p = test_path(dir, files[i].name);
        test_write_file(p, files[i].data, strlen(files[i].data));
        free(p);
    }
    return dir;
}

static void test_directory_walk(void **state)
{
    (void)state;
    char *dir = make_tree();
    char *missing = test_path(dir, "missing.txt");
    const char *paths[] = {dir, missing, "-"};
    ng_reader *r;
    assert_int_equal(ng_reader_open(&r, paths, 2, NULL), NG_OK);
    const char *expect[] = {"a.txt",         "b.txt",      "sub/c.jsonl:1",
                            "sub/c.jsonl:2", "sub/d.text", NULL};
    ng_article *a;
    for (size_t i = 0; expect[i]; i++) {
        assert_int_equal(ng_reader_next(r, &a), NG_OK);
        char *want = test_path(dir, expect[i]);
        assert_string_equal(a->id, want);
        free(want);
        ng_article_free(a);
    }
    assert_int_equal(ng_reader_next(r, &a), NG_ERR_IO);
    assert_non_null(strstr(ng_reader_message(r), "missing.txt: No such file"));
    assert_int_equal(ng_reader_next(r, &a), NG_DONE);
    uint64_t done, total;
    ng_reader_progress(r, &done, &total);
    assert_true(total > 0);
    assert_int_equal(done, total);
    ng_reader_close(r);
    free(missing);
    test_remove_tree(dir);
    free(dir);
}

/* A line over the cap read from disk is skipped without holding it in
 * memory, and the next line is read. */
static void test_overlong_line_on_disk(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    char *path = test_path(dir, "long.jsonl");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    static char chunk[1 << 16];
    memset(chunk, 'x', sizeof chunk);
    fputs("{\"text\": \"first\"}\n", f);
    for (size_t n = 0; n <= NG_MAX_LINE_BYTES; n += sizeof chunk)
        fwrite(chunk, 1, sizeof chunk, f);
    fputs("\n{\"text\": \"after\"}\n", f);
    fclose(f);
    const char *paths[] = {path};
    ng_reader *r;
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    ng_article *a;
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_string_equal(a->text, "first");
    ng_article_free(a);
    assert_int_equal(ng_reader_next(r, &a), NG_ERR_TOO_LARGE);
    assert_non_null(strstr(ng_reader_message(r), "long.jsonl:2: line longer"));
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_string_equal(a->text, "after");
    assert_non_null(strstr(a->id, "long.jsonl:3"));
    ng_article_free(a);
    assert_int_equal(ng_reader_next(r, &a), NG_DONE);
    ng_reader_close(r);
    test_remove_tree(dir);
    free(path);
    free(dir);
}

/* A file name that is not UTF-8 still gives a text id. */
static void test_id_from_bad_file_name(void **state)
{
    (void)state;
    char *dir = test_temp_dir();
    char *path = test_path(dir, "caf\xE9.txt");
    test_write_file(path, "date 2024-01-08\n\nHi.", 20);
    const char *paths[] = {path};
    ng_reader *r;
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    ng_article *a;
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_non_null(strstr(a->id, "caf\xEF\xBF\xBD.txt"));
    ng_article_free(a);
    ng_reader_close(r);
    test_remove_tree(dir);
    free(path);
    free(dir);
}

static void test_article_new(void **state)
{
    (void)state;
    ng_article *a;
    const char *tags[] = {"x", "y"};
    assert_int_equal(
        ng_article_new(&a, "id1", "2024-01-08", "Title", tags, 2, "Text.", 5),
        NG_OK);
    assert_string_equal(a->text, "Text.");
    assert_int_equal(a->ntags, 2);
    ng_article_free(a);
    assert_int_equal(
        ng_article_new(&a, "id1", "2024-02-30", NULL, NULL, 0, "T", 1),
        NG_ERR_ARG);
    assert_int_equal(ng_article_new(&a, NULL, NULL, NULL, NULL, 0, "T", 1),
                     NG_ERR_ARG);
    ng_article_free(NULL);
}

static void test_bad_options(void **state)
{
    (void)state;
    ng_reader *r;
    ng_read_options bad_date = {AUTO, "2024-13-01"};
    assert_int_equal(ng_reader_open_memory(&r, "m", "x", 1, &bad_date),
                     NG_ERR_ARG);
    ng_read_options bad_format = {(ng_format)42, NULL};
    assert_int_equal(ng_reader_open_memory(&r, "m", "x", 1, &bad_format),
                     NG_ERR_ARG);
    ng_reader_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_table),
        cmocka_unit_test(test_too_many_tags),
        cmocka_unit_test(test_directory_walk),
        cmocka_unit_test(test_overlong_line_on_disk),
        cmocka_unit_test(test_id_from_bad_file_name),
        cmocka_unit_test(test_article_new),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
