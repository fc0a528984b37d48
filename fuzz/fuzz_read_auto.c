/*
 * fuzz_read_auto.c -- format recognition (src/read/reader.c) with
 * NG_FORMAT_AUTO. The first byte chooses the name: even for "fuzz.txt"
 * (native or plain text, never JSON Lines), odd for "fuzz.jsonl" (JSON
 * Lines by name); the rest is the file. Checks are those of
 * read_common.h.
 */
#include "read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool jsonl = data[0] & 1;
    const char *name = jsonl ? "fuzz.jsonl" : "fuzz.txt";
    size_t got = fuzz_read_all(data + 1, size - 1, name, NG_FORMAT_AUTO);
    check_count(got, data + 1, size - 1,
                jsonl ? NG_FORMAT_JSONL : NG_FORMAT_NATIVE);
    return 0;
}
