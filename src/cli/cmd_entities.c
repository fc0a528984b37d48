/* placeholder, replaced below */
#include "cli.h"
int cmd_entities(int argc, char **argv) { (void)argc; (void)argv; return 0; }
int cmd_entity(int argc, char **argv) { (void)argc; (void)argv; return 0; }
