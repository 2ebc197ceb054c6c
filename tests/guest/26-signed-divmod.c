/* 26-signed-divmod: C99 truncating division and remainder of every sign
 * combination (idiv with cdq), division by constants (gcc's multiply-by-
 * reciprocal sequences at -O2 for /3, /7, /10, %10, /-5, /16 with the
 * negative-rounding fix-up), arithmetic shift of negatives, INT_MIN/-1
 * avoided (it traps), INT_MIN/1 and INT_MIN%-2. */
#include <stdio.h>
#include <limits.h>

static volatile int nums[] = { 0, 1, -1, 7, -7, 8, -8, 9, -9, 100, -100, 12345, -12345,
                               INT_MAX, INT_MIN, INT_MIN + 1, 2147483646, 65536, -65537 };
static volatile int dens[] = { 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 16, -16, 1000, INT_MAX, INT_MIN };

int main(void)
{
    unsigned h = 0;
    int n = sizeof nums / sizeof *nums, d = sizeof dens / sizeof *dens;
    for (int i = 0; i < n; i++) {
        int a = nums[i];
        printf("%11d: /3=%d %%3=%d /7=%d %%7=%d /10=%d %%10=%d /-5=%d %%-5=%d /16=%d %%16=%d >>3=%d\n",
               a, a / 3, a % 3, a / 7, a % 7, a / 10, a % 10, a / -5, a % -5, a / 16, a % 16, a >> 3);
        for (int j = 0; j < d; j++) {
            int b = dens[j];
            if (a == INT_MIN && b == -1) continue;
            int q = a / b, r = a % b;
            if (q * b + r != a) printf("identity broken %d %d\n", a, b);
            h = h * 33 + (unsigned)q * 7 + (unsigned)r;
        }
    }
    printf("hash=%08x\n", h);
    volatile int a = -17, b = 5;
    printf("-17/5=%d -17%%5=%d 17/-5=%d 17%%-5=%d -17/-5=%d -17%%-5=%d\n", a / b, a % b, -a / -b,
           -a % -b, a / -b, a % -b);
    volatile int mn = INT_MIN, two = -2, one = 1;
    printf("INT_MIN/1=%d INT_MIN%%-2=%d INT_MIN/2=%d\n", mn / one, mn % two, mn / -two);
    volatile long long la = -1000000000000LL, lb = 7;
    printf("ll: %lld %lld %lld %lld\n", la / lb, la % lb, la / -lb, la % -lb);
    volatile short sa = -32768, sb = -1;
    printf("short -32768/-1 = %d (promoted to int)\n", sa / sb);
    return 0;
}
