/* 23-struct-bitfield: aggregates — struct assignment and pass/return by value
 * (the i386 SysV ABI returns structs through a hidden pointer argument),
 * large struct copies (rep movs), unions for type punning, bitfields signed
 * and unsigned of widths 1..31 with read-modify-write, packed structs with
 * unaligned members, offsetof/sizeof, and arrays of structs. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>

struct small { short a; char b; };
struct pair { int x, y; };
struct big { int v[40]; char tag[9]; };
struct bits {
    unsigned a : 1;
    unsigned b : 3;
    signed c : 5;
    unsigned d : 7;
    signed e : 12;
    unsigned f : 4;
    unsigned g : 31;
    signed h : 2;
};
struct __attribute__((packed)) packed { char c; int i; short s; long long ll; };
union pun { uint32_t u; uint8_t b[4]; uint16_t h[2]; int32_t i; };

static struct pair add(struct pair p, struct pair q) { struct pair r = { p.x + q.x, p.y + q.y }; return r; }
static struct small mk(short a, char b) { struct small s = { a, b }; return s; }

static struct big make_big(int seed)
{
    struct big b;
    for (int i = 0; i < 40; i++) b.v[i] = seed * i;
    snprintf(b.tag, sizeof b.tag, "big%d", seed);
    return b;
}

static int sum_big(struct big b) { int s = 0; for (int i = 0; i < 40; i++) s += b.v[i]; b.v[0] = -1; return s; }

int main(void)
{
    struct pair p = { 1, 2 }, q = { 30, 40 };
    struct pair r = add(p, q);
    printf("pair %d %d\n", r.x, r.y);
    struct small s = mk(-2, 'x');
    printf("small %d %c sizeof=%zu\n", s.a, s.b, sizeof s);
    struct big b1 = make_big(3), b2;
    b2 = b1;
    b2.v[5] = 1000;
    printf("big %s sum=%d copy sum=%d orig v5=%d after-call v0=%d\n", b1.tag, sum_big(b1),
           sum_big(b2), b1.v[5], b1.v[0]);

    struct bits bf;
    memset(&bf, 0, sizeof bf);
    printf("sizeof bits=%zu packed=%zu offsetof i=%zu s=%zu ll=%zu\n", sizeof bf,
           sizeof(struct packed), offsetof(struct packed, i), offsetof(struct packed, s),
           offsetof(struct packed, ll));
    unsigned h = 0;
    for (int i = 0; i < 200; i++) {
        bf.a = i; bf.b = i * 3; bf.c = i - 100; bf.d += 37; bf.e = -i * 17;
        bf.f ^= i; bf.g = 0x7fffffffu - (unsigned)i * 1000003u; bf.h = i;
        if (i % 40 == 0)
            printf("bf i=%d a=%u b=%u c=%d d=%u e=%d f=%u g=%u h=%d\n", i, bf.a, bf.b, bf.c,
                   bf.d, bf.e, bf.f, bf.g, bf.h);
        h = h * 31 + bf.a + bf.b * 3u + (unsigned)bf.c * 5u + bf.d * 7u + (unsigned)bf.e * 11u +
            bf.f * 13u + bf.g + (unsigned)bf.h;
    }
    unsigned char raw[sizeof bf];
    memcpy(raw, &bf, sizeof bf);
    printf("bitfield hash=%08x raw=", h);
    for (size_t i = 0; i < sizeof raw; i++) printf("%02x", raw[i]);
    putchar('\n');

    struct packed pk[3];
    for (int i = 0; i < 3; i++) {
        pk[i].c = (char)('a' + i);
        pk[i].i = 0x11111111 * (i + 1);
        pk[i].s = (short)(-i - 1);
        pk[i].ll = 0x0102030405060708LL * (i + 1);
    }
    long long t = 0;
    for (int i = 0; i < 3; i++) t += pk[i].c + pk[i].i + pk[i].s + pk[i].ll;
    printf("packed total=%lld\n", t);

    union pun u;
    u.u = 0x11223344u;
    printf("union bytes %02x %02x %02x %02x halves %04x %04x\n", u.b[0], u.b[1], u.b[2], u.b[3],
           u.h[0], u.h[1]);
    u.b[3] = 0xff;
    printf("union as int %d\n", u.i);

    struct pair arr[5];
    for (int i = 0; i < 5; i++) arr[i] = (struct pair){ i, i * i };
    struct pair arr2[5];
    memcpy(arr2, arr, sizeof arr);
    arr2[2] = arr2[4];
    printf("arr2:");
    for (int i = 0; i < 5; i++) printf(" (%d,%d)", arr2[i].x, arr2[i].y);
    putchar('\n');
    return 0;
}
