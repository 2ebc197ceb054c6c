/* matmul: integer matrix multiply (i-k-j order) with wrapping 32-bit
 * arithmetic.  Stresses imul, address arithmetic and a hot inner loop. */
#include "bench.h"

#define N 200

static uint32_t A[N][N], B[N][N], C[N][N];

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 12);
    uint32_t seed = 3, sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = bench_rand(&seed) & 0xffff;
            B[i][j] = bench_rand(&seed) & 0xffff;
        }
    for (long r = 0; r < reps; r++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                C[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                uint32_t a = A[i][k];
                for (int j = 0; j < N; j++)
                    C[i][j] += a * B[k][j];
            }
        for (int i = 0; i < N; i++)
            A[i][(i + r) % N] ^= C[i][i];       /* feed back: no pass is dead */
        for (int i = 0; i < N; i++)
            sum = sum * 31 + C[i][(i * 7) % N];
    }
    printf("matmul %ld %u\n", reps, sum);
    return 0;
}
