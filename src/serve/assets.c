/*
 * assets.c -- the web page's files, built into the binary: the table is
 * generated from web/ at build time by scripts/embed-web.sh (Makefile rule
 * for $(BUILD)/gen/web_assets.c). A URL can reach exactly the files of
 * that table by their exact path; nothing from a URL ever reaches the
 * file system.
 */
#include <string.h>

#include "serve.h"

extern const srv_asset srv_assets[];
extern const size_t srv_nassets;

const srv_asset *srv_asset_find(const char *path)
{
    for (size_t i = 0; i < srv_nassets; i++)
        if (strcmp(srv_assets[i].path, path) == 0)
            return &srv_assets[i];
    return NULL;
}
