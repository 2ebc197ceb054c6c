/* The host's emitter header, chosen by name so a second host adds a file. */
#if defined(__x86_64__)
#include "emit-x86_64.h"
#else
#error "stitch: no emitter for this host yet (see exec/emit-x86_64.h)"
#endif
