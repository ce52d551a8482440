# libtradovate — an allocation-free C client for the Tradovate REST API.
#
#   make            build build/libtradovate.a (and mbedTLS, jsmn first time)
#   make test       every test, plain and under ASan+UBSan, plus the simulator's
#   make demo       build, start the simulator, run a scripted CLI session
#   make deps       fetch mbedTLS 3.6 (Debian trixie source) and jsmn 1.1.0
#
# Variables a user may set:
#   MBEDTLS_DIR=dir   an mbedTLS 3.6 source tree of your own (include/, library/)
#   JSMN_DIR=dir      a directory holding jsmn.h
#   CC, CFLAGS        compiler and optimisation/debug flags
#   O=dir             output directory (default build)
#   SAN=1             build with AddressSanitizer + UndefinedBehaviorSanitizer
#   PREFIX, DESTDIR   for make install

.DEFAULT_GOAL := all
SHELL := /bin/bash

O ?= build
SAN ?= 0
V ?= 0
# Quiet by default: one line per file (V=1 shows the full commands).
ifeq ($(V),1)
Q :=
tv_say = @:
else
Q := @
tv_say = @printf '  %-7s %s\n' $(1) $(2)
endif

# ---------------------------------------------------------------- deps ----
# Third-party source is fetched into build/deps, never committed. Debian's
# trixie suite carries mbedTLS 3.6 LTS; bookworm's binary package is 2.28,
# which is out of support, so we build from the source package with our own
# configuration. apt runs with a project-local configuration (its own
# sources.list, lists and cache under build/apt) and never touches the
# system's apt sources.
DEPS := build/deps
APT_DIR := build/apt
DEBIAN_MIRROR ?= http://deb.debian.org/debian
DEBIAN_KEYRING ?= /usr/share/keyrings/debian-archive-keyring.gpg
MBEDTLS_DIR ?= $(DEPS)/mbedtls
JSMN_DIR ?= $(DEPS)/jsmn
APT_OPTS = -o Dir::Etc::sourcelist=$(CURDIR)/$(APT_DIR)/sources.list \
           -o Dir::Etc::sourceparts=- \
           -o Dir::State::Lists=$(CURDIR)/$(APT_DIR)/lists \
           -o Dir::State::status=/dev/null \
           -o Dir::Cache=$(CURDIR)/$(APT_DIR)/cache \
           -o APT::Sandbox::User=$(shell id -un) \
           -o Debug::NoLocking=1 -q

deps: $(MBEDTLS_DIR)/include/mbedtls/build_info.h $(JSMN_DIR)/jsmn.h

$(APT_DIR)/lists/.updated:
	@mkdir -p $(APT_DIR)/lists/partial $(APT_DIR)/cache/archives/partial
	@printf 'deb [signed-by=%s] %s trixie main\ndeb-src [signed-by=%s] %s trixie main\n' \
	  $(DEBIAN_KEYRING) $(DEBIAN_MIRROR) $(DEBIAN_KEYRING) $(DEBIAN_MIRROR) > $(APT_DIR)/sources.list
	apt-get $(APT_OPTS) update
	@touch $@

$(DEPS)/mbedtls/include/mbedtls/build_info.h: | $(APT_DIR)/lists/.updated
	@rm -rf $(DEPS)/mbedtls $(DEPS)/mbedtls-src && mkdir -p $(DEPS)/mbedtls-src
	cd $(DEPS)/mbedtls-src && apt-get $(APT_OPTS) source --download-only mbedtls
	@tarball=$$(ls $(DEPS)/mbedtls-src/mbedtls_3.6.*.orig.tar.* | head -n 1); \
	  test -n "$$tarball" || { echo "trixie no longer carries mbedTLS 3.6" >&2; exit 1; }; \
	  mkdir -p $(DEPS)/mbedtls && tar -xf "$$tarball" -C $(DEPS)/mbedtls --strip-components=1
	@grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.' $@ || { echo "$@: not mbedTLS 3.6" >&2; exit 1; }
	@echo "mbedTLS $$(sed -n 's/.*MBEDTLS_VERSION_STRING *"\(.*\)".*/\1/p' $@) in $(DEPS)/mbedtls"

$(DEPS)/jsmn/jsmn.h: | $(APT_DIR)/lists/.updated
	@rm -rf $(DEPS)/jsmn-deb && mkdir -p $(DEPS)/jsmn-deb $(DEPS)/jsmn
	cd $(DEPS)/jsmn-deb && apt-get $(APT_OPTS) download libjsmn-dev
	dpkg-deb -f $(DEPS)/jsmn-deb/libjsmn-dev_*.deb Version | grep -q '^1\.1\.0' \
	  || { echo "libjsmn-dev is not 1.1.0" >&2; exit 1; }
	dpkg-deb -x $(DEPS)/jsmn-deb/libjsmn-dev_*.deb $(DEPS)/jsmn-deb/root
	cp $(DEPS)/jsmn-deb/root/usr/include/jsmn.h $@

