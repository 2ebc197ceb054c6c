# ARM: the libraries stitch-arm links (Makefile, GUEST_LIBS).  -d in_asm
# disassembles ARM code, which only binutils-multiarch-dev's libopcodes
# knows; its libbfd goes with it (the two must come from one build).
GUEST_LIBS := -lelf -lbfd-multiarch -lopcodes-multiarch
