/* 24-promotions: C's integer conversions as the CPU sees them — sign and
 * zero extension of char/short (movsx/movzx, cbw/cwde), truncation on
 * store, the usual arithmetic conversions between signed and unsigned
 * (-1 < 1u is false), char arithmetic promoted to int, comparisons of
 * unsigned short vs int, and conversions between 8/16/32/64-bit types. */
#include <stdio.h>
#include <stdint.h>

static volatile int vals[] = { 0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768,
                               -32768, -32769, 65535, 65536, 0x7fffffff, (int)0x80000000,
                               0x12345678, -0x12345678, 200, -200 };

int main(void)
{
    for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) {
        int v = vals[i];
        signed char sc = (signed char)v;
        unsigned char uc = (unsigned char)v;
        short ss = (short)v;
        unsigned short us = (unsigned short)v;
        long long ll = v;
        unsigned long long ull = (unsigned)v;
        printf("%11d sc=%4d uc=%3u ss=%6d us=%5u ll=%lld ull=%llu sc+uc=%d ss*us=%d\n", v, sc, uc,
               ss, us, ll, ull, sc + uc, (int)((unsigned)ss * us));
    }
    volatile int m1 = -1;
    volatile unsigned one = 1;
    volatile unsigned short us1 = 1;
    volatile unsigned char uc = 200, uc2 = 100;
    volatile signed char sc = -100, sc2 = -100;
    printf("-1 < 1u: %d\n", m1 < one);
    printf("-1 < (unsigned short)1: %d\n", m1 < us1);
    printf("(long long)-1 < 1u: %d\n", (long long)m1 < one);
    printf("uc+uc2=%d (uchar)(uc+uc2)=%d sc+sc2=%d (schar)(sc+sc2)=%d\n", uc + uc2,
           (unsigned char)(uc + uc2), sc + sc2, (signed char)(sc + sc2));
    printf("uc*uc=%d ~uc=%d ~uc&0xff=%d -uc=%d\n", uc * uc, ~uc, ~uc & 0xff, -uc);
    printf("sizeof(uc+uc)=%zu sizeof(1u+1LL)=%zu\n", sizeof(uc + uc), sizeof(1u + 1LL));
    unsigned u = 0xfffffff0u;
    long long sll = (int)u;
    printf("(int)0xfffffff0 -> ll %lld, (unsigned) -> ll %lld\n", sll, (long long)u);
    /* Plain char is signed on i386 and unsigned on ARM (the ABIs'
     * choice), so both signednesses are spelt out. */
    signed char arr[4] = { (signed char)0x80, (signed char)0xff, 0x7f, 0 };
    unsigned char uarr[4] = { 0x80, 0xff, 0x7f, 0 };
    int s = 0, us = 0;
    for (int i = 0; i < 4; i++) s += arr[i], us += uarr[i];
    printf("signed char sum=%d unsigned char sum=%d\n", s, us);
    uint64_t big = 0x1234567890abcdefULL;
    printf("trunc32=%x trunc16=%x trunc8=%x sext=%lld\n", (uint32_t)big, (uint16_t)big,
           (uint8_t)big, (long long)(int16_t)(uint16_t)big);
    volatile short a = -7, b = 2;
    printf("short div %d mod %d shr %d\n", a / b, a % b, a >> 1);
    return 0;
}
