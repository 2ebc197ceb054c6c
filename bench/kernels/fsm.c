/* fsm: a branchy state machine: a hand-written lexer for a C-like
 * language run over generated source text, counting token kinds.  Each
 * character goes through nested, poorly predictable branches. */
#include "bench.h"

#define TEXT (1 << 20)

static char src[TEXT + 1];
static uint32_t counts[8];

enum { ST_START, ST_IDENT, ST_NUMBER, ST_HEX, ST_STRING, ST_ESCAPE, ST_SLASH, ST_COMMENT, ST_STAR };
enum { T_IDENT, T_NUMBER, T_STRING, T_PUNCT, T_COMMENT, T_KEYWORD };

static void generate(void)
{
    static const char *frag[] = { "int ", "x", "y1", "while", "(", ")", "{", "}", ";", "0x1f", "42",
                                  "\"s\\n\"", "/* c */", " ", "\n", "+", "/", "*", "return", "for" };
    uint32_t seed = 5;
    size_t n = 0;
    while (n < TEXT - 16) {
        const char *f = frag[bench_rand(&seed) % 20];
        while (*f)
            src[n++] = *f++;
    }
    src[n] = 0;
}

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static void lex(void)
{
    int st = ST_START, len = 0;
    uint32_t kw = 0;
    for (const char *p = src;; p++) {
        int c = *p;
        switch (st) {
        case ST_START:
        again:
            if (is_alpha(c)) { st = ST_IDENT; len = 1; kw = c; }
            else if (c == '0' && p[1] == 'x') { st = ST_HEX; p++; }
            else if (is_digit(c)) st = ST_NUMBER;
            else if (c == '"') st = ST_STRING;
            else if (c == '/') st = ST_SLASH;
            else if (c == ' ' || c == '\n' || c == '\t') ;
            else if (c == 0) return;
            else counts[T_PUNCT]++;
            break;
        case ST_IDENT:
            if (is_alpha(c) || is_digit(c)) { len++; kw = kw * 31 + c; break; }
            counts[(len == 5 && kw == 0x6c79ed9) || (len == 6 && kw == 0xc84c8cf4) || len == 3 ? T_KEYWORD : T_IDENT]++;
            st = ST_START; goto again;
        case ST_NUMBER:
            if (is_digit(c)) break;
            counts[T_NUMBER]++; st = ST_START; goto again;
        case ST_HEX:
            if (is_digit(c) || (c >= 'a' && c <= 'f')) break;
            counts[T_NUMBER]++; st = ST_START; goto again;
        case ST_STRING:
            if (c == '\\') st = ST_ESCAPE;
            else if (c == '"') { counts[T_STRING]++; st = ST_START; }
            else if (c == 0) return;
            break;
        case ST_ESCAPE: st = ST_STRING; break;
        case ST_SLASH:
            if (c == '*') st = ST_COMMENT;
            else { counts[T_PUNCT]++; st = ST_START; goto again; }
            break;
        case ST_COMMENT:
            if (c == '*') st = ST_STAR;
            else if (c == 0) return;
            break;
        case ST_STAR:
            if (c == '/') { counts[T_COMMENT]++; st = ST_START; }
            else if (c != '*') st = ST_COMMENT;
            break;
        }
    }
}

int main(int argc, char **argv)
{
    long reps = bench_size(argc, argv, 25);
    uint32_t sum = 0;
    generate();
    for (long r = 0; r < reps; r++) {
        lex();
        src[(r * 7919) % TEXT] = 'q';          /* perturb the input each pass */
        for (int i = 0; i < 8; i++)
            sum = sum * 31 + counts[i];
    }
    printf("fsm %ld %u\n", reps, sum);
    return 0;
}
