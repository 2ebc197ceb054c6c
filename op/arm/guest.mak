# ARM: the libraries stitch-arm links (Makefile, GUEST_LIBS).  -d in_asm
# disassembles ARM code, which only binutils-multiarch-dev's libopcodes
# knows; its libbfd goes with it (the two must come from one build).
GUEST_LIBS := -lelf -lbfd-multiarch -lopcodes-multiarch -lm
# The helpers that keep the pinned guest registers (Makefile, KEEP_HELPERS):
# the VFP helper, which the inline VFP ops (op/arm/op-vfp.c) call on their
# rare path, so that they need no spill and fill of r0-r3 around them.
KEEP_HELPERS := helper-vfp.c
