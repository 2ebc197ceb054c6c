/* cflags: -mavx2 -mfma -mf16c -ffp-contract=fast */
/*
 * 69-avx-autovec: ordinary C loops as GCC vectorises them with AVX2 and
 * FMA at -O2/-O3 (VEX loads and stores, integer and float arithmetic,
 * FMA contraction, compares and blends for conditionals, widening and
 * narrowing conversions, horizontal reductions through VEXTRACTI128 and
 * shuffles, VZEROUPPER before calls), over sizes that leave every kind
 * of remainder, plus F16C conversions of edge values.  The native run
 * is the oracle.
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1037

static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N];
static uint8_t ua[N], ub[N];
static char text[N + 1];

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

__attribute__((noinline)) static void saxpy(float *y, const float *x, float a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static double dot(const double *x, const double *y, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

__attribute__((noinline)) static int64_t isum(const int32_t *x, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += x[i];
    return s;
}

__attribute__((noinline)) static void clampmul(int32_t *r, const int32_t *x, const int32_t *y, int n)
{
    for (int i = 0; i < n; i++) {
        int32_t v = x[i] * y[i];
        r[i] = v > 1000 ? 1000 : v < -1000 ? -1000 : v;
    }
}

__attribute__((noinline)) static int count_char(const char *s, int n, char c)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

__attribute__((noinline)) static void u8ops(uint8_t *r, const uint8_t *x, const uint8_t *y, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned s = x[i] + y[i];
        r[i] = (uint8_t)(s > 255 ? 255 : s) ^ (uint8_t)((x[i] + y[i] + 1) >> 1);
    }
}

__attribute__((noinline)) static void conv(float *r, const int16_t *x, const double *d, int n)
{
    for (int i = 0; i < n; i++)
        r[i] = (float)x[i] * 0.5f + (float)d[i];
}

__attribute__((noinline)) static float fmaxabs(const float *x, int n)
{
    float m = 0;
    for (int i = 0; i < n; i++) {
        float v = x[i] < 0 ? -x[i] : x[i];
        m = v > m ? v : m;
    }
    return m;
}

__attribute__((noinline)) static void reverse(int32_t *r, const int32_t *x, int n)
{
    for (int i = 0; i < n; i++)
        r[i] = x[n - 1 - i];
}

__attribute__((noinline)) static void sel(float *r, const float *x, const float *y, int n)
{
    for (int i = 0; i < n; i++)
        r[i] = x[i] > y[i] ? x[i] - y[i] : y[i] * 2.0f;
}

static uint32_t crc(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static void f16c(void)
{
    static const float v[8] = {0.0f, -0.0f, 65504.0f, 65520.0f, 5.96e-8f,
                               1e-10f, 1.0f / 3.0f, -2.5f};
    __m256 x = _mm256_loadu_ps(v);
    uint16_t h[8];
    float back[8];

    _mm_storeu_si128((__m128i *)h, _mm256_cvtps_ph(x, _MM_FROUND_TO_NEAREST_INT));
    _mm256_storeu_ps(back, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)h)));
    for (int i = 0; i < 8; i++)
        printf("f16c %a -> %04x -> %a\n", v[i], h[i], back[i]);
}

int main(void)
{
    static const int sizes[] = {0, 1, 7, 8, 15, 16, 31, 33, 100, N};

    for (int i = 0; i < N; i++) {
        fa[i] = (float)(int)(rnd() % 2001 - 1000) / 7.0f;
        fb[i] = (float)(int)(rnd() % 2001 - 1000) / 3.0f;
        da[i] = (double)(int)(rnd() % 1000) / 9.0;
        db[i] = (double)(int)(rnd() % 1000 - 500) / 11.0;
        ia[i] = (int32_t)(rnd() % 200) - 100;
        ib[i] = (int32_t)(rnd() % 50) - 25;
        sa[i] = (int16_t)(rnd() & 0xffff);
        ua[i] = (uint8_t)rnd();
        ub[i] = (uint8_t)rnd();
        text[i] = "abcde fghij"[rnd() % 11];
    }
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int n = sizes[k];
        memcpy(fc, fb, sizeof(fc));
        saxpy(fc, fa, 1.25f, n);
        printf("n=%d saxpy %08x dot %a isum %lld", n, crc(fc, sizeof(fc)),
               dot(da, db, n), (long long)isum(ia, n));
        clampmul(ic, ia, ib, n);
        printf(" clamp %08x chars %d", crc(ic, sizeof(ic)), count_char(text, n, ' '));
        u8ops(ua, ua, ub, n);
        printf(" u8 %08x", crc(ua, sizeof(ua)));
        conv(fc, sa, da, n);
        printf(" conv %08x maxabs %a", crc(fc, sizeof(fc)), fmaxabs(fa, n));
        reverse(ic, ia, n);
        sel(fc, fa, fb, n);
        printf(" rev %08x sel %08x\n", crc(ic, sizeof(ic)), crc(fc, sizeof(fc)));
    }
    f16c();
    return 0;
}
