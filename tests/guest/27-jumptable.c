/* 27-jumptable: a dense 64-case switch (gcc emits a jump table: an indirect
 * "jmp *table(,%eax,4)" into the middle of a function, which ends a TB with
 * a computed target) plus a sparse switch (compare tree) and a switch on
 * char, driven by an LCG so every case is taken many times. */
#include <stdio.h>
#include <stdint.h>

static uint32_t dense(uint32_t k, uint32_t x)
{
    switch (k) {
    case 0: return x * 668835602u + 267854u;
    case 1: return x ^ 384974576u;
    case 2: return (x << 24) | (x >> (32 - 24));
    case 3: return x + 700113704u;
    case 4: return x - 881169u;
    case 5: return ~x + 989182u;
    case 6: return (x >> 29) ^ 696831126u;
    case 7: return x * 168417828u + 118706u;
    case 8: return x ^ 503659049u;
    case 9: return (x << 4) | (x >> (32 - 4));
    case 10: return x + 616264658u;
    case 11: return x - 227258u;
    case 12: return ~x + 190921u;
    case 13: return (x >> 13) ^ 931427112u;
    case 14: return x * 171373720u + 798937u;
    case 15: return x ^ 77236115u;
    case 16: return (x << 5) | (x >> (32 - 5));
    case 17: return x + 141992543u;
    case 18: return x - 219631u;
    case 19: return ~x + 1006767u;
    case 20: return (x >> 10) ^ 936740705u;
    case 21: return x * 336780591u + 1008183u;
    case 22: return x ^ 578986790u;
    case 23: return (x << 6) | (x >> (32 - 6));
    case 24: return x + 1010365286u;
    case 25: return x - 1013517u;
    case 26: return ~x + 313303u;
    case 27: return (x >> 6) ^ 387824739u;
    case 28: return x * 1004799717u + 152780u;
    case 29: return x ^ 69943233u;
    case 30: return (x << 19) | (x >> (32 - 19));
    case 31: return x + 3632596u;
    case 32: return x - 354311u;
    case 33: return ~x + 372613u;
    case 34: return (x >> 23) ^ 328633994u;
    case 35: return x * 339080272u + 193749u;
    case 36: return x ^ 507384190u;
    case 37: return (x << 1) | (x >> (32 - 1));
    case 38: return x + 1019217724u;
    case 39: return x - 423934u;
    case 40: return ~x + 826004u;
    case 41: return (x >> 19) ^ 393187587u;
    case 42: return x * 903268234u + 9520u;
    case 43: return x ^ 50172862u;
    case 44: return (x << 7) | (x >> (32 - 7));
    case 45: return x + 127797350u;
    case 46: return x - 859301u;
    case 47: return ~x + 537392u;
    case 48: return (x >> 9) ^ 958541235u;
    case 49: return x * 832797400u + 485334u;
    case 50: return x ^ 633253599u;
    case 51: return (x << 28) | (x >> (32 - 28));
    case 52: return x + 317681345u;
    case 53: return x - 1025866u;
    case 54: return ~x + 357293u;
    case 55: return (x >> 30) ^ 655871080u;
    case 56: return x * 159123851u + 356474u;
    case 57: return x ^ 992349634u;
    case 58: return (x << 22) | (x >> (32 - 22));
    case 59: return x + 340161396u;
    case 60: return x - 81995u;
    case 61: return ~x + 756165u;
    case 62: return (x >> 16) ^ 332112192u;
    case 63: return x * 173440937u + 755110u;
    default: return x;
    }
}

static int sparse(int k)
{
    switch (k) {
    case -1000: return 1;
    case -7: return 2;
    case 0: return 3;
    case 13: return 4;
    case 100: return 5;
    case 1000: return 6;
    case 4096: return 7;
    case 65537: return 8;
    case 1 << 30: return 9;
    default: return 0;
    }
}

static const char *kind(char c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return "digit";
    case ' ': case '\t': case '\n': return "space";
    case '.': case ',': case ';': case '!': case '?': return "punct";
    default: return "other";
    }
}

int main(void)
{
    uint32_t s = 1, x = 0x12345678u;
    unsigned hits[64] = { 0 };
    for (int i = 0; i < 1000000; i++) {
        s = s * 1103515245u + 12345u;
        uint32_t k = (s >> 16) % 70;   /* 64..69 take the default */
        x = dense(k, x);
        if (k < 64) hits[k]++;
    }
    printf("dense x=%08x hits[0]=%u hits[31]=%u hits[63]=%u\n", x, hits[0], hits[31], hits[63]);
    static const int keys[] = { -1000, -7, 0, 13, 100, 1000, 4096, 65537, 1 << 30, 5, -1, 99 };
    unsigned t = 0;
    for (unsigned i = 0; i < sizeof keys / sizeof *keys; i++) t = t * 10 + (unsigned)sparse(keys[i]);
    printf("sparse %u\n", t);
    const char *text = "hello, world 42!\tok?";
    for (const char *p = text; *p; p++) printf("%s%s", p == text ? "" : " ", kind(*p));
    putchar('\n');
    return 0;
}
