# The torture test's build (and, later, fuzzing). Included by tests/tests.mk.

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
