# mbedTLS, built from $(MBEDTLS_DIR) with port/mbedtls/tv_mbedtls_config.h.
#
# Included by the top Makefile, this file
#  - defines MBEDTLS_LIBS (the three archives tests and programs link after
#    $(LIB)) and how to bring them up to date;
#  - adds our mbedTLS platform glue (port/mbedtls/*.c) to $(LIB): it is our
#    code, compiled with our strict flags.
# The archives themselves are built by a second make over this same file
# (TV_MBEDTLS_BUILD=1), so that mbedTLS's source list is read after `make
# deps` has fetched it; port/baremetal/firmware.mk uses the same entry point
# with the cross compiler.
#
# Third-party code gets the compiler's default warnings, not ours, and is never
# instrumented: the sanitizer build (SAN=1) links the plain archives from
# build/mbedtls. Its memory lives in our arena, where ASan cannot see block
# boundaries anyway, and it is tested upstream; rebuilding it instrumented
# would double the CI time spent on code we do not change.

ifndef TV_MBEDTLS_BUILD

MBEDTLS_OUT ?= $(if $(filter 1,$(SAN)),build,$(O))/mbedtls
MBEDTLS_LIBS := $(MBEDTLS_OUT)/libmbedtls.a $(MBEDTLS_OUT)/libmbedx509.a \
                $(MBEDTLS_OUT)/libmbedcrypto.a

# How another makefile builds the archives: $(call tv_mbedtls_make,CC,CFLAGS,OUT,AR).
tv_mbedtls_make = $(MAKE) --no-print-directory -f port/mbedtls/mbedtls.mk TV_MBEDTLS_BUILD=1 \
                  MBEDTLS_DIR='$(MBEDTLS_DIR)' CC='$(1)' AR='$(4)' MBEDTLS_CFLAGS='$(2)' \
                  MBEDTLS_OUT='$(3)' tv-mbedtls-libs

# The sub-make always runs (it is quick when nothing changed); the archives
# only change, and tests only relink, when an object did.
$(MBEDTLS_OUT)/libmbedcrypto.a: tv-mbedtls-force | deps
	+@$(call tv_mbedtls_make,$(CC),$(CFLAGS),$(MBEDTLS_OUT),$(AR))
$(MBEDTLS_OUT)/libmbedx509.a $(MBEDTLS_OUT)/libmbedtls.a: $(MBEDTLS_OUT)/libmbedcrypto.a ;

mbedtls: $(MBEDTLS_LIBS)

MBEDTLS_GLUE_OBJS := $(patsubst %.c,$(O)/obj/%.o,$(wildcard port/mbedtls/*.c))
$(LIB): $(MBEDTLS_GLUE_OBJS)
-include $(MBEDTLS_GLUE_OBJS:.o=.d)

# make tls-handshake-bench: the client instruction counts of
# tests/tls/HANDSHAKE.md (callgrind, against a local server). Needs valgrind.
$(O)/tls/handshake_bench: tests/tls/handshake_bench.c $(LIB) $(MBEDTLS_LIBS)
	@mkdir -p $(dir $@)
	$(call tv_say,LINK,$@)
	$(Q)$(CC) $(TV_CFLAGS) -o $@ $< $(LIB) $(MBEDTLS_LIBS)

tls-handshake-bench: $(O)/tls/handshake_bench
	sh tests/tls/handshake-bench.sh $(O) $(BENCH_GROUPS)

.PHONY: mbedtls tv-mbedtls-force tls-handshake-bench

else # ---------------------------------------- the archives (sub-make) ----

MBEDTLS_LIBDIR := $(MBEDTLS_DIR)/library
MBEDTLS_P256M := $(MBEDTLS_DIR)/3rdparty/p256-m
# The split follows mbedTLS's own library/Makefile.
MBEDTLS_TLS_SRCS := $(wildcard $(MBEDTLS_LIBDIR)/ssl*.c $(MBEDTLS_LIBDIR)/mps_*.c \
                    $(MBEDTLS_LIBDIR)/debug.c $(MBEDTLS_LIBDIR)/net_sockets.c)
MBEDTLS_X509_SRCS := $(wildcard $(MBEDTLS_LIBDIR)/x509*.c $(MBEDTLS_LIBDIR)/pkcs7.c)
MBEDTLS_CRYPTO_SRCS := $(filter-out $(MBEDTLS_TLS_SRCS) $(MBEDTLS_X509_SRCS), \
                         $(wildcard $(MBEDTLS_LIBDIR)/*.c)) \
                       $(wildcard $(MBEDTLS_P256M)/*.c $(MBEDTLS_P256M)/p256-m/*.c)
ifeq ($(strip $(MBEDTLS_CRYPTO_SRCS)),)
$(error no mbedTLS sources in $(MBEDTLS_DIR)/library: run `make deps` or set MBEDTLS_DIR)
endif

tv_mbedtls_objs = $(patsubst $(MBEDTLS_DIR)/%.c,$(MBEDTLS_OUT)/obj/%.o,$(1))
MBEDTLS_ALL_OBJS := $(call tv_mbedtls_objs,$(MBEDTLS_TLS_SRCS) $(MBEDTLS_X509_SRCS) \
                      $(MBEDTLS_CRYPTO_SRCS))
MBEDTLS_BUILD_CFLAGS := -std=c99 $(MBEDTLS_CFLAGS) -I$(MBEDTLS_DIR)/include -I$(MBEDTLS_LIBDIR) \
                        -I$(MBEDTLS_P256M) -Iport/mbedtls \
                        -DMBEDTLS_CONFIG_FILE='"tv_mbedtls_config.h"'

tv-mbedtls-libs: $(MBEDTLS_OUT)/libmbedtls.a $(MBEDTLS_OUT)/libmbedx509.a \
                 $(MBEDTLS_OUT)/libmbedcrypto.a
	@:

$(MBEDTLS_OUT)/libmbedtls.a: $(call tv_mbedtls_objs,$(MBEDTLS_TLS_SRCS))
$(MBEDTLS_OUT)/libmbedx509.a: $(call tv_mbedtls_objs,$(MBEDTLS_X509_SRCS))
$(MBEDTLS_OUT)/libmbedcrypto.a: $(call tv_mbedtls_objs,$(MBEDTLS_CRYPTO_SRCS))
$(MBEDTLS_OUT)/%.a:
	@rm -f $@
	@echo "  AR      $@"
	@$(AR) rcs $@ $^

$(MBEDTLS_OUT)/obj/%.o: $(MBEDTLS_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(MBEDTLS_BUILD_CFLAGS) -MMD -MP -c $< -o $@

-include $(MBEDTLS_ALL_OBJS:.o=.d)

.PHONY: tv-mbedtls-libs
.SECONDARY:

endif
