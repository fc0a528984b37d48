/*
 * cmd_graph.c -- `newsgraph graph`: the co-occurrence network of the
 * store's entities as GEXF 1.2 (Gephi's own format), GraphML or JSON.
 * Nodes carry the entity's name (label), type, mentions and articles;
 * undirected edges the number of articles that mention both (weight).
 *
 * Formats: GEXF 1.2draft (gexf.net/schema.html), GraphML 1.0
 * (graphml.graphdrawing.org/specification.html); both open in Gephi.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_print.h"

static const char graph_help[] =
    "usage: newsgraph graph [options]\n"
    "\n"
    "Writes the co-occurrence network of the store's entities: the most\n"
    "mentioned entities are the nodes (name, type, mentions, articles);\n"
    "two are joined by an edge weighted by the articles that mention both.\n"
    "GEXF and GraphML open in Gephi; JSON is {\"nodes\", \"edges\"}.\n"
    "\n"
    "options:\n"
    "  --db F            the store (default $NEWSGRAPH_DB or ./newsgraph.db)\n"
    "  --format F        gexf, graphml or json (default: from the -o\n"
    "                    file's extension, else gexf)\n"
    "  -o, --output F    the file to write (default standard output)\n"
    "  --since D         only articles dated D (YYYY-MM-DD) or later\n"
    "  --until D         only articles dated D or earlier\n"
    "  --type T          only entities of type PER, ORG, LOC or MISC\n"
    "  --min-weight N    only edges in N articles or more (default 1)\n"
    "  --max-nodes N     the N most mentioned entities (default 500)\n"
    "  -h, --help        this help\n";

typedef enum graph_format { G_GEXF, G_GRAPHML, G_JSON } graph_format;

/* Text for XML: & < > " ' escaped. */
static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void write_gexf(FILE *f, const ng_graph *g)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
          "  <meta><creator>newsgraph " NG_VERSION_STRING "</creator>"
          "<description>entities that occur in the same articles"
          "</description></meta>\n"
          "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n"
          "    <attributes class=\"node\">\n"
          "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
          "      <attribute id=\"mentions\" title=\"mentions\" "
          "type=\"integer\"/>\n"
          "      <attribute id=\"articles\" title=\"articles\" "
          "type=\"integer\"/>\n"
          "    </attributes>\n    <nodes>\n",
          f);
    for (size_t i = 0; i < g->nnodes; i++) {
        const ng_graph_node *n = &g->nodes[i];
        fprintf(f, "      <node id=\"%lld\" label=\"", (long long)n->id);
        xml_text(f, n->name);
        fprintf(f,
                "\"><attvalues><attvalue for=\"type\" value=\"%s\"/>"
                "<attvalue for=\"mentions\" value=\"%llu\"/>"
                "<attvalue for=\"articles\" value=\"%llu\"/></attvalues>"
                "</node>\n",
                n->type, (unsigned long long)n->mentions,
                (unsigned long long)n->articles);
    }
    fputs("    </nodes>\n    <edges>\n", f);
    for (size_t i = 0; i < g->nedges; i++) {
        const ng_graph_edge *e = &g->edges[i];
        fprintf(f,
                "      <edge id=\"%zu\" source=\"%lld\" target=\"%lld\" "
                "weight=\"%llu\"/>\n",
                i, (long long)g->nodes[e->source].id,
                (long long)g->nodes[e->target].id,
                (unsigned long long)e->weight);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

static void write_graphml(FILE *f, const ng_graph *g)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"label\" for=\"node\" attr.name=\"label\" "
          "attr.type=\"string\"/>\n"
          "  <key id=\"type\" for=\"node\" attr.name=\"type\" "
          "attr.type=\"string\"/>\n"
          "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" "
          "attr.type=\"long\"/>\n"
          "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" "
          "attr.type=\"long\"/>\n"
          "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" "
          "attr.type=\"double\"/>\n"
          "  <graph id=\"newsgraph\" edgedefault=\"undirected\">\n",
          f);
    for (size_t i = 0; i < g->nnodes; i++) {
        const ng_graph_node *n = &g->nodes[i];
        fprintf(f, "    <node id=\"n%lld\"><data key=\"label\">",
                (long long)n->id);
        xml_text(f, n->name);
        fprintf(f,
                "</data><data key=\"type\">%s</data><data "
                "key=\"mentions\">%llu</data><data key=\"articles\">%llu"
                "</data></node>\n",
                n->type, (unsigned long long)n->mentions,
                (unsigned long long)n->articles);
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const ng_graph_edge *e = &g->edges[i];
        fprintf(f,
                "    <edge source=\"n%lld\" target=\"n%lld\"><data "
                "key=\"weight\">%llu</data></edge>\n",
                (long long)g->nodes[e->source].id,
                (long long)g->nodes[e->target].id,
                (unsigned long long)e->weight);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

static void write_json(FILE *f, const ng_graph *g)
{
    fputs("{\"nodes\":[", f);
    for (size_t i = 0; i < g->nnodes; i++) {
        const ng_graph_node *n = &g->nodes[i];
        fprintf(f, "%s{\"id\":%lld,\"name\":", i ? "," : "", (long long)n->id);
        json_print_string(f, n->name);
        fprintf(f, ",\"type\":\"%s\",\"mentions\":%llu,\"articles\":%llu}",
                n->type, (unsigned long long)n->mentions,
                (unsigned long long)n->articles);
    }
    fputs("],\"edges\":[", f);
    for (size_t i = 0; i < g->nedges; i++) {
        const ng_graph_edge *e = &g->edges[i];
        fprintf(f, "%s{\"source\":%lld,\"target\":%lld,\"weight\":%llu}",
                i ? "," : "", (long long)g->nodes[e->source].id,
                (long long)g->nodes[e->target].id,
                (unsigned long long)e->weight);
    }
    fputs("]}\n", f);
}

static bool parse_format(const char *s, graph_format *out)
{
    static const struct {
        const char *name;
        graph_format f;
    } names[] = {{"gexf", G_GEXF}, {"graphml", G_GRAPHML}, {"json", G_JSON}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return true;
        }
    return false;
}

/* The format from the output file's extension, else GEXF. */
static graph_format format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    graph_format f = G_GEXF;
    if (dot)
        parse_format(dot + 1, &f);
    return f;
}

