/*
 * status.c -- the library version and one sentence per status code.
 */
#include "newsgraph.h"

const char *ng_version(void)
{
    return NG_VERSION_STRING;
}

const char *ng_strerror(ng_status status)
{
    switch (status) {
    case NG_OK: return "success";
    case NG_ERR_NOMEM: return "out of memory";
    case NG_ERR_IO: return "input/output error";
    case NG_ERR_INPUT: return "malformed input, skipped";
    case NG_ERR_TOO_LARGE: return "input exceeds a size limit, skipped";
    case NG_ERR_ARG: return "invalid argument";
    case NG_ERR_QUERY: return "invalid search query";
    case NG_ERR_STORE: return "the store failed";
    case NG_ERR_SCHEMA: return "the store was written by a newer newsgraph";
    case NG_ERR_NOT_FOUND: return "not found";
    case NG_DONE: return "no more items";
    case NG_ERR_INTERRUPTED: return "interrupted";
    case NG_ERR_MODEL:
        return "the model file is missing, damaged or not a newsgraph model";
    }
    return "unknown status";
}
