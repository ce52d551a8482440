# Static analysis. Included by tests/tests.mk.
#
#   make lint    cppcheck, clang-tidy (the top-level .clang-tidy) and gcc
#                -fanalyzer over the library and the ports; fails on any
#                finding that tests/lint/suppressions.txt does not list with
#                the reason it is false. Part of make test.
#
# clang-tidy and the analyzer write one report per source file under
# build/lint/, redone when the file or a header it includes changes (run
# them in parallel with -j); tests/lint/filter.py then judges all reports.
#
# Variables a user may set: LINT_GCC=gcc (the analyzer is GCC's),
# CLANG_TIDY=clang-tidy, CPPCHECK=cppcheck, LINT_JOBS=2 (reports made at once
# when make was not given a -j of its own, as make test is not).

LINT_JOBS ?= 2
LINT_GCC ?= gcc
CLANG_TIDY ?= clang-tidy
CPPCHECK ?= cppcheck
LINT_O := build/lint
LINT_SUPP := tests/lint/suppressions.txt
LINT_FILTER = $(PYTHON) tests/lint/filter.py
LINT_SRCS := $(LIB_SRCS) $(PORT_SRCS) $(wildcard port/baremetal/*.c port/mbedtls/*.c)
LINT_CPPFLAGS = $(TV_CPPFLAGS) -Isrc -Iport/baremetal
LINT_TIDY := $(patsubst %.c,$(LINT_O)/tidy/%.txt,$(LINT_SRCS))
LINT_ANALYZER := $(patsubst %.c,$(LINT_O)/analyzer/%.txt,$(LINT_SRCS))

# cppcheck's check families:
#   error (always on), warning, style, performance, portability: ON;
#   information OFF: notes about its own configuration, not about the code;
#   unusedFunction OFF: it needs the whole program, and a library's public
#     functions have no callers inside it.
# System headers are modelled by --library=posix rather than read
# (missingIncludeSystem); mbedTLS's headers are read for their types, and
# findings inside them (third-party code) are not ours to judge. Every
# #if configuration of our files is checked.
CPPCHECK_FLAGS = --std=c11 --library=posix --enable=warning,style,performance,portability \
                 --suppress=missingIncludeSystem '--suppress=*:$(MBEDTLS_DIR)/*' \
                 --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
                 --quiet $(filter -I% -D%,$(LINT_CPPFLAGS))

lint:
	+@$(MAKE) --no-print-directory -Otarget $(if $(filter -j%,$(MAKEFLAGS)),,-j$(LINT_JOBS)) \
	  lint-cppcheck lint-tidy lint-analyzer

lint-cppcheck: | deps
	$(call tv_say,CPPCHECK,$(words $(LINT_SRCS))-files)
	$(Q)set -o pipefail; $(CPPCHECK) $(CPPCHECK_FLAGS) $(LINT_SRCS) 2>&1 | \
	  $(LINT_FILTER) cppcheck $(LINT_SUPP)

lint-tidy: $(LINT_TIDY)
	$(Q)$(LINT_FILTER) clang-tidy $(LINT_SUPP) $^

lint-analyzer: $(LINT_ANALYZER)
	$(Q)$(LINT_FILTER) analyzer $(LINT_SUPP) $^

# A report is kept when the tool ran (findings are the filter's to judge);
# a tool that fails (a file that does not compile) stops make with its output.
lint_report = $(1) > $@.tmp 2>&1 && mv $@.tmp $@ || { cat $@.tmp; rm -f $@.tmp; exit 1; }

# The analyzer compiles each file as the build does (warnings reported, not
# fatal) and records its includes for both reports.
$(LINT_O)/analyzer/%.txt: %.c tests/lint/lint.mk | deps
	@mkdir -p $(dir $@) $(dir $(LINT_O)/tidy/$*)
	$(call tv_say,ANALYZE,$<)
	$(Q)$(call lint_report,$(LINT_GCC) -std=c11 $(filter-out -Werror,$(WARNFLAGS)) -O2 \
	  -fanalyzer $(LINT_CPPFLAGS) -MMD -MP -MF $(LINT_O)/analyzer/$*.d \
	  -MT '$@ $(LINT_O)/tidy/$*.txt' -c $< -o /dev/null)

$(LINT_O)/tidy/%.txt: %.c .clang-tidy tests/lint/lint.mk | deps
	@mkdir -p $(dir $@)
	$(call tv_say,TIDY,$<)
	$(Q)$(call lint_report,$(CLANG_TIDY) --quiet $< -- -std=c11 $(LINT_CPPFLAGS))

-include $(LINT_ANALYZER:.txt=.d)

.PHONY: lint lint-cppcheck lint-tidy lint-analyzer
