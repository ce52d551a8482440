# Proofs about the Cortex-M4 build. Included by tests/tests.mk; see
# tests/proof/README.md.
#
#   make check-alloc   no malloc/free/_sbrk/strtod/printf reachable from our
#                      objects in the firmware image
#   make test-proof    all of them (part of make test)
#
# They look at one image: the firmware image (port/baremetal/firmware.mk)
# linked with every public function kept (entry_points.py), so the whole API
# is in it, not only what the test image's main() calls.

comma := ,
PROOF_O := $(FW_O)/proof
PROOF_ELF := $(PROOF_O)/tradovate-all.elf
PROOF_MAP := $(PROOF_O)/tradovate-all.map
PROOF_ENTRIES := $(PROOF_O)/entry-points.txt
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

check-alloc: $(PROOF_ELF)
	@$(PYTHON) tests/proof/check_alloc.py $(PROOF_ELF) $(PROOF_MAP) --tools $(FW_TOOLS)

test-proof: check-alloc

.PHONY: check-alloc test-proof
