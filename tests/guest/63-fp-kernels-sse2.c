/* cflags: -msse2 -mfpmath=sse -Wl,--whole-archive -lm -Wl,--no-whole-archive */
/* The kernels of 62-fp-kernels.c, with double and float arithmetic in
 * SSE2 registers (glibc's libm itself stays x87). */
#include "62-fp-kernels.c"
