/*
 * json_print.c -- JSON strings and word lists for the CLI's --json output.
 */
#include <string.h>

#include "json_print.h"

void json_print_stringn(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void json_print_string(FILE *out, const char *s)
{
    if (s)
        json_print_stringn(out, s, strlen(s));
    else
        fputs("null", out);
}
