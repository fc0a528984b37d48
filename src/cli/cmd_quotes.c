/*
 * cmd_quotes.c -- `newsgraph quotes [--speaker NAME] [WORDS...]`: quotes
 * and reported speech in the store, newest articles first, with who said
 * them. Human output by default, --json for machines.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

enum { PREVIEW_BYTES = 300 };

static const char quotes_help[] =
    "usage: newsgraph quotes [options] [WORDS...]\n"
    "\n"
    "Lists quotes (direct, blockquote) and reported speech in the store,\n"
    "newest articles first, with their speaker when the article says who\n"
    "it is. WORDS: words every listed quote contains (case-insensitive).\n"
    "\n"
    "options:\n"
    "  --db F          the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --speaker NAME  only quotes of this entity (its name, an alias it\n"
    "                  goes by, or its last word: Ryder finds Patrick Ryder)\n"
    "  --entity NAME   only quotes of the one entity that `newsgraph entity\n"
    "                  NAME` shows (its name or an alias, no last words)\n"
    "  --type T        only speakers of type PER, ORG, LOC or MISC\n"
    "  --kind K        only direct, blockquote or reported\n"
    "  --since D       only articles dated D (YYYY-MM-DD) or later\n"
    "  --until D       only articles dated D or earlier\n"
    "  --limit N       how many (default 20)\n"
    "  --offset N      skip the first N (the next page)\n"
    "  --json          one JSON object\n"
    "  -h, --help      this help\n";

static void print_json(const ng_quote_list *l)
{
    printf("{\"quotes\":[");
    for (size_t i = 0; i < l->count; i++) {
        const ng_quote_hit *h = &l->items[i];
        printf(i ? ",{\"article\":" : "{\"article\":");
        json_print_string(stdout, h->article);
        printf(",\"date\":");
        json_print_string(stdout, h->date);
        printf(",\"kind\":");
        json_print_string(stdout, h->kind);
        printf(",\"start\":%u,\"end\":%u,\"text\":", h->span.start,
               h->span.end);
        json_print_string(stdout, h->text);
        printf(",\"speaker\":");
        json_print_string(stdout, h->speaker);
        printf(",\"speaker_type\":");
        json_print_string(stdout, h->speaker_type);
        printf(",\"source\":");
        json_print_string(stdout, h->source);
        printf(",\"verb\":");
        json_print_string(stdout, h->verb);
        putchar('}');
    }
    printf("],\"total\":%llu}\n", (unsigned long long)l->total);
}

/* The length of s cut to at most max bytes on a character boundary. */
static size_t cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static void print_human(const ng_quote_list *l, unsigned offset)
{
    if (l->count == 0)
        printf("no quotes\n");
    for (size_t i = 0; i < l->count; i++) {
        const ng_quote_hit *h = &l->items[i];
        printf("%s  %s\n", h->date ? h->date : "(undated) ", h->article);
        /* An unresolved speaker shows its words in parentheses. */
        if (h->speaker)
            printf("  %s", h->speaker);
        else
            printf("  (%s)", h->source ? h->source : "unknown");
        printf(" [%s%s%s]: ", h->kind, h->verb ? ", " : "",
               h->verb ? h->verb : "");
        size_t n = cut(h->text, PREVIEW_BYTES);
        for (size_t k = 0; k < n; k++)
            putchar(h->text[k] == '\n' ? ' ' : h->text[k]);
        printf("%s\n", n < strlen(h->text) ? "…" : "");
    }
    if (l->count && offset + l->count < l->total)
        printf("(%u-%llu of %llu; --offset %llu for more)\n", offset + 1,
               (unsigned long long)(offset + l->count),
               (unsigned long long)l->total,
               (unsigned long long)(offset + l->count));
}

int cmd_quotes(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"speaker", required_argument, NULL, 'p'},
        {"kind", required_argument, NULL, 'k'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"limit", required_argument, NULL, 'l'},
        {"offset", required_argument, NULL, 'o'},
        {"entity", required_argument, NULL, 'e'},
        {"type", required_argument, NULL, 'T'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    ng_quote_query q = {0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'p': q.speaker = optarg; break;
        case 'k': q.kind = optarg; break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 'l':
            if (!cli_parse_uint("quotes", "--limit", optarg, &q.limit))
                return EXIT_USAGE;
            break;
        case 'o':
            if (!cli_parse_uint("quotes", "--offset", optarg, &q.offset))
                return EXIT_USAGE;
            break;
        case 'e': q.entity = optarg; break;
        case 'T': q.speaker_type = optarg; break;
        case 'j': json = true; break;
        case 'h': fputs(quotes_help, stdout); return EXIT_OK;
        default: return cli_usage_error("quotes", "bad option");
        }
    }
    if (!cli_dates_ok("quotes", q.since, q.until))
        return EXIT_USAGE;
    if (q.speaker_type && ng_entity_type_parse(q.speaker_type) < 0)
        return cli_usage_error("quotes",
                               "--type is PER, ORG, LOC or MISC, not '%s'",
                               q.speaker_type);
    if (q.kind && strcmp(q.kind, "direct") != 0 &&
        strcmp(q.kind, "blockquote") != 0 && strcmp(q.kind, "reported") != 0)
        return cli_usage_error("quotes",
                               "--kind is direct, blockquote or "
                               "reported, not '%s'",
                               q.kind);
    char *words = NULL;
    if (optind < argc &&
        !(words = cli_join_words(argc - optind, argv + optind)))
        return EXIT_FAIL;
    q.words = words;
    ng_store *store =
        cli_open_store("quotes", cli_db_path(db), NG_STORE_READONLY);
    int code = EXIT_FAIL;
    if (store) {
        ng_quote_list *l = NULL;
        ng_status st = ng_store_quotes(store, &q, &l);
        if (st == NG_OK) {
            if (json)
                print_json(l);
            else
                print_human(l, q.offset);
            code = EXIT_OK;
        } else {
            cli_error("quotes", "%s: %s", ng_strerror(st),
                      ng_store_message(store));
        }
        ng_quote_list_free(l);
        ng_store_close(store);
    }
    free(words);
    return code;
}
