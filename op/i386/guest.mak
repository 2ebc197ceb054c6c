# i386: the helpers that keep the pinned guest registers (Makefile, KEEP_HELPERS).
KEEP_HELPERS := helper-cc.c
