# ARM: the libraries stitch-arm links (Makefile, GUEST_LIBS).  -d in_asm
# disassembles ARM code, which only binutils-multiarch-dev's libopcodes
# knows; its libbfd goes with it (the two must come from one build).
# libm: the VFP helpers' exact tininess test (fma, op/arm/helper-vfp.c).
GUEST_LIBS := -lelf -lbfd-multiarch -lopcodes-multiarch -lm
