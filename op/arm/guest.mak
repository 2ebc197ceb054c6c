# ARM: the libraries stitch-arm links (Makefile, GUEST_LIBS), and the
# libopcodes it opens for -d in_asm (GUEST_OPCODES): ARM code only
# binutils-multiarch-dev's knows, which brings its own libbfd.
GUEST_LIBS := $(STATIC_ELF) -lm
GUEST_OPCODES := $(OPCODES_MULTIARCH_SONAME)
# The helpers that keep the pinned guest registers (Makefile, KEEP_HELPERS):
# the VFP helper, which the inline VFP ops (op/arm/op-vfp.c) call on their
# rare path, so that they need no spill and fill of r0-r3 around them.
KEEP_HELPERS := helper-vfp.c
