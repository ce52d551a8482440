# The unit tests on the target CPU. Included by tests/tests.mk.
#
#   make test-target   build every unit test that needs no network for a
#                      Cortex-M4F and run it under QEMU (mps2-an386) with
#                      semihosting; fails on any failure, fault or timeout
#
# Needs gcc-arm-none-eabi, libnewlib-arm-none-eabi and qemu-system-arm
# (.ci/run installs them). Images and objects go to $(O)/target.
#
# Variables a user may set:
#   TARGET_OPT=-Os       optimisation: -Os, as firmware is built (the host
#                        tests already cover -O2)
#   TARGET_STACK=16384   the tests' thread stack in bytes, a task stack's size
#   TARGET_TIMEOUT=120   seconds one image may run under QEMU (the slowest
#                        test takes about a minute here)
#
# Every tests/unit/test_*.c runs here unless it is listed below as host-only,
# with the reason. A new test that needs no sockets is picked up by itself.
# Tests may read their fixtures with fopen() (semihosting), list directories
# under tests/ with opendir() and guard memory with mmap()/mprotect(): the
# stand-ins in tests/target/shim/ provide those on the target.

# Real sockets, SIGPIPE and the kernel's entropy: it tests the host's port.
TARGET_HOST_ONLY += tests/unit/test_port_posix.c
# TLS: they link mbedTLS, which these images do not build.
TARGET_HOST_ONLY += $(wildcard tests/unit/test_tls_*.c)
# The client against the simulator: a Python server over loopback TLS.
TARGET_HOST_ONLY += $(wildcard tests/unit/test_client_*.c)

# The library's network code (TLS, connections, the client on top) is not
# built for these images.
TARGET_NET_SRCS := $(wildcard src/tls*.c) src/tv_conn.c src/tv_client.c src/tv_call.c \
                   src/tv_auth.c src/tv_api.c

TARGET_CC ?= arm-none-eabi-gcc
TARGET_AR ?= arm-none-eabi-ar
TARGET_QEMU ?= qemu-system-arm
TARGET_OPT ?= -Os
TARGET_STACK ?= 16384
TARGET_TIMEOUT ?= 120

TARGET_OUT := $(O)/target
TARGET_ARCH := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
TARGET_CFLAGS = -std=c11 $(WARNFLAGS) $(TARGET_OPT) -g $(TARGET_ARCH) \
                -ffunction-sections -fdata-sections
TARGET_TEST_CPPFLAGS = $(TEST_CPPFLAGS) -Itests/target -isystem tests/target/shim/include \
                       -DTV_TARGET_DIR_INDEX='"$(TARGET_OUT)/dirs"'
# The printf family goes through shim/printf.c (C99 length modifiers).
TARGET_WRAP := $(foreach f,printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf,\
                 -Wl,--wrap=$(f))
TARGET_LDFLAGS = $(TARGET_ARCH) $(TARGET_OPT) -nostartfiles --specs=rdimon.specs \
                 -T tests/target/mps2-an386.ld -Wl,--gc-sections \
                 -Wl,--defsym=TV_TARGET_STACK=$(TARGET_STACK) $(TARGET_WRAP)

TARGET_LIB_OBJS := $(patsubst %.c,$(TARGET_OUT)/obj/%.o,\
                     $(filter-out $(TARGET_NET_SRCS),$(LIB_SRCS)))
TARGET_LIB := $(TARGET_OUT)/libtradovate.a
# Support for the simulator tests (processes, TLS) stays on the host.
TARGET_SUPPORT_SRCS := $(filter-out tests/support/sim_process.c tests/support/client_fixture.c,\
                         $(SUPPORT_SRCS))
TARGET_SUPPORT_OBJS := $(patsubst %.c,$(TARGET_OUT)/obj/%.o,\
                         $(TARGET_SUPPORT_SRCS) tests/target/startup.c \
                         $(wildcard tests/target/shim/*.c))
TARGET_TESTS := $(filter-out $(TARGET_HOST_ONLY),$(UNIT_SRCS))
TARGET_CHECKS := fail overflow guard flash shims
TARGET_CHECK_OBJS := $(patsubst %,$(TARGET_OUT)/obj/selfcheck-%.o,$(TARGET_CHECKS))
# The self-checks first: if they do not fail as they must, no test result
# could be trusted.
TARGET_IMAGES := $(patsubst %,$(TARGET_OUT)/selfcheck-%.elf,$(TARGET_CHECKS)) \
                 $(patsubst tests/unit/%.c,$(TARGET_OUT)/%.elf,$(TARGET_TESTS))
TARGET_LINK_INPUTS = $(TARGET_SUPPORT_OBJS) $(TARGET_LIB) tests/target/mps2-an386.ld
target_link = $(TARGET_CC) $(TARGET_LDFLAGS) -o $@ $< $(TARGET_SUPPORT_OBJS) $(TARGET_LIB) -lm
# One index per directory under tests/ for the opendir() stand-in; a
# directory's time stamp changes when a file is added or removed.
TARGET_DIR_INDEXES := $(patsubst %,$(TARGET_OUT)/dirs/%.list,$(shell find tests -type d))

$(TARGET_OUT)/obj/src/%.o: src/%.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC-M4,$<)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(TV_CPPFLAGS) -MMD -MP -c $< -o $@

$(TARGET_OUT)/obj/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC-M4,$<)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(TV_CPPFLAGS) $(TARGET_TEST_CPPFLAGS) -MMD -MP -c $< -o $@

# A static pattern rule: make must not try it for other names (such as .d files).
$(TARGET_CHECK_OBJS): $(TARGET_OUT)/obj/selfcheck-%.o: tests/target/selfcheck.c | deps
	@mkdir -p $(dir $@)
	$(call tv_say,CC-M4,$@)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(TV_CPPFLAGS) $(TARGET_TEST_CPPFLAGS) \
	  -DTV_SELFCHECK=selfcheck_$* -MMD -MP -c $< -o $@

$(TARGET_LIB): $(TARGET_LIB_OBJS)
	@rm -f $@
	$(call tv_say,AR,$@)
	$(Q)$(TARGET_AR) rcs $@ $^

$(TARGET_OUT)/%.elf: $(TARGET_OUT)/obj/tests/unit/%.o $(TARGET_LINK_INPUTS)
	$(call tv_say,LINK-M4,$@)
	$(Q)$(target_link)

$(TARGET_OUT)/selfcheck-%.elf: $(TARGET_OUT)/obj/selfcheck-%.o $(TARGET_LINK_INPUTS)
	$(call tv_say,LINK-M4,$@)
	$(Q)$(target_link)

$(TARGET_OUT)/dirs/%.list: %
	@mkdir -p $(dir $@)
	$(Q)ls -1a $< > $@

-include $(TARGET_LIB_OBJS:.o=.d) $(TARGET_SUPPORT_OBJS:.o=.d) \
         $(patsubst tests/unit/%.c,$(TARGET_OUT)/obj/tests/unit/%.d,$(TARGET_TESTS)) \
         $(TARGET_CHECK_OBJS:.o=.d)

test-target: $(TARGET_IMAGES) $(TARGET_DIR_INDEXES)
	@tests/target/run.sh -t $(TARGET_TIMEOUT) -q $(TARGET_QEMU) $(TARGET_IMAGES)

.PHONY: test-target
