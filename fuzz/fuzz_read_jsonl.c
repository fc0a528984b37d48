/*
 * fuzz_read_jsonl.c -- the JSON Lines reader (src/read/jsonl.c, reader.c,
 * lines.c): the input is one file read with NG_FORMAT_JSONL. Checks are
 * those of read_common.h, with one result per non-blank line.
 */
#include "read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t got = fuzz_read_all(data, size, "fuzz.jsonl", NG_FORMAT_JSONL);
    check_count(got, data, size, NG_FORMAT_JSONL);
    return 0;
}
