# Tests. Included by the top-level Makefile.
#
# Every tests/unit/test_*.c is one program, linked with tests/support/*.c, the
# library and mbedTLS; it exits non-zero when a check fails. Tests run from
# the repository root (they find fixtures under tests/). `make test` runs the
# whole set twice, plainly and under AddressSanitizer + UBSan, then the
# simulator's own tests.

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
SUPPORT_SRCS := $(wildcard tests/support/*.c)
SUPPORT_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(SUPPORT_SRCS))
UNIT_BINS := $(patsubst tests/unit/%.c,$(O)/tests/%,$(UNIT_SRCS))
TEST_CPPFLAGS := -Itests/support -Isrc
PYTHON ?= python3

$(O)/obj/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC,$<)
	$(Q)$(CC) $(TV_CFLAGS) $(TEST_CPPFLAGS) -MMD -MP -c $< -o $@

-include $(SUPPORT_OBJS:.o=.d) $(patsubst tests/unit/%.c,$(O)/obj/tests/unit/%.d,$(UNIT_SRCS))

$(O)/tests/%: $(O)/obj/tests/unit/%.o $(SUPPORT_OBJS) $(LIB) $(MBEDTLS_LIBS)
	@mkdir -p $(dir $@)
	$(call tv_say,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $< $(SUPPORT_OBJS) $(LIB) $(MBEDTLS_LIBS)

# Runs every unit test of this build variant; prints each result, fails at the end.
test-unit: $(UNIT_BINS)
	@failed=""; for t in $(UNIT_BINS); do \
	  printf '%-40s ' "$$t"; \
	  if out=$$(TV_TEST_BUILD=$(O) $$t 2>&1); then echo "$${out##*$$'\n'}"; \
	  else echo "FAILED"; echo "$$out" | tail -n 40; failed="$$failed $$t"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi

# Python tests: the C declarations against the API reference, and the simulator.
test-py: $(CLI)
	$(PYTHON) -m unittest discover -s tests/api -p 'test_*.py'

test-sim:
	@if [ -d tests/sim ]; then $(PYTHON) -m unittest discover -s tests/sim -p 'test_*.py' -t . ; fi

# clang must accept the same strict warnings as gcc: compile everything with it.
test-clang-build: deps
	+@$(MAKE) --no-print-directory CC=clang O=build/clang $(LIB) $(patsubst $(O)/%,build/clang/%,$(UNIT_BINS))

test: deps
	+@$(MAKE) --no-print-directory test-unit
	+@$(MAKE) --no-print-directory O=build/san SAN=1 test-unit
	+@$(MAKE) --no-print-directory test-clang-build
	+@$(MAKE) --no-print-directory lint
	+@$(MAKE) --no-print-directory test-py
	+@$(MAKE) --no-print-directory test-sim
	+@$(MAKE) --no-print-directory test-proof
	+@$(MAKE) --no-print-directory fuzz-smoke
	+@$(MAKE) --no-print-directory test-target
	+@$(MAKE) --no-print-directory firmware-run

.PHONY: test test-unit test-py test-sim test-clang-build

-include tests/fuzz/fuzz.mk
-include tests/lint/lint.mk
-include tests/target/target.mk
-include tests/proof/proof.mk
-include tests/bench/bench.mk
