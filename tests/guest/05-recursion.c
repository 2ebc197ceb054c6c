/* 05-recursion: deep and branchy recursion — fib, Ackermann(2,3) and (3,5),
 * towers of Hanoi move count, mutual recursion, and a recursion depth of
 * 100000 frames (guest stack growth). Stresses call/ret and return-address
 * handling in translated code. */
#include <stdio.h>

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static unsigned long long moves;
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned deep(unsigned n)
{
    volatile unsigned pad[4] = { n, n + 1, n + 2, n + 3 };
    return n == 0 ? 0 : deep(n - 1) + (pad[3] & 1);
}

static int gcd(int a, int b) { return b ? gcd(b, a % b) : a; }

int main(void)
{
    for (unsigned i = 0; i <= 27; i += 3)
        printf("fib(%u) = %u\n", i, fib(i));
    printf("ack(2,3) = %u\n", ack(2, 3));
    printf("ack(3,5) = %u\n", ack(3, 5));
    printf("ack(3,7) = %u\n", ack(3, 7));
    for (int n = 1; n <= 20; n += 19) {
        moves = 0;
        hanoi(n, 1, 3, 2);
        printf("hanoi(%d) = %llu moves\n", n, moves);
    }
    printf("even(1001)=%d odd(1001)=%d\n", is_even(1001), is_odd(1001));
    printf("deep(100000) = %u\n", deep(100000));
    printf("gcd(1071,462)=%d gcd(2^20,3^10)=%d\n", gcd(1071, 462), gcd(1 << 20, 59049));
    return 0;
}
