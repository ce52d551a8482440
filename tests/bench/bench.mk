# make bench: libtradovate side by side with libcurl + cJSON (tests/bench/).
# Included by the top-level Makefile; not part of `make test`.
#
#   make bench              every figure, written into README.md's Performance section
#   make bench BENCH_QUICK=1  fewer repetitions (a smoke run; README untouched)
#
# The benchmark links a separate build of the library (build/bench) with
# TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK=1, so that the plaintext rows can use
# http:// to 127.0.0.1; the normal build never accepts http://.

BENCH_O := build/bench
BENCH_LIB_CFLAGS := -O2 -g -DTV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK=1
BENCH_LIB := $(BENCH_O)/libtradovate.a
BENCH_BINS := $(BENCH_O)/tv_bench $(BENCH_O)/curl_bench
BENCH_PKGS := nginx-light libcurl4-openssl-dev libcjson-dev valgrind gnuplot-nox openssl \
              gcc-arm-none-eabi libnewlib-arm-none-eabi
# The footprint images: the shipped mbedTLS configuration, and without RSA.
BENCH_FW_ELF := $(FW_O)/tradovate-api-fw.elf
BENCH_FW_ECDSA_O := $(BENCH_O)/fw-ecdsa
BENCH_FW_ECDSA_ELF := $(BENCH_FW_ECDSA_O)/tradovate-api-fw.elf

# Debian packages a fresh machine lacks (as .ci/run installs the test tools).
bench-deps:
	@need=""; for p in $(BENCH_PKGS); do dpkg -s $$p >/dev/null 2>&1 || need="$$need $$p"; done; \
	if [ -n "$$need" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "installing$$need"; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$need; \
	fi

# The library again, with plaintext to loopback allowed (mbedTLS is shared);
# the sub-make builds it as its own $(LIB).
ifneq ($(O),$(BENCH_O))
$(BENCH_LIB): tv-bench-force | deps
	+@$(MAKE) --no-print-directory O=$(BENCH_O) MBEDTLS_OUT=build/mbedtls \
	  CFLAGS='$(BENCH_LIB_CFLAGS)' $(BENCH_LIB)
endif

BENCH_CFLAGS = -std=c11 $(WARNFLAGS) $(BENCH_LIB_CFLAGS) $(TV_CPPFLAGS) -Itests/bench

$(BENCH_O)/obj/%.o: tests/bench/%.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC,$<)
	$(Q)$(CC) $(BENCH_CFLAGS) -MMD -MP -c $< -o $@

-include $(BENCH_O)/obj/bench_main.d $(BENCH_O)/obj/bench_tv.d $(BENCH_O)/obj/bench_curl.d

$(BENCH_O)/tv_bench: $(BENCH_O)/obj/bench_main.o $(BENCH_O)/obj/bench_tv.o $(BENCH_LIB) \
                     $(MBEDTLS_LIBS)
	$(call tv_say,LINK,$@)
	$(Q)$(CC) -o $@ $(filter %.o %.a,$^) -lpthread

$(BENCH_O)/curl_bench: $(BENCH_O)/obj/bench_main.o $(BENCH_O)/obj/bench_curl.o
	$(call tv_say,LINK,$@)
	$(Q)$(CC) -o $@ $^ -lcurl -lcjson -lpthread

# The footprint image: the firmware build's objects with tests/bench/fw_api.c
# as the application (every operation linked).
BENCH_FW_APP_OBJS = $(FW_O)/obj/tests/bench/fw_api.o \
                    $(filter-out %/main.o,$(FW_APP_OBJS))
$(FW_O)/tradovate-api-fw.elf: $(BENCH_FW_APP_OBJS) $(FW_O)/libtradovate.a $(FW_O)/libtvport.a \
                              $(FW_MBEDTLS_LIBS) tests/firmware/mps2-an386.ld
	$(FW_CC) $(FW_ARCH) --specs=nano.specs -nostartfiles -Wl,--gc-sections \
	  -Wl,-T,tests/firmware/mps2-an386.ld -Wl,-Map,$(FW_O)/tradovate-api-fw.map -o $@ \
	  $(BENCH_FW_APP_OBJS) -Wl,--start-group $(FW_O)/libtradovate.a $(FW_O)/libtvport.a \
	  $(FW_MBEDTLS_LIBS) -lc -lgcc -Wl,--end-group

# The same image with the ECDSA-only mbedTLS configuration, in its own tree
# (the sub-make builds it with the rule above).
ifneq ($(FW_O),$(BENCH_FW_ECDSA_O))
$(BENCH_FW_ECDSA_ELF): tv-bench-force | deps
	+@$(MAKE) --no-print-directory FW_O=$(BENCH_FW_ECDSA_O) \
	  FW_CFLAGS='-Os -g -include tests/bench/mbedtls_ecdsa_only.h' $@
endif

bench-build: $(BENCH_BINS) $(BENCH_FW_ELF) $(BENCH_FW_ECDSA_ELF)

bench: bench-deps
	+@$(MAKE) --no-print-directory bench-build
	$(PYTHON) tests/bench/bench.py --out $(BENCH_O) --readme README.md \
	  --fw $(BENCH_FW_ELF) --fw-ecdsa $(BENCH_FW_ECDSA_ELF) $(if $(BENCH_QUICK),--quick)

.PHONY: bench bench-deps bench-build tv-bench-force
