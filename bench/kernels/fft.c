/* fft: iterative radix-2 complex FFT and its inverse on a generated
 * signal, repeated; the checksum is the round-trip error and a few
 * spectrum bins.  Stresses FP multiply/add, sin/cos (libm) for the twiddle
 * table and bit-reversal permutation (integer). */
#include "bench.h"
#include <math.h>

#define LOGN 14
#define N (1 << LOGN)

static double re[N], im[N], wr[N / 2], wi[N / 2];

static void fft(int inverse)
{
    for (unsigned i = 1, j = 0; i < N; i++) {
        unsigned bit = N >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (int len = 2; len <= N; len <<= 1) {
        int step = N / len;
        for (int i = 0; i < N; i += len)
            for (int k = 0; k < len / 2; k++) {
                double c = wr[k * step], s = inverse ? -wi[k * step] : wi[k * step];
                int a = i + k, b = i + k + len / 2;
                double xr = re[b] * c - im[b] * s, xi = re[b] * s + im[b] * c;
                re[b] = re[a] - xr; im[b] = im[a] - xi;
                re[a] += xr; im[a] += xi;
            }
    }
    if (inverse)
        for (int i = 0; i < N; i++) {
            re[i] /= N;
            im[i] /= N;
        }
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 120);
    uint32_t seed = 17;
    for (int k = 0; k < N / 2; k++) {
        wr[k] = cos(2 * M_PI * k / N);
        wi[k] = -sin(2 * M_PI * k / N);
    }
    for (int i = 0; i < N; i++) {
        re[i] = (bench_rand(&seed) % 2001) / 1000.0 - 1.0;
        im[i] = 0;
    }
    double bins = 0;
    for (long r = 0; r < reps; r++) {
        fft(0);
        bins += fabs(re[1 + r % 100]) + fabs(im[7]);
        fft(1);
    }
    printf("fft %ld %.6f %.9f %.9f\n", reps, bins, re[0], re[N - 1]);
    return 0;
}
