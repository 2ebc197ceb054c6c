/* mandel: escape-time Mandelbrot set over a grid, summing iteration
 * counts.  Stresses FP compare-and-branch (x87 fcomi / fnstsw, or SSE
 * ucomisd) in a tight loop. */
#include "bench.h"

int main(int argc, char **argv)
{
    int n = (int)bench_size(argc, argv, 600);
    const int maxit = 200;
    uint32_t total = 0, inside = 0;
    for (int py = 0; py < n; py++) {
        double ci = -1.25 + 2.5 * py / n;
        for (int px = 0; px < n; px++) {
            double cr = -2.0 + 2.75 * px / n, zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < maxit && zr2 + zi2 <= 4.0) {
                zi = 2 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            total += it;
            inside += it == maxit;
        }
    }
    printf("mandel %d %u %u\n", n, total, inside);
    return 0;
}