int cmd_graph(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"type", required_argument, NULL, 't'},
        {"min-weight", required_argument, NULL, 'w'},
        {"max-nodes", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL, *output = NULL;
    ng_graph_query q = {0};
    graph_format fmt = G_GEXF;
    bool fmt_given = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'f':
            if (!parse_format(optarg, &fmt))
                return cli_usage_error("graph",
                                       "--format is gexf, graphml "
                                       "or json, not '%s'",
                                       optarg);
            fmt_given = true;
            break;
        case 'o': output = optarg; break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 't': q.type = optarg; break;
        case 'w':
            if (!cli_parse_uint("graph", "--min-weight", optarg, &q.min_weight))
                return EXIT_USAGE;
            break;
        case 'n':
            if (!cli_parse_uint("graph", "--max-nodes", optarg, &q.max_nodes))
                return EXIT_USAGE;
            break;
        case 'h': fputs(graph_help, stdout); return EXIT_OK;
        default: return cli_usage_error("graph", "bad option");
        }
    }
    if (optind != argc)
        return cli_usage_error("graph", "takes no arguments");
    if (!cli_dates_ok("graph", q.since, q.until))
        return EXIT_USAGE;
    if (q.type && ng_entity_type_parse(q.type) < 0)
        return cli_usage_error("graph",
                               "--type is PER, ORG, LOC or MISC, "
                               "not '%s'",
                               q.type);
    if (!fmt_given)
        fmt = format_of(output);
    ng_store *store =
        cli_open_store("graph", cli_db_path(db), NG_STORE_READONLY);
    if (!store)
        return EXIT_FAIL;
    ng_graph *g = NULL;
    ng_status st = ng_store_graph(store, &q, &g);
    int code = EXIT_OK;
    FILE *f = stdout;
    if (st != NG_OK) {
        cli_error("graph", "%s: %s", ng_strerror(st), ng_store_message(store));
        code = EXIT_FAIL;
    } else if (output && !(f = fopen(output, "w"))) {
        cli_error("graph", "%s: cannot create the file", output);
        code = EXIT_FAIL;
    } else {
        if (fmt == G_GEXF)
            write_gexf(f, g);
        else if (fmt == G_GRAPHML)
            write_graphml(f, g);
        else
            write_json(f, g);
        if ((f != stdout && fclose(f) != 0) || fflush(stdout) != 0 ||
            ferror(stdout)) {
            cli_error("graph", "writing the graph failed");
            code = EXIT_FAIL;
        }
    }
    ng_graph_free(g);
    ng_store_close(store);
    return code;
}
