# Proofs about the Cortex-M4 build. Included by tests/tests.mk; see
# tests/proof/README.md.
#
#   make check-alloc   no malloc/free/_sbrk/strtod/printf reachable from our
#                      objects in the firmware image
#   make check-stack   worst-case stack per public entry point, our frames
#                      within TV_STACK_BUDGET (also printed by make firmware)
#   make test-proof    both (part of make test)
#
# Both look at one image: the firmware image (port/baremetal/firmware.mk)
# linked with every public function kept (entry_points.py), so the whole API
# is in it, not only what the test image's main() calls.
#
# Variables: TV_STACK_BUDGET (2048), bytes of our own frames (src/, port/)
# any public entry point may stack up.

TV_STACK_BUDGET ?= 2048
comma := ,
PROOF_O := $(FW_O)/proof
PROOF_ELF := $(PROOF_O)/tradovate-all.elf
PROOF_MAP := $(PROOF_O)/tradovate-all.map
PROOF_ENTRIES := $(PROOF_O)/entry-points.txt
PROOF_DEPTH := $(PROOF_O)/schema-depth
FW_TOOLS := $(patsubst %gcc,%,$(FW_CC))

$(PROOF_ENTRIES): $(FW_O)/libtradovate.a $(FW_O)/libtvport.a $(wildcard include/tradovate/*.h) \
                  tests/proof/entry_points.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tests/proof/entry_points.py $@ $(PROOF_O)/entry-points.ld $(FW_TOOLS)nm \
	  $(FW_O)/libtradovate.a $(FW_O)/libtvport.a -- $(FW_CC) -E $(FW_ARCH) $(FW_CPPFLAGS)

# Never run, only analysed: an unresolved symbol (the _sbrk that malloc
# would need) must not stop the link, so that check-alloc can show what
# reaches it. The firmware image's own link still refuses one.
$(PROOF_ELF): $(FW_LINK_INPUTS) $(PROOF_ENTRIES)
	$(call tv_say,LINK,$@)
	$(Q)$(call fw_link,$@,$(PROOF_MAP),$(PROOF_O)/entry-points.ld \
	  -Wl$(comma)--unresolved-symbols=ignore-all)

# The deepest nesting of the schema tables bounds the codec's recursion;
# measured on the host from the same tables.
$(PROOF_DEPTH): tests/proof/schema_depth.c src/tv_tables.c src/tv_tables_priv.h \
                $(wildcard include/tradovate/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c11 $(WARNFLAGS) -Iinclude -Isrc -o $@ $(filter %.c,$^)

# Recipe of make firmware and check-stack (firmware.mk runs it too).
FW_STACK_REPORT = $(PYTHON) tests/proof/stack.py --elf $(PROOF_ELF) --map $(PROOF_MAP) \
  --entries $(PROOF_ENTRIES) --edges tests/proof/stack-edges.txt --budget $(TV_STACK_BUDGET) \
  --schema-depth $$($(PROOF_DEPTH)) --objdump $(FW_TOOLS)objdump --report $(PROOF_O)/stack.txt \
  $(FW_O)/obj $(FW_MBEDTLS_OUT)/obj
firmware: $(PROOF_ELF) $(PROOF_DEPTH)

check-stack: $(PROOF_ELF) $(PROOF_DEPTH)
	@$(FW_STACK_REPORT)

check-alloc: $(PROOF_ELF)
	@$(PYTHON) tests/proof/check_alloc.py $(PROOF_ELF) $(PROOF_MAP) --tools $(FW_TOOLS)

test-proof: check-alloc check-stack
	$(PYTHON) -m unittest discover -s tests/proof -p 'test_*.py' -t .

.PHONY: check-alloc check-stack test-proof
