/* 21-funcptr: indirect calls — a table of function pointers selected by data,
 * callbacks through a generic "map/fold" API, pointers to functions
 * returning function pointers, and a tiny object system with vtables.
 * At -O2 some calls become indirect tail jumps (jmp *reg). */
#include <stdio.h>

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return (int)((unsigned)a * (unsigned)b); }
static int maxi(int a, int b) { return a > b ? a : b; }
static int xr(int a, int b) { return a ^ b; }
static const binop ops[] = { add, sub, mul, maxi, xr };
static const char *const opname[] = { "add", "sub", "mul", "max", "xor" };

static int fold(const int *v, int n, binop f, int init)
{
    for (int i = 0; i < n; i++) init = f(init, v[i]);
    return init;
}

static void map(int *v, int n, int (*f)(int)) { for (int i = 0; i < n; i++) v[i] = f(v[i]); }
static int sq(int x) { return x * x; }
static int neg(int x) { return -x; }
static int inc(int x) { return x + 1; }

typedef int (*unop)(int);
static unop choose(int k) { return k == 0 ? sq : k == 1 ? neg : inc; }

struct shape;
struct vtbl { const char *name; int (*area)(const struct shape *); int (*perim)(const struct shape *); };
struct shape { const struct vtbl *vt; int a, b; };
static int rect_area(const struct shape *s) { return s->a * s->b; }
static int rect_perim(const struct shape *s) { return 2 * (s->a + s->b); }
static int sq_area(const struct shape *s) { return s->a * s->a; }
static int sq_perim(const struct shape *s) { return 4 * s->a; }
static int tri_area(const struct shape *s) { return s->a * s->b / 2; }
static int tri_perim(const struct shape *s) { return s->a + s->b + (s->a > s->b ? s->a : s->b); }
static const struct vtbl rect = { "rect", rect_area, rect_perim };
static const struct vtbl square = { "square", sq_area, sq_perim };
static const struct vtbl tri = { "tri", tri_area, tri_perim };

static int tail_dispatch(int k, int a, int b) { return ops[k % 5](a, b); }

int main(void)
{
    int v[10] = { 3, -1, 4, 1, -5, 9, 2, -6, 5, 3 };
    for (int k = 0; k < 5; k++)
        printf("fold %s = %d\n", opname[k], fold(v, 10, ops[k], k == 2 ? 1 : 0));
    for (int k = 0; k < 3; k++) {
        map(v, 10, choose(k));
        printf("after map %d:", k);
        for (int i = 0; i < 10; i++) printf(" %d", v[i]);
        putchar('\n');
    }
    struct shape shapes[] = { { &rect, 3, 4 }, { &square, 5, 0 }, { &tri, 6, 8 }, { &rect, 10, 1 } };
    int total = 0;
    for (int i = 0; i < 4; i++) {
        printf("%s area=%d perim=%d\n", shapes[i].vt->name, shapes[i].vt->area(&shapes[i]),
               shapes[i].vt->perim(&shapes[i]));
        total += shapes[i].vt->area(&shapes[i]);
    }
    int acc = 0;
    for (int i = 0; i < 100000; i++) acc = tail_dispatch(i, acc, i) & 0xffffff;
    printf("total area=%d dispatch acc=%d\n", total, acc);
    return 0;
}
