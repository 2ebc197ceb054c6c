/* cflags: -Wl,--whole-archive -lm -Wl,--no-whole-archive */
/*
 * Numeric kernels (n-body, spectral norm, mandelbrot, FFT) and libm over
 * ranges, printed with %.17g / %a / %La so every bit shows: the x87 build.
 * 63-fp-kernels-sse2.c is the same program built for SSE2.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void nbody(int steps)
{
    enum { N = 5 };
    double x[N][3], v[N][3], m[N];
    for (int i = 0; i < N; i++) {
        m[i] = 1.0 + i * 0.37;
        for (int k = 0; k < 3; k++) {
            x[i][k] = sin(i * 3 + k) * (i + 1);
            v[i][k] = cos(i + k * 0.5) * 0.01;
        }
    }
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < N; i++)
            for (int j = i + 1; j < N; j++) {
                double d[3], d2 = 0;
                for (int k = 0; k < 3; k++) {
                    d[k] = x[i][k] - x[j][k];
                    d2 += d[k] * d[k];
                }
                double mag = 0.01 / (d2 * sqrt(d2));
                for (int k = 0; k < 3; k++) {
                    v[i][k] -= d[k] * m[j] * mag;
                    v[j][k] += d[k] * m[i] * mag;
                }
            }
        for (int i = 0; i < N; i++)
            for (int k = 0; k < 3; k++)
                x[i][k] += 0.01 * v[i][k];
    }
    double e = 0;
    for (int i = 0; i < N; i++)
        e += 0.5 * m[i] * (v[i][0] * v[i][0] + v[i][1] * v[i][1] + v[i][2] * v[i][2]);
    printf("nbody %.17g %a\n", e, x[0][0]);
}

static double A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void spectral(int n)
{
    double *u = malloc(n * sizeof(double)), *v = malloc(n * sizeof(double));
    double *t = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++)
        u[i] = 1;
    for (int it = 0; it < 10; it++) {
        for (int pass = 0; pass < 2; pass++) {
            double *in = pass ? v : u, *out = pass ? u : v;
            for (int i = 0; i < n; i++) {
                t[i] = 0;
                for (int j = 0; j < n; j++)
                    t[i] += A(i, j) * in[j];
            }
            for (int i = 0; i < n; i++) {
                out[i] = 0;
                for (int j = 0; j < n; j++)
                    out[i] += A(j, i) * t[j];
            }
        }
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("spectral %.17g\n", sqrt(vbv / vv));
    free(u), free(v), free(t);
}

static void mandel(int n)
{
    unsigned sum = 0;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5, ci = 2.0 * y / n - 1.0, zr = 0, zi = 0;
            int i = 0;
            while (i < 200 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                i++;
            }
            sum = sum * 31 + i;
        }
    printf("mandel %u\n", sum);
}

static void fft(int n)
{
    double *re = malloc(n * sizeof(double)), *im = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) {
        re[i] = sin(i * 0.1) + 0.5 * cos(i * 0.37);
        im[i] = 0;
    }
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        double ang = -2 * M_PI / len, wr = cos(ang), wi = sin(ang);
        for (int i = 0; i < n; i += len) {
            double cr = 1, ci = 0;
            for (int k = 0; k < len / 2; k++) {
                double ur = re[i + k], ui = im[i + k];
                double vr = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
                double vi = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
                re[i + k] = ur + vr, im[i + k] = ui + vi;
                re[i + k + len / 2] = ur - vr, im[i + k + len / 2] = ui - vi;
                double t = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = t;
            }
        }
    }
    double s = 0;
    for (int i = 0; i < n; i++)
        s += fabs(re[i]) + fabs(im[i]);
    printf("fft %.17g %a %a\n", s, re[1], im[3]);
    free(re), free(im);
}

static void libm(void)
{
    double h = 0;
    for (int i = -200; i <= 200; i++) {
        double x = i * 0.173;
        double r[] = {sin(x), cos(x), tan(x), exp(x / 10), log(fabs(x) + 1e-3),
                      pow(fabs(x), 1.37), atan2(x, 1.5), sqrt(fabs(x)), cbrt(x),
                      expm1(x / 50), log1p(fabs(x)), sinh(x / 40), hypot(x, 3),
                      floor(x), ceil(x), rint(x), fmod(x, 0.7), asin(x / 40)};
        for (unsigned k = 0; k < sizeof(r) / sizeof(r[0]); k++) {
            if (i % 50 == 0)
                printf("libm %d %u %.17g\n", i, k, r[k]);
            unsigned long long b;
            memcpy(&b, &r[k], 8);
            h = h * 1.0000001 + (double)(b % 1000003);
        }
    }
    printf("libm hash %.17g\n", h);
    float f = 0;
    for (int i = 1; i < 100; i++)
        f += sinf(i * 0.5f) * expf(-i * 0.01f) + powf(i, 0.3f) + logf(i);
    printf("libmf %.9g %a\n", f, f);
    long double l = 1.0L;
    for (int i = 1; i < 30; i++)
        l = l * 1.1L + sqrtl(i) + expl(-i) + sinl(i);
    printf("libml %.21Lg %La\n", l, l);
    printf("ld %Lf %Le %.30Lg\n", 1.0L / 3, 2.0L / 7e300L, (long double)M_PI);
    /* strtod round trips */
    static const char *strs[] = {"0.1", "1e-310", "2.2250738585072014e-308",
                                 "1.7976931348623157e308", "123456789.987654321",
                                 "3.14159265358979323846264338", "-0", "inf",
                                 "nan", "4.9406564584124654e-324", "0x1.8p3"};
    for (unsigned i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        double d = strtod(strs[i], NULL);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", d);
        printf("strtod %s -> %s -> %a %d %.9g\n", strs[i], buf, d,
               strtod(buf, NULL) == d || d != d, strtof(strs[i], NULL));
    }
    for (int i = 0; i < 20; i++) {
        double d = pow(10, i * 17 - 150) * (1 + i / 7.0);
        printf("%%g %g %e %.3f %.0f\n", d, d, d, d);
    }
}

int main(void)
{
    nbody(20000);
    spectral(120);
    mandel(120);
    fft(1 << 12);
    libm();
    return 0;
}
