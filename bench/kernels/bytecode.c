/* bytecode: a small stack-machine interpreter running a bytecode program
 * (nested loops summing gcds).  Stresses switch dispatch through a jump
 * table, i.e. one indirect jump per bytecode: the hard case for block
 * chaining, which only links direct jumps. */
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, MOD, LT, JZ, JMP, HALT };

static int code[256], ncode;

static int emit(int op) { code[ncode] = op; return ncode++; }
static int here(void) { return ncode; }

/* Locals: 0 i, 1 j, 2 a, 3 b, 4 sum, 5 n (set by run()).
 *   sum = 0; for (i = 1; i < n; i++) for (j = 1; j < 64; j++) {
 *       a = i; b = j; while (b) { t = a % b; a = b; b = t; } sum += a; } */
static void assemble(void)
{
    emit(PUSH); emit(0); emit(STORE); emit(4);
    emit(PUSH); emit(1); emit(STORE); emit(0);
    int outer = here();
    emit(LOAD); emit(0); emit(LOAD); emit(5); emit(LT); emit(JZ);
    int exit_outer = emit(0);
    emit(PUSH); emit(1); emit(STORE); emit(1);
    int inner = here();
    emit(LOAD); emit(1); emit(PUSH); emit(64); emit(LT); emit(JZ);
    int exit_inner = emit(0);
    emit(LOAD); emit(0); emit(STORE); emit(2);
    emit(LOAD); emit(1); emit(STORE); emit(3);
    int gcd = here();
    emit(LOAD); emit(3); emit(JZ);
    int exit_gcd = emit(0);
    emit(LOAD); emit(2); emit(LOAD); emit(3); emit(MOD);   /* a % b */
    emit(LOAD); emit(3); emit(STORE); emit(2);             /* a = b */
    emit(STORE); emit(3);                                  /* b = a % b */
    emit(JMP); emit(gcd);
    code[exit_gcd] = here();
    emit(LOAD); emit(4); emit(LOAD); emit(2); emit(ADD); emit(STORE); emit(4);
    emit(LOAD); emit(1); emit(PUSH); emit(1); emit(ADD); emit(STORE); emit(1);
    emit(JMP); emit(inner);
    code[exit_inner] = here();
    emit(LOAD); emit(0); emit(PUSH); emit(1); emit(ADD); emit(STORE); emit(0);
    emit(JMP); emit(outer);
    code[exit_outer] = here();
    emit(HALT);
}

static int32_t run(int n)
{
    int32_t stack[64], locals[8] = { 0 };
    int sp = 0, pc = 0;
    locals[5] = n;
    for (;;) {
        switch (code[pc++]) {
        case PUSH:  stack[sp++] = code[pc++]; break;
        case LOAD:  stack[sp++] = locals[code[pc++]]; break;
        case STORE: locals[code[pc++]] = stack[--sp]; break;
        case ADD:   sp--; stack[sp - 1] += stack[sp]; break;
        case MOD:   sp--; stack[sp - 1] %= stack[sp]; break;
        case LT:    sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ:    pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case JMP:   pc = code[pc]; break;
        case HALT:  return locals[4];
        default:    return -1;
        }
    }
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 5000);
    assemble();
    printf("bytecode %ld %d\n", n, run((int)n));
    return 0;
}
