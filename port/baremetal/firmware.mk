# make firmware: the Cortex-M4 test image and its size table.
#
# Cross-compiles our library (src/*.c and the mbedTLS glue, with whatever
# src/ holds at the time), mbedTLS, the bare-metal port and the image of
# tests/firmware/ for QEMU's mps2-an386 with arm-none-eabi-gcc at -Os, links
# them with --gc-sections against newlib-nano, and prints what the linker
# kept per component (from the link map): our library, jsmn (compiled into
# our JSON code, told apart by its function names), mbedTLS's three
# libraries, the port, the image's own code, and the C runtime.
#
#   make firmware            build/firmware/tradovate-fw.elf and the table
#   make firmware-run        run it under QEMU against the simulator
#
# Variables: FW_CC (arm-none-eabi-gcc), FW_CFLAGS (-Os -g), FW_O
# (build/firmware), MBEDTLS_DIR (an SDK's own mbedTLS 3.6 tree).

FW_O ?= build/firmware
FW_CC ?= arm-none-eabi-gcc
FW_AR ?= arm-none-eabi-ar
FW_SIZE ?= arm-none-eabi-size
FW_ARCH := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
FW_CFLAGS ?= -Os -g
# -fstack-usage and -fcallgraph-info: each object's frames and calls, which
# the stack analysis (tests/proof/stack.py) reads; they change no code.
FW_ALL_CFLAGS = $(FW_ARCH) $(FW_CFLAGS) -ffunction-sections -fdata-sections \
                -fstack-usage -fcallgraph-info=su
# Error codes without their sentences and names (tv_config.h; tv_err_name()
# gives the class): what firmware builds are expected to choose, and 8 KB
# less flash.
FW_CPPFLAGS = $(TV_CPPFLAGS) -Iport/baremetal -Itests/firmware -DTV_CONFIG_ERROR_TEXT=0 \
              -DTV_CONFIG_ERROR_NAMES=0
FW_MBEDTLS_OUT := $(FW_O)/mbedtls
FW_MBEDTLS_LIBS := $(FW_MBEDTLS_OUT)/libmbedtls.a $(FW_MBEDTLS_OUT)/libmbedx509.a \
                   $(FW_MBEDTLS_OUT)/libmbedcrypto.a
FW_CERTS := $(FW_O)/sim-certs

fw_objs = $(patsubst %.c,$(FW_O)/obj/%.o,$(1))
FW_LIB_OBJS := $(call fw_objs,$(LIB_SRCS) $(wildcard port/mbedtls/*.c))
FW_PORT_OBJS := $(call fw_objs,$(wildcard port/baremetal/*.c))
FW_APP_OBJS := $(call fw_objs,$(wildcard tests/firmware/*.c)) $(FW_O)/obj/tests/firmware/ca.o
FW_ELF := $(FW_O)/tradovate-fw.elf

# The size table, then the stack table of tests/proof/proof.mk (which adds
# its inputs to this target's prerequisites and fails over budget).
firmware: $(FW_ELF)
	@$(PYTHON) port/baremetal/fw_size.py $(FW_O)/tradovate-fw.map $(FW_ELF) $(FW_SIZE)
	@$(FW_STACK_REPORT)

$(FW_O)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC-FW,$<)
	$(Q)$(FW_CC) -std=c11 $(WARNFLAGS) $(FW_ALL_CFLAGS) $(FW_CPPFLAGS) -MMD -MP -c $< -o $@

# The image trusts the simulator's test CAs, a PEM bundle made with openssl by
# the simulator's own certificate code (firmware-run talks to the simulator).
$(FW_CERTS)/ca.pem:
	$(call tv_say,CERTS,$(FW_CERTS))
	$(Q)$(PYTHON) -c 'import sys; sys.path.insert(0, "tests/sim"); import sim_certs; \
	  sim_certs.server_files("$(FW_CERTS)")'

$(FW_O)/obj/tests/firmware/ca.o: tests/firmware/ca.S $(FW_CERTS)/ca.pem
	@mkdir -p $(dir $@)
	$(call tv_say,AS-FW,$<)
	$(Q)$(FW_CC) $(FW_ARCH) -DTV_FW_CA_FILE='"$(FW_CERTS)/ca.pem"' -c $< -o $@

$(FW_O)/libtradovate.a: $(FW_LIB_OBJS)
	@rm -f $@
	$(call tv_say,AR,$@)
	$(Q)$(FW_AR) rcs $@ $^

$(FW_O)/libtvport.a: $(FW_PORT_OBJS)
	@rm -f $@
	$(call tv_say,AR,$@)
	$(Q)$(FW_AR) rcs $@ $^

$(FW_MBEDTLS_OUT)/libmbedcrypto.a: tv-mbedtls-force | deps
	+@$(call tv_mbedtls_make,$(FW_CC),$(FW_ALL_CFLAGS),$(FW_MBEDTLS_OUT),$(FW_AR))
$(FW_MBEDTLS_OUT)/libmbedx509.a $(FW_MBEDTLS_OUT)/libmbedtls.a: $(FW_MBEDTLS_OUT)/libmbedcrypto.a ;

# No nosys.specs: a call into an unimplemented syscall (malloc's _sbrk,
# stdio's _write) is a link error here, not a silent stub.
# $(call fw_link,ELF,MAP,MORE INPUTS): the image's link (also proof.mk's).
FW_LINK_INPUTS := $(FW_APP_OBJS) $(FW_O)/libtradovate.a $(FW_O)/libtvport.a $(FW_MBEDTLS_LIBS) \
                  tests/firmware/mps2-an386.ld
fw_link = $(FW_CC) $(FW_ARCH) --specs=nano.specs -nostartfiles -Wl,--gc-sections \
	  -Wl,-T,tests/firmware/mps2-an386.ld -Wl,-Map,$(2) -o $(1) \
	  $(FW_APP_OBJS) $(3) -Wl,--start-group $(FW_O)/libtradovate.a $(FW_O)/libtvport.a \
	  $(FW_MBEDTLS_LIBS) -lc -lgcc -Wl,--end-group
$(FW_ELF): $(FW_LINK_INPUTS)
	$(call tv_say,LINK,$@)
	$(Q)$(call fw_link,$@,$(FW_O)/tradovate-fw.map)

-include $(FW_LIB_OBJS:.o=.d) $(FW_PORT_OBJS:.o=.d) $(FW_APP_OBJS:.o=.d)

# Runs the image under QEMU against the simulator, through a relay between the
# image's semihosting pipes and TCP: three calls, the last one on a resumed
# TLS session. Needs qemu-system-arm.
firmware-run: $(FW_ELF)
	$(PYTHON) tests/firmware/run.py --elf $(FW_ELF) --certs $(FW_CERTS) --dir $(FW_O)

.PHONY: firmware firmware-run
