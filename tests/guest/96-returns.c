/* 96-returns: returns that do not go back where the call came from, for
 * a translator that predicts returns or probes a table of indirect-jump
 * targets (exec/op-exec.c: op_goto_indirect) -- every one must still land
 * where the CPU would:
 * - a callee that rewrites its own return address, alternating targets;
 * - `push $label; ret` and `call next; pop` (a call never returned from);
 * - `ret $imm` and a return through a function pointer chain;
 * - longjmp out of deep recursion, many times;
 * - a return into code that the callee overwrote (SMC) after the call;
 * - recursion deeper than any shadow stack, plain and mutual;
 * - indirect jumps to the same targets from many sites;
 * - an indirect jump to guest address 0 (SIGSEGV, caught). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int ret_rewritten(int which);
int push_ret(void);
int call_pop(void);
int ret_imm(int a, int b);
__asm__(".text\n"
        /* which != 0: return to alt instead of the instruction after the call */
        "ret_rewritten:\n"
        "  movl 4(%esp), %eax\n"
        "  call 1f\n"
        "  movl $1, %eax\n"
        "  ret\n"
        "1: testl %eax, %eax\n"
        "  jz 2f\n"
        "  movl $3f, (%esp)\n"
        "2: ret\n"
        "3: movl $2, %eax\n"
        "  ret\n"
        "push_ret:\n"
        "  pushl $4f\n"
        "  ret\n"
        "  movl $-1, %eax\n"
        "  ret\n"
        "4: movl $7, %eax\n"
        "  ret\n"
        "call_pop:\n"
        "  call 5f\n"
        "5: popl %eax\n"
        "  subl $5b, %eax\n"
        "  addl $11, %eax\n"
        "  ret\n"
        "ret_imm:\n"
        "  call 6f\n"
        "  ret\n"
        "6: pushl 12(%esp)\n"
        "  pushl 12(%esp)\n"
        "  call 7f\n"
        "  ret\n"
        "7: movl 4(%esp), %eax\n"
        "  imull 8(%esp), %eax\n"
        "  ret $8\n");

static jmp_buf env;
static int deep(int n, int limit)
{
    volatile char pad[16];
    pad[n & 15] = (char)n;
    if (n == limit)
        longjmp(env, n + pad[n & 15] - (char)n);
    return deep(n + 1, limit) + 1;
}

static unsigned long sum_to(unsigned long n) { return n ? n + sum_to(n - 1) : 0; }
static long odd(long n);
static long even(long n) { return n ? odd(n - 1) + 1 : 0; }
static long odd(long n) { return n ? even(n - 1) + 2 : 1; }

/* int caller(void (*helper)(void)): mov 4(%esp),%ecx; call *%ecx;
 * mov $1,%eax; ret -- the immediate at byte 7 is what helper patches */
static unsigned char *smc;
static int patch_to;
static void patch_continuation(void)
{
    if (patch_to)
        smc[7] = (unsigned char)patch_to;
}

static int f_a(int x) { return x + 1; }
static int f_b(int x) { return x * 2; }
static int f_c(int x) { return x - 3; }
static int (*const fns[])(int) = {f_a, f_b, f_c};

static sigjmp_buf segv_env;
static void on_segv(int sig) { siglongjmp(segv_env, sig); }

int main(void)
{
    long s = 0;
    for (int i = 0; i < 3000; i++)
        s += ret_rewritten(i % 3 == 0);
    printf("rewritten return address: %ld\n", s);

    s = 0;
    for (int i = 0; i < 2000; i++)
        s += push_ret() + call_pop() + ret_imm(i, 3);
    printf("push/ret, call/pop, ret imm: %ld\n", s);

    s = 0;
    for (int i = 0; i < 300; i++) {
        int r = setjmp(env);
        if (r) {
            s += r;
            continue;
        }
        deep(0, 5 + i * 7 % 400);
    }
    printf("longjmp out of recursion: %ld\n", s);

    smc = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (smc == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    static const unsigned char caller[] = {0x8b, 0x4c, 0x24, 0x04, 0xff, 0xd1,
                                           0xb8, 0x01, 0, 0, 0, 0xc3};
    memcpy(smc, caller, sizeof caller);
    int (*call_helper)(void (*)(void)) = (int (*)(void (*)(void)))smc;
    s = 0;
    for (int i = 0; i < 1000; i++) {
        patch_to = i % 100 == 99 ? i / 100 + 2 : 0;
        s = s * 3 + call_helper(patch_continuation);
        s %= 1000003;
    }
    printf("return into overwritten code: %ld (last %d)\n", s, smc[7]);

    printf("deep recursion: %lu %ld %ld\n", sum_to(100000), even(50001),
           odd(30000));

    s = 0;
    for (int i = 0; i < 30000; i++) {
        s += fns[i % 3](i);
        s += fns[(i * 7) % 3](i) * 2;
        s %= 1000003;
    }
    printf("function pointers: %ld\n", s);

    signal(SIGSEGV, on_segv);
    int sig = sigsetjmp(segv_env, 1);
    if (!sig) {
        int (*volatile null_fn)(void) = 0;
        null_fn();
    }
    printf("call through a null pointer: signal %d\n", sig);
    return 0;
}