# --------------------------------------------------------------- flags ----
WARNFLAGS := -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
CFLAGS ?= -O2 -g
TV_CPPFLAGS = -Iinclude -I$(JSMN_DIR) -I$(MBEDTLS_DIR)/include -Iport/mbedtls \
              -DMBEDTLS_CONFIG_FILE='"tv_mbedtls_config.h"'
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
TV_CFLAGS = -std=c11 $(WARNFLAGS) $(CFLAGS) $(SANFLAGS) $(TV_CPPFLAGS)

# ------------------------------------------------------------- library ----
# src/*.c is the library; src/cli/ is the command-line program. The POSIX
# port is part of the host archive; firmware builds link their own port.
LIB_SRCS := $(wildcard src/*.c)
PORT_SRCS := $(wildcard port/posix/*.c)
LIB_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(LIB_SRCS) $(PORT_SRCS))
LIB := $(O)/libtradovate.a

# The command-line program (src/cli/), a client of the public API plus the
# library's private table headers for schema-driven options and output.
CLI_SRCS := $(wildcard src/cli/*.c)
CLI_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(CLI_SRCS))
CLI := $(O)/tradovate
$(CLI_OBJS): TV_CPPFLAGS += -Isrc

all: $(LIB) $(CLI)

$(O)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC,$<)
	$(Q)$(CC) $(TV_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(call tv_say,AR,$@)
	$(Q)$(AR) rcs $@ $^

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)

# The README's first command: build, start the simulator, run a scripted
# trading session with the CLI, stop the simulator.
demo: all
	bash tests/demo.sh

# mbedTLS built from $(MBEDTLS_DIR) with port/mbedtls/tv_mbedtls_config.h;
# defines MBEDTLS_LIBS for the host.
-include port/mbedtls/mbedtls.mk

# make firmware: the Cortex-M4 image with the bare-metal port and its size table.
-include port/baremetal/firmware.mk

$(CLI): $(CLI_OBJS) $(LIB) $(MBEDTLS_LIBS)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(CLI_OBJS) $(LIB) $(MBEDTLS_LIBS)

# ------------------------------------------------------------- install ----
# make install PREFIX=/usr/local DESTDIR=: the library, its headers, the mbedTLS
# it was built with (headers and archives under tradovate/, so a system mbedTLS
# is never shadowed), the CLI, and a pkg-config file:
#   cc app.c $(pkg-config --cflags --libs tradovate)
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
PC_FILE := $(O)/tradovate.pc

$(PC_FILE): Makefile include/tradovate/tv_config.h
	@mkdir -p $(dir $@)
	@v=$$(sed -n 's/^#define TV_VERSION_STRING "\(.*\)"/\1/p' include/tradovate/tv_config.h); \
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	  'Name: tradovate' \
	  'Description: allocation-free C client for the Tradovate REST API (mbedTLS 3.6 inside)' \
	  "Version: $$v" \
	  'Cflags: -I$${includedir} -I$${includedir}/tradovate/mbedtls' \
	  'Libs: -L$${libdir} -ltradovate -L$${libdir}/tradovate -lmbedtls -lmbedx509 -lmbedcrypto' > $@

install: $(LIB) $(CLI) $(MBEDTLS_LIBS) $(PC_FILE)
	install -d $(DESTDIR)$(LIBDIR)/tradovate $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(INCLUDEDIR)/tradovate/mbedtls $(DESTDIR)$(BINDIR)
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	install -m 644 $(MBEDTLS_LIBS) $(DESTDIR)$(LIBDIR)/tradovate/
	install -m 644 include/tradovate/*.h $(DESTDIR)$(INCLUDEDIR)/tradovate/
	install -m 644 port/mbedtls/tv_*config*.h $(DESTDIR)$(INCLUDEDIR)/tradovate/mbedtls/
	cp -R $(MBEDTLS_DIR)/include/mbedtls $(MBEDTLS_DIR)/include/psa \
	  $(DESTDIR)$(INCLUDEDIR)/tradovate/mbedtls/
	@# mbedTLS reads mbedtls/mbedtls_config.h unless told otherwise: make that ours,
	@# so users need no -DMBEDTLS_CONFIG_FILE (which pkg-config cannot quote).
	printf '%s\n' '/* libtradovate: the configuration this mbedTLS was built with. */' \
	  '#include <tv_mbedtls_config.h>' \
	  > $(DESTDIR)$(INCLUDEDIR)/tradovate/mbedtls/mbedtls/mbedtls_config.h
	install -m 644 $(PC_FILE) $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/

# --------------------------------------------------------------- tests ----
-include tests/tests.mk

clean:
	rm -rf $(O)/obj $(O)/tests $(O)/san $(LIB)

distclean:
	rm -rf build

.PHONY: all deps demo install clean distclean
# Keep objects of test programs (make would delete them as intermediates).
.SECONDARY:
