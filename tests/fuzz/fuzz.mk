# Fuzzing, and the torture test's build. Included by tests/tests.mk.
#
#   make fuzz          every tests/fuzz/fuzz_*.c target (libFuzzer, clang,
#                      ASan + UBSan) for FUZZ_SECONDS each, FUZZ_JOBS at a time
#   make fuzz-smoke    the same for FUZZ_SMOKE_SECONDS each: part of make test
#
# Variables a user may set:
#   FUZZ_SECONDS=180        seconds per target for make fuzz
#   FUZZ_SMOKE_SECONDS=20   seconds per target for make fuzz-smoke
#   FUZZ_JOBS=2             targets run at once (the CI machine has 2 cores)
#   FUZZ_CC=clang           a clang with libFuzzer (Debian: libclang-rt-dev)
#   FUZZ_ARGS=              more libFuzzer options, e.g. -dict=... or -jobs=...
#
# A run fails when libFuzzer reports a crash, a leak, a timeout or UB (UBSan
# aborts: -fno-sanitize-recover=all); the input is left in
# build/fuzz/artifacts/ (replay: build/fuzz/bin/<target> <file>). Corpora grow
# in build/fuzz/corpus/<target>, seeded from build/fuzz/seeds/<target>, which
# make_seeds writes from the checked-in corpora (tests/http, tests/json and the
# simulator's recorded responses in tests/fuzz/corpus/responses). Each run's
# executions per second go to build/fuzz/report.md.

FUZZ_SECONDS ?= 180
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_JOBS ?= 2
FUZZ_CC ?= clang
FUZZ_ARGS ?=
FUZZ_O := build/fuzz

# ---- code shared by the torture test and the fuzz targets ------------------
# The scripted server behind a client and the table of client operations.
FUZZ_COMMON_SRCS := tests/fuzz/replay.c tests/fuzz/ops.c
FUZZ_COMMON_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(FUZZ_COMMON_SRCS))
$(O)/obj/tests/fuzz/%.o: TEST_CPPFLAGS += -Itests/fuzz
-include $(FUZZ_COMMON_OBJS:.o=.d)

# ---- the torture test (tests/unit/test_torture*.c) -------------------------
# A unit test like the others, linked with the shared code above as well.
# Host only: it drives the client, whose network code target images leave out.
TORTURE_SRCS := $(wildcard tests/unit/test_torture*.c)
TORTURE_BINS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(TORTURE_SRCS))
TARGET_HOST_ONLY += $(TORTURE_SRCS)
$(patsubst tests/unit/%.c,$(O)/obj/tests/unit/%.o,$(TORTURE_SRCS)): TEST_CPPFLAGS += -Itests/fuzz
$(TORTURE_BINS): $(O)/tests/%: $(O)/obj/tests/unit/%.o $(FUZZ_COMMON_OBJS) $(SUPPORT_OBJS) \
                 $(LIB) $(MBEDTLS_LIBS)
	@mkdir -p $(dir $@)
	$(call tv_say,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(FUZZ_COMMON_OBJS) $(SUPPORT_OBJS) $(LIB) \
	  $(MBEDTLS_LIBS)

# ---- fuzz targets ----------------------------------------------------------
# The library, the scripted transport and the shared code are compiled again
# with coverage for libFuzzer and both sanitizers; mbedTLS is linked as built
# for the host (the targets never reach TLS: the client runs over the
# scripted server).
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst %,$(FUZZ_O)/bin/%,$(FUZZ_TARGETS))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 $(WARNFLAGS) -O1 -g $(FUZZ_SAN) $(TV_CPPFLAGS) $(TEST_CPPFLAGS) -Itests/fuzz
FUZZ_LIB_SRCS = $(LIB_SRCS) $(PORT_SRCS) $(wildcard port/mbedtls/*.c)
FUZZ_LIB_OBJS = $(patsubst %.c,$(FUZZ_O)/obj/%.o,$(FUZZ_LIB_SRCS))
FUZZ_SHARED_OBJS := $(patsubst %.c,$(FUZZ_O)/obj/%.o,tests/support/scripted_transport.c \
                      tests/fuzz/harness.c $(FUZZ_COMMON_SRCS))

$(FUZZ_O)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC-FUZZ,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_O)/libtradovate.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	$(call tv_say,AR,$@)
	$(Q)$(AR) rcs $@ $^

$(FUZZ_O)/bin/%: $(FUZZ_O)/obj/tests/fuzz/%.o $(FUZZ_SHARED_OBJS) $(FUZZ_O)/libtradovate.a \
                 $(MBEDTLS_LIBS)
	@mkdir -p $(dir $@)
	$(call tv_say,LINK,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^

-include $(FUZZ_LIB_OBJS:.o=.d) $(FUZZ_SHARED_OBJS:.o=.d) \
         $(patsubst %,$(FUZZ_O)/obj/tests/fuzz/%.d,$(FUZZ_TARGETS))

# ---- seeds -----------------------------------------------------------------
# make_seeds is an ordinary host program (the plain library and the shared
# code); it writes every target's seeds in that target's input layout.
FUZZ_SEED_INPUTS := $(wildcard tests/http/*/* tests/json/*/* tests/fuzz/corpus/*/*)
$(O)/tests/make_seeds: $(O)/obj/tests/fuzz/make_seeds.o $(FUZZ_COMMON_OBJS) $(SUPPORT_OBJS) \
                       $(LIB) $(MBEDTLS_LIBS)
	@mkdir -p $(dir $@)
	$(call tv_say,LINK,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^
-include $(O)/obj/tests/fuzz/make_seeds.d

$(FUZZ_O)/seeds/.done: $(O)/tests/make_seeds $(FUZZ_SEED_INPUTS)
	@rm -rf $(FUZZ_O)/seeds && mkdir -p $(FUZZ_O)/seeds
	$(call tv_say,SEEDS,$(FUZZ_O)/seeds)
	$(Q)$(O)/tests/make_seeds $(FUZZ_O)/seeds
	@touch $@

# ---- running ---------------------------------------------------------------
# tests/fuzz/run.sh runs every target for $(1) seconds and writes the report.
fuzz_run = @tests/fuzz/run.sh -j $(FUZZ_JOBS) -t $(1) -o $(FUZZ_O) $(FUZZ_TARGETS) -- $(FUZZ_ARGS)

fuzz-build: $(FUZZ_BINS) $(FUZZ_O)/seeds/.done

fuzz: fuzz-build
	$(call fuzz_run,$(FUZZ_SECONDS))

fuzz-smoke: fuzz-build
	$(call fuzz_run,$(FUZZ_SMOKE_SECONDS))

.PHONY: fuzz fuzz-smoke fuzz-build
