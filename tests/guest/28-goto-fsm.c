/* 28-goto-fsm: a goto-driven state machine — a tokenizer for a little
 * expression language written with labels and gotos (no loops), counting
 * identifiers, numbers (decimal and hex), strings with escapes, comments
 * and operators, then an explicit-state DFA that accepts binary multiples
 * of 3 tried on 0..4095. Many tiny basic blocks with direct jumps. */
#include <stdio.h>

static const char src[] =
    "let x1 = 0x1F + 42; // comment\n"
    "print(\"hi \\\"there\\\"\", x1 * 7 - -3);\n"
    "/* block\n comment */ if x1 >= 10 { y = x1 / 2 } else { y = 0 }\n"
    "s = \"unterminated";

int main(void)
{
    const char *p = src;
    int idents = 0, numbers = 0, strings = 0, comments = 0, ops = 0, bad = 0;
    long numsum = 0, cur = 0;

start:
    if (!*p) goto done;
    if (*p == ' ' || *p == '\n' || *p == '\t') { p++; goto start; }
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_') goto ident;
    if (*p == '0' && (p[1] == 'x' || p[1] == 'X')) { p += 2; cur = 0; goto hex; }
    if (*p >= '0' && *p <= '9') { cur = 0; goto dec; }
    if (*p == '"') { p++; goto str; }
    if (*p == '/' && p[1] == '/') goto line_comment;
    if (*p == '/' && p[1] == '*') { p += 2; goto block_comment; }
    goto op;

ident:
    p++;
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' || (*p >= '0' && *p <= '9'))
        goto ident;
    idents++;
    goto start;

dec:
    if (*p >= '0' && *p <= '9') { cur = cur * 10 + (*p++ - '0'); goto dec; }
    numbers++; numsum += cur;
    goto start;

hex:
    if (*p >= '0' && *p <= '9') { cur = cur * 16 + (*p++ - '0'); goto hex; }
    if ((*p | 32) >= 'a' && (*p | 32) <= 'f') { cur = cur * 16 + ((*p++ | 32) - 'a' + 10); goto hex; }
    numbers++; numsum += cur;
    goto start;

str:
    if (!*p) { bad++; goto done; }
    if (*p == '\\') { p += 2; goto str; }
    if (*p++ == '"') { strings++; goto start; }
    goto str;

line_comment:
    if (*p && *p != '\n') { p++; goto line_comment; }
    comments++;
    goto start;

block_comment:
    if (!*p) { bad++; goto done; }
    if (*p == '*' && p[1] == '/') { p += 2; comments++; goto start; }
    p++;
    goto block_comment;

op:
    if ((*p == '>' || *p == '<' || *p == '=' || *p == '!') && p[1] == '=') p++;
    p++;
    ops++;
    goto start;

done:
    printf("idents=%d numbers=%d sum=%ld strings=%d comments=%d ops=%d unterminated=%d\n",
           idents, numbers, numsum, strings, comments, ops, bad);

    /* DFA over the bits of n, state = value mod 3 */
    int accepted = 0;
    for (unsigned n = 0; n < 4096; n++) {
        int bit = 11;
        unsigned v = n;
    s0:
        if (bit < 0) goto acc;
        if (v >> bit-- & 1) goto s1; else goto s0;
    s1:
        if (bit < 0) goto rej;
        if (v >> bit-- & 1) goto s0; else goto s2;
    s2:
        if (bit < 0) goto rej;
        if (v >> bit-- & 1) goto s2; else goto s1;
    acc:
        accepted++;
        if (n % 3) printf("DFA wrong at %u\n", n);
        continue;
    rej:
        if (n % 3 == 0) printf("DFA rejected %u\n", n);
    }
    printf("multiples of 3 below 4096: %d\n", accepted);
    return 0;
}
