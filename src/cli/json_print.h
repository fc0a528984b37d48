/*
 * json_print.h -- small JSON printing helpers for the CLI's --json output.
 */
#ifndef NG_CLI_JSON_PRINT_H
#define NG_CLI_JSON_PRINT_H

#include <stddef.h>
#include <stdio.h>

/* Prints s[0..n) as a JSON string. */
void json_print_stringn(FILE *out, const char *s, size_t n);
/* Prints s as a JSON string, or null when s is NULL. */
void json_print_string(FILE *out, const char *s);

#endif
