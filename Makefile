# newsgraph -- GNU Makefile.
#
#   make            build build/newsgraph
#   make run        check/install Debian packages, build, ingest samples/
#                   into ./newsgraph.db and print a report
#   make test       build and run every test (add SANITIZER=address,undefined
#                   for the sanitizer build in build/san/)
#   make test-faults     the allocation-failure walks over every N
#   make test-valgrind   valgrind over the canonical article's analysis
#   make bench      benchmarks (needs ../shared/data)
#   make fuzz       run each fuzz target for FUZZ_SECONDS (clang, libFuzzer)
#   make lint       clang-format check and the banned-function check
#   make golden-update   rewrite tests/golden/ from the current build
#   make model      retrain models/ner.model (needs ../shared/data)

CC      ?= cc
PKGS    := sqlite3 libutf8proc jansson libmicrohttpd
TPKGS   := cmocka
SANITIZER ?=

WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wno-missing-field-initializers
DEFS    := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -DNG_MODELS_DIR='"$(CURDIR)/models"'
OPT     ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TPKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TPKGS) 2>/dev/null)

ifeq ($(SANITIZER),)
  BUILD := build
  SANFLAGS :=
else
  BUILD := build/san
  SANFLAGS := -fsanitize=$(SANITIZER) -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
  # GCC's "undefined" leaves out float-to-integer overflow (clang's, which
  # the fuzzer uses, has it): a huge amount cast to an integer was found so.
  ifneq ($(findstring undefined,$(SANITIZER)),)
    SANFLAGS += -fsanitize=float-cast-overflow
  endif
  OPT := -O1 -g
endif

CFLAGS_ALL := $(WARN) $(DEFS) $(OPT) $(SANFLAGS) -Iinclude $(PKG_CFLAGS) \
              $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lpthread -lm

LIB_SRC  := $(sort $(wildcard src/util/*.c src/read/*.c src/text/*.c \
                              src/ner/*.c src/time/*.c src/amount/*.c \
                              src/analyze/*.c src/store/*.c src/serve/*.c \
                              src/quote/*.c src/resolve/*.c src/keyword/*.c))
WEB_SRC  := $(sort $(wildcard web/*.html web/*.js web/*.css web/*.svg))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*/test_*.c))
# Replays need fuzz/replay_main.c (from the fuzz branch); without it the
# targets are not built.
FUZZ_SRC := $(if $(wildcard fuzz/replay_main.c),$(sort $(wildcard fuzz/fuzz_*.c)))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/web_assets.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
# The corpus replays need fuzz/replay_main.c (added with the fuzz targets).
REPLAY_BIN := $(if $(wildcard fuzz/replay_main.c),$(patsubst fuzz/%.c,$(BUILD)/fuzz/replay_%,$(FUZZ_SRC)))
LIB      := $(BUILD)/libnewsgraph.a
BIN      := $(BUILD)/newsgraph

.PHONY: all run test test-faults test-valgrind bench fuzz lint golden-update deps clean model
all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# The web page, built into the binary (src/serve/assets.c).
$(BUILD)/gen/web_assets.c: scripts/embed-web.sh $(WEB_SRC)
	@mkdir -p $(@D)
	@echo "  WEB   $@"
	@scripts/embed-web.sh $@ $(WEB_SRC)

$(BUILD)/gen/web_assets.o: $(BUILD)/gen/web_assets.c src/serve/serve.h
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -Isrc -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR    $@"
	@ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS_ALL)

# Tests include internal headers; each is one cmocka program.
$(BUILD)/tests/%: tests/%.c $(LIB) tests/support.h
	@mkdir -p $(@D)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -Isrc -Itests -MMD -MP -o $@ $< $(LIB) \
	    $(LDLIBS_ALL) $(TEST_LIBS) $(TEST_LDFLAGS)

# The fault-injection tests (tests/fault/fault.h) see the library's
# allocations through the linker.
FAULT_WRAP := malloc calloc realloc strdup strndup fopen pthread_create \
              utf8proc_map
$(BUILD)/tests/fault/%: TEST_LDFLAGS = $(FAULT_WRAP:%=-Wl,--wrap=%)

# Fuzz targets built with a plain main that replays the committed corpus.
$(BUILD)/fuzz/replay_%: fuzz/%.c fuzz/replay_main.c $(wildcard fuzz/*.h) $(LIB)
	@mkdir -p $(@D)
	@echo "  FUZZ  $@"
	@$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< fuzz/replay_main.c $(LIB) $(LDLIBS_ALL)

deps:
	@scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@scripts/run-sample.sh $(BIN)

test: $(BIN) $(TEST_BIN) $(REPLAY_BIN)
	@NEWSGRAPH=$(BIN) BUILD=$(BUILD) scripts/run-tests.sh $(TEST_BIN) -- \
	    $(REPLAY_BIN)

# The fault-injection walks: every N of reading, loading, analyzing and
# ingesting (make test takes every 101st N of the ingest), 300 N per store
# question (make test 60). Worth running with SANITIZER=address,undefined,
# where LeakSanitizer checks every failure path for leaks.
test-faults: $(BUILD)/tests/fault/test_alloc $(BUILD)/tests/fault/test_alloc_queries
	@FAULT_STRIDE=1 $(BUILD)/tests/fault/test_alloc
	@FAULT_STRIDE=1 $(BUILD)/tests/fault/test_alloc_queries

# valgrind's memcheck over the canonical article's analysis, ingest and a
# search (the plain build: valgrind and the sanitizers do not mix).
test-valgrind: build/newsgraph
	@scripts/valgrind.sh build/newsgraph

bench: $(BIN)
	@$(MAKE) --no-print-directory -C bench BUILD=../$(BUILD)
	@bench/run.sh $(BIN)

FUZZ_SECONDS ?= 60
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

lint:
	@scripts/lint.sh

model: $(BIN)
	@scripts/train-model.sh $(BIN)

golden-update: $(BIN)
	@scripts/golden.sh update $(BIN)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
