/* 11-bytecode: a small stack-machine interpreter — the classic switch-heavy
 * dispatch loop with an indirect jump per instruction. Runs a program that
 * computes primes below 2000 and a program computing the Collatz record below
 * 30000, printing results and an instruction count. */
#include <stdio.h>
#include <stdint.h>

enum op { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIV, MOD, LT, EQ, NOT,
          JMP, JZ, JNZ, LOAD, STORE, PRINT, HALT, INC, DEC, ROT, AND, SHR };

static int32_t mem[16];
static int32_t stk[256];
static unsigned long long executed;

static void run(const int32_t *code)
{
    int sp = 0, pc = 0;
    for (;;) {
        executed++;
        int32_t op = code[pc++], a, b, c;
        switch (op) {
        case PUSH: stk[sp++] = code[pc++]; break;
        case POP: sp--; break;
        case DUP: stk[sp] = stk[sp - 1]; sp++; break;
        case SWAP: a = stk[sp - 1]; stk[sp - 1] = stk[sp - 2]; stk[sp - 2] = a; break;
        case OVER: stk[sp] = stk[sp - 2]; sp++; break;
        case ROT: a = stk[sp - 3]; b = stk[sp - 2]; c = stk[sp - 1];
                  stk[sp - 3] = b; stk[sp - 2] = c; stk[sp - 1] = a; break;
        case ADD: sp--; stk[sp - 1] += stk[sp]; break;
        case SUB: sp--; stk[sp - 1] -= stk[sp]; break;
        case MUL: sp--; stk[sp - 1] *= stk[sp]; break;
        case DIV: sp--; stk[sp - 1] /= stk[sp]; break;
        case MOD: sp--; stk[sp - 1] %= stk[sp]; break;
        case AND: sp--; stk[sp - 1] &= stk[sp]; break;
        case SHR: sp--; stk[sp - 1] >>= stk[sp]; break;
        case LT: sp--; stk[sp - 1] = stk[sp - 1] < stk[sp]; break;
        case EQ: sp--; stk[sp - 1] = stk[sp - 1] == stk[sp]; break;
        case NOT: stk[sp - 1] = !stk[sp - 1]; break;
        case INC: stk[sp - 1]++; break;
        case DEC: stk[sp - 1]--; break;
        case JMP: pc = code[pc]; break;
        case JZ: pc = stk[--sp] ? pc + 1 : code[pc]; break;
        case JNZ: pc = stk[--sp] ? code[pc] : pc + 1; break;
        case LOAD: stk[sp++] = mem[code[pc++]]; break;
        case STORE: mem[code[pc++]] = stk[--sp]; break;
        case PRINT: printf("%d\n", stk[--sp]); break;
        case HALT: return;
        default: printf("bad op %d at %d\n", op, pc - 1); return;
        }
    }
}

/* count primes < 2000 by trial division; print the count and the last prime.
 * mem: 0 = n, 1 = d, 2 = count, 3 = last prime. Numbers are code offsets. */
static const int32_t primes[] = {
    /* 0 */ PUSH, 2, STORE, 0,
    /* 4 */ PUSH, 0, STORE, 2,
    /* 8 */ LOAD, 0, PUSH, 2000, LT, JZ, 60,
    /* 15 */ PUSH, 2, STORE, 1,
    /* 19 */ LOAD, 1, LOAD, 1, MUL, LOAD, 0, SWAP, LT, JNZ, 44, /* n < d*d: prime */
    /* 30 */ LOAD, 0, LOAD, 1, MOD, JZ, 53,                      /* d | n: composite */
    /* 37 */ LOAD, 1, INC, STORE, 1, JMP, 19,
    /* 44 */ LOAD, 2, INC, STORE, 2, LOAD, 0, STORE, 3,
    /* 53 */ LOAD, 0, INC, STORE, 0, JMP, 8,
    /* 60 */ LOAD, 2, PRINT, LOAD, 3, PRINT, HALT,
};

/* longest Collatz chain for starts below 30000: print start and length.
 * mem: 0 = i, 1 = x, 2 = len, 4 = best len, 5 = best start. */
static const int32_t collatz[] = {
    /* 0 */ PUSH, 1, STORE, 0,
    /* 4 */ PUSH, 0, STORE, 4,
    /* 8 */ LOAD, 0, STORE, 1,
    /* 12 */ PUSH, 0, STORE, 2,
    /* 16 */ LOAD, 1, PUSH, 1, EQ, JNZ, 54,
    /* 23 */ LOAD, 2, INC, STORE, 2,
    /* 28 */ LOAD, 1, PUSH, 1, AND, JZ, 45,
    /* 35 */ LOAD, 1, PUSH, 3, MUL, INC, STORE, 1, JMP, 16,     /* x = 3x+1 */
    /* 45 */ LOAD, 1, PUSH, 1, SHR, STORE, 1, JMP, 16,          /* x = x/2 */
    /* 54 */ LOAD, 4, LOAD, 2, LT, JZ, 69,
    /* 61 */ LOAD, 2, STORE, 4, LOAD, 0, STORE, 5,
    /* 69 */ LOAD, 0, INC, DUP, STORE, 0, PUSH, 30000, LT, JNZ, 8,
    /* 80 */ LOAD, 5, PRINT, LOAD, 4, PRINT, HALT,
};

/* exercise the remaining opcodes once: ((7-3)*5/2) % 7, OVER, ROT, NOT, DEC */
static const int32_t misc[] = {
    PUSH, 7, PUSH, 3, SUB, PUSH, 5, MUL, PUSH, 2, DIV, PUSH, 7, MOD, PRINT,
    PUSH, 1, PUSH, 2, PUSH, 3, ROT, PRINT, PRINT, PRINT,
    PUSH, 10, PUSH, 20, OVER, PRINT, POP, DEC, PRINT,
    PUSH, 0, NOT, PRINT, PUSH, 5, NOT, PRINT, HALT,
};

int main(void)
{
    executed = 0;
    run(primes);
    printf("primes program: %llu instructions\n", executed);
    executed = 0;
    run(collatz);
    printf("collatz program: %llu instructions\n", executed);
    run(misc);
    return 0;
}
