/*
 * fuzz_read_native.c -- the native reader (src/read/native.c, reader.c,
 * lines.c): the input is one file read with NG_FORMAT_NATIVE. Checks are
 * those of read_common.h.
 */
#include "read_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t got = fuzz_read_all(data, size, "fuzz.txt", NG_FORMAT_NATIVE);
    check_count(got, data, size, NG_FORMAT_NATIVE);
    return 0;
}
