/* 82-threads-lock-ops: every LOCK-prefixed read-modify-write is atomic
 * against the other threads (issue 15): N threads x M operations of lock
 * add, sub, inc, dec, adc, sbb, xadd, cmpxchg (a CAS loop), cmpxchg8b
 * (64-bit CAS across the 2^32 boundary), xchg (a spinlock around a plain
 * counter), aligned 64-bit x87 loads and stores (fild/fistp) that are
 * never torn, and the operations whose result needs the old value: or/and
 * (each thread sets and clears its own bit), xor, bts, btr, btc (each
 * toggles its own bit), not and neg (an even number in all: identity).
 * A lost update changes a final value; the expected values are printed
 * next to them, so the test fails however the native run turned out.
 * cflags: -pthread */
/* levels: O0 O2 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define M 50000

static volatile uint32_t add_c, sub_c, inc_c, dec_c, adc_c, sbb_c, xadd_c, cas_c;
static volatile uint64_t cas8_c = 0xffffff00u;
static volatile uint32_t bits_or, bits_xor, bits_bt, not_c = 0x12345678, neg_c = 0x9abcdef0;
static volatile uint16_t add16;
static volatile uint8_t add8;
static volatile uint32_t spin, plain;
static volatile int lost_or, lost_bts;
static pthread_barrier_t start;
static volatile uint64_t wide __attribute__((aligned(8)));
static volatile int torn;

/* One 64-bit x87 store and load each (SDM vol. 3, 9.1.1: single-copy
 * atomic when aligned), as i386 glibc's 64-bit atomic loads and stores. */
static void *wide_writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 4 * M; i++) {
        uint64_t v = (i & 1) ? ~0ull : 0;
        __asm__ __volatile__("fildq %1\n\tfistpq %0" : "=m"(wide) : "m"(v));
    }
    return NULL;
}

static void *wide_reader(void *arg)
{
    (void)arg;
    for (int i = 0; i < 4 * M; i++) {
        uint64_t v;
        __asm__ __volatile__("fildq %1\n\tfistpq %0" : "=m"(v) : "m"(wide));
        if (v != 0 && v != ~0ull)
            torn++;
    }
    return NULL;
}

static void cas_inc(volatile uint32_t *p)
{
    uint32_t old = *p, prev;
    do {
        prev = old;
        __asm__ __volatile__("lock cmpxchgl %2, %1"
                             : "+a"(old), "+m"(*p) : "r"(prev + 1) : "cc");
    } while (old != prev);
}

static void cas8_inc(volatile uint64_t *p)
{
    uint32_t lo = (uint32_t)*p, hi = (uint32_t)(*p >> 32);
    for (;;) {
        uint64_t want = ((uint64_t)hi << 32 | lo) + 1;
        uint8_t ok;
        __asm__ __volatile__("lock cmpxchg8b %1; sete %0"
                             : "=q"(ok), "+m"(*p), "+a"(lo), "+d"(hi)
                             : "b"((uint32_t)want), "c"((uint32_t)(want >> 32)) : "cc");
        if (ok)
            return;
    }
}

static void *work(void *arg)
{
    uint32_t bit = 1u << (int)(long)arg, idx = (uint32_t)(long)arg + 8;

    pthread_barrier_wait(&start);
    for (int i = 0; i < M; i++) {
        uint32_t one = 1;
        __asm__ __volatile__("lock addl $3, %0" : "+m"(add_c) :: "cc");
        __asm__ __volatile__("lock subl $2, %0" : "+m"(sub_c) :: "cc");
        __asm__ __volatile__("lock incl %0" : "+m"(inc_c) :: "cc");
        __asm__ __volatile__("lock decl %0" : "+m"(dec_c) :: "cc");
        __asm__ __volatile__("clc; lock adcl $5, %0" : "+m"(adc_c) :: "cc");
        __asm__ __volatile__("stc; lock sbbl $0, %0" : "+m"(sbb_c) :: "cc");
        __asm__ __volatile__("lock xaddl %1, %0" : "+m"(xadd_c), "+r"(one) :: "cc");
        __asm__ __volatile__("lock addw $1, %0" : "+m"(add16) :: "cc");
        __asm__ __volatile__("lock addb $1, %0" : "+m"(add8) :: "cc");
        cas_inc(&cas_c);
        if (i % 2 == 0)
            cas8_inc(&cas8_c);
        __asm__ __volatile__("lock orl %1, %0" : "+m"(bits_or) : "r"(bit) : "cc");
        if (!(bits_or & bit))
            lost_or++;
        __asm__ __volatile__("lock andl %1, %0" : "+m"(bits_or) : "r"(~bit) : "cc");
        __asm__ __volatile__("lock xorl %1, %0" : "+m"(bits_xor) : "r"(bit) : "cc");
        __asm__ __volatile__("lock btsl %1, %0" : "+m"(bits_bt) : "r"(idx) : "cc");
        if (!(bits_bt & (1u << idx)))
            lost_bts++;
        __asm__ __volatile__("lock btrl %1, %0" : "+m"(bits_bt) : "r"(idx) : "cc");
        __asm__ __volatile__("lock btcl %1, %0" : "+m"(bits_bt) : "r"(idx - 8) : "cc");
        __asm__ __volatile__("lock notl %0" : "+m"(not_c));
        __asm__ __volatile__("lock negl %0" : "+m"(neg_c) :: "cc");
        /* xchg spinlock around a plain counter */
        uint32_t v;
        do {
            v = 1;
            __asm__ __volatile__("xchgl %0, %1" : "+r"(v), "+m"(spin) :: "memory");
        } while (v);
        plain = plain + 1;
        __asm__ __volatile__("movl $0, %0" : "=m"(spin) :: "memory");
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];

    pthread_barrier_init(&start, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("add  %u (expect %u)\n", add_c, 3u * N * M);
    printf("sub  %u (expect %u)\n", sub_c, 0u - 2u * N * M);
    printf("inc  %u (expect %u)\n", inc_c, (uint32_t)N * M);
    printf("dec  %u (expect %u)\n", dec_c, 0u - (uint32_t)N * M);
    printf("adc  %u (expect %u)\n", adc_c, 5u * N * M);
    printf("sbb  %u (expect %u)\n", sbb_c, 0u - (uint32_t)N * M);
    printf("xadd %u (expect %u)\n", xadd_c, (uint32_t)N * M);
    printf("add16 %u (expect %u)\n", add16, (uint16_t)(N * M));
    printf("add8 %u (expect %u)\n", add8, (uint8_t)(N * M));
    printf("cmpxchg %u (expect %u)\n", cas_c, (uint32_t)N * M);
    printf("cmpxchg8b %llx (expect %llx)\n", (unsigned long long)cas8_c,
           0xffffff00ull + (uint64_t)N * (M / 2));
    printf("or/and %x lost %d (expect 0 0)\n", bits_or, lost_or);
    printf("xor %x (expect 0)\n", bits_xor);
    printf("bts/btr/btc %x lost %d (expect 0 0)\n", bits_bt, lost_bts);
    printf("not %x (expect 12345678)\n", not_c);
    printf("neg %x (expect 9abcdef0)\n", neg_c);
    printf("xchg spinlock: %u (expect %u)\n", plain, (uint32_t)N * M);
    pthread_create(&t[0], NULL, wide_writer, NULL);
    pthread_create(&t[1], NULL, wide_reader, NULL);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("torn 64-bit x87 loads: %d (expect 0)\n", torn);
    return 0;
}
