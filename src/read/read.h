/*
 * read.h -- internals of the readers: a line reader with a length cap over
 * a file descriptor or memory, the body builder shared by the native and
 * plain-text formats, header and JSON Lines parsers.
 *
 * Prefixes: lines_, body_, native_, jsonl_.
 */
#ifndef NG_READ_H
#define NG_READ_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/util.h"
#include "newsgraph.h"

/* ---- lines: one line at a time, never more than a cap in memory ---- */

typedef struct line_reader {
    int fd;          /* -1 for memory */
    const char *mem; /* memory input (not owned) */
    size_t mem_len;
    char *chunk; /* read buffer for fd input */
    size_t chunk_len, chunk_pos;
    buf line;        /* the current line when it spans chunks */
    uint64_t lineno; /* number of the line last returned, from 1 */
    uint64_t bytes;  /* bytes consumed */
    bool eof;
    int read_errno; /* set when read() failed */
} line_reader;

typedef enum lines_status {
    LINES_OK,       /* a line */
    LINES_EOF,      /* no more lines */
    LINES_OVERLONG, /* the line was longer than NG_MAX_LINE_BYTES; skipped */
    LINES_ERROR     /* read failed (read_errno) or out of memory */
} lines_status;

/* Starts reading `fd` (not closed by the reader) or `mem` when fd < 0. */
bool lines_init(line_reader *lr, int fd, const char *mem, size_t mem_len);
/* The next line without its "\n" or "\r\n". *line stays valid until the
 * next call. */
lines_status lines_next(line_reader *lr, const char **line, size_t *len);
void lines_free(line_reader *lr);

/* ---- body: paragraph text from lines ------------------------------- */

typedef struct body_builder {
    buf text;
    bool pending_break; /* a blank line was seen since the last text */
    bool has_newline;   /* a single line break is pending */
} body_builder;

void body_init(body_builder *b);
/* Adds one line; blank lines separate paragraphs. False when the text
 * would exceed NG_MAX_ARTICLE_BYTES or memory ran out (b->text.failed). */
bool body_add_line(body_builder *b, const char *line, size_t len);
void body_free(body_builder *b);

/* ---- line checks ----------------------------------------------------- */

/* Writes into `msg` why the line is not text (a NUL byte or invalid UTF-8,
 * with the column) and returns false; true when it is fine. */
bool line_is_text(const char *line, size_t len, buf *msg);

/* ---- native header ------------------------------------------------- */

/* True when the line looks like a native header: spaces, "date", spaces,
 * a digit. Whether it is a valid one is native_parse_header's job. */
bool native_is_header(const char *line, size_t len);

/* Parses "date YYYY-MM-DD #tag ..." into the article's date and tags.
 * On failure writes the reason into `msg`. */
ng_status native_parse_header(const char *line, size_t len, ng_article *a,
                              buf *msg);

/* ---- JSON Lines ------------------------------------------------------- */

/* Parses one JSON object into a new article; `origin` is "path:line" and
 * the id when the object has none. */
ng_status jsonl_parse(const char *line, size_t len, const char *origin,
                      ng_article **out, buf *msg);

/* ---- articles --------------------------------------------------------- */

/* A new article with every field NULL, or NULL when out of memory. */
ng_article *article_alloc(void);

#endif /* NG_READ_H */
