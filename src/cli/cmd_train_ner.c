/*
 * cmd_train_ner.c -- `newsgraph train-ner --train F --dev F -o MODEL`:
 * trains the entity tagger (ng_ner_train) and prints the dev scores of
 * the model it wrote. Progress goes to stderr.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char train_help[] =
    "usage: newsgraph train-ner --train F --dev F -o MODEL [options]\n"
    "\n"
    "Trains the entity tagger (averaged perceptron, two stages) on CoNLL\n"
    "column files with gold tags in the last column (IOB1 or IOB2, types\n"
    "PER ORG LOC MISC), stopping early on the dev file, and writes MODEL.\n"
    "The same files and seed give the same model, byte for byte.\n"
    "\n"
    "options:\n"
    "  --train F       training file (e.g. CoNLL-2003 eng.train)\n"
    "  --dev F         held-out file for early stopping (eng.testa)\n"
    "  -o, --output F  the model to write (e.g. models/ner.model)\n"
    "  --clusters F    Brown clusters, lines of bits<TAB>word<TAB>count\n"
    "  --lexicons D    gazetteer lists (models/lex)\n"
    "  --seed N        shuffling seed (default 1)\n"
    "  --epochs N      at most N epochs per stage (default 30)\n"
    "  --patience N    stop after N epochs without gain on dev (default 8)\n"
    "  --threads N     threads for the cross-validation folds (default 2)\n"
    "  -q, --quiet     no progress on stderr\n"
    "  -h, --help      this help\n"
    "\n"
    "Exit status: 0 trained, 1 a failure, 2 a usage error.\n";

static void on_progress(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "train-ner: %s\n", line);
}

static bool parse_num(const char *opt, unsigned *out)
{
    return cli_parse_uint("train-ner", opt, optarg, out);
}

int cmd_train_ner(int argc, char **argv)
{
    static const struct option opts[] = {
        {"train", required_argument, NULL, 't'},
        {"dev", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"clusters", required_argument, NULL, 'c'},
        {"lexicons", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 's'},
        {"epochs", required_argument, NULL, 'e'},
        {"patience", required_argument, NULL, 'p'},
        {"threads", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ng_ner_train_options o = {.seed = 1, .on_progress = on_progress};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        bool ok = true;
        switch (c) {
        case 't': o.train_path = optarg; break;
        case 'd': o.dev_path = optarg; break;
        case 'o': o.output_path = optarg; break;
        case 'c': o.clusters_path = optarg; break;
        case 'l': o.lexicon_dir = optarg; break;
        case 's': ok = parse_num("--seed", &o.seed); break;
        case 'e': ok = parse_num("--epochs", &o.max_epochs); break;
        case 'p': ok = parse_num("--patience", &o.patience); break;
        case 'j': ok = parse_num("--threads", &o.threads); break;
        case 'q': o.on_progress = NULL; break;
        case 'h': fputs(train_help, stdout); return EXIT_OK;
        default: return cli_usage_error("train-ner", "bad option");
        }
        if (!ok)
            return EXIT_USAGE;
    }
    if (optind != argc)
        return cli_usage_error("train-ner", "takes no arguments besides "
                                            "options");
    if (!o.train_path || !o.dev_path || !o.output_path)
        return cli_usage_error("train-ner", "give --train, --dev and -o");
    ng_ner_score dev;
    char msg[1024];
    ng_status st = ng_ner_train(&o, &dev, msg, sizeof msg);
    if (st != NG_OK) {
        cli_error("train-ner", "%s", msg);
        return EXIT_FAIL;
    }
    printf("wrote %s\n", o.output_path);
    printf("dev: precision %.2f%%, recall %.2f%%, F1 %.2f\n",
           dev.precision[NG_NER_TYPES], dev.recall[NG_NER_TYPES],
           dev.f1[NG_NER_TYPES]);
    for (int ty = 0; ty < NG_NER_TYPES; ty++)
        printf("  %-4s precision %.2f%%, recall %.2f%%, F1 %.2f\n",
               ng_ner_type_name(ty), dev.precision[ty], dev.recall[ty],
               dev.f1[ty]);
    return EXIT_OK;
}
