/* dhry: a Dhrystone-like mix written for this suite (not Dhrystone itself):
 * record assignment through pointers, short string copies and compares,
 * enumerations through a switch, small procedure calls and array updates,
 * in about the proportions the original measured as "typical" in 1984. */
#include "bench.h"
#include <string.h>

enum colour { RED, GREEN, BLUE, WHITE, BLACK };

struct record {
    struct record *next;
    enum colour colour;
    int number;
    char name[40];
};

static int glob_int, arr1[64], arr2[64][64];
static char glob_char;

static enum colour shade(enum colour c, int n)
{
    switch (c) {
    case RED:   return n > 10 ? GREEN : RED;
    case GREEN: return BLUE;
    case BLUE:  return n & 1 ? WHITE : BLACK;
    case WHITE: return RED;
    default:    return GREEN;
    }
}

static int same_name(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static void proc_record(struct record *r, int i)
{
    struct record *n = r->next;
    *n = *r;                               /* structure assignment */
    n->number = r->number + i;
    n->colour = shade(r->colour, n->number);
    if (n->colour == WHITE)
        n->number -= 3;
    r->next = n;
}

static int proc_arrays(int a, int b)
{
    int loc = a + 5;
    arr1[loc & 63] = b;
    arr1[(loc + 1) & 63] = arr1[loc & 63];
    arr1[(loc + 30) & 63] = loc;
    for (int i = loc; i <= loc + 1; i++)
        arr2[loc & 63][i & 63] = loc;
    arr2[loc & 63][(loc - 1) & 63] += 1;
    arr2[(loc + 20) & 63][loc & 63] = arr1[loc & 63];
    return arr1[(loc + 30) & 63];
}

int main(int argc, char **argv)
{
    long runs = bench_size(argc, argv, 12000000);
    struct record r1, r2;
    char s1[40], s2[40];
    uint32_t sum = 0;

    r1.next = &r2;
    r1.colour = RED;
    r1.number = 40;
    strcpy(r1.name, "DHRYSTONE-LIKE PROGRAM, RECORD");
    strcpy(s1, "DHRYSTONE-LIKE PROGRAM, 1'ST STRING");
    for (long i = 0; i < runs; i++) {
        int a = (int)(i & 7), b = 3, c;
        glob_char = 'A' + (i & 3);
        strcpy(s2, (i & 1) ? "DHRYSTONE-LIKE PROGRAM, 2'ND STRING" : "DHRYSTONE-LIKE PROGRAM, 1'ST STRING");
        glob_int = !same_name(s1, s2);
        c = a * b;
        b = c / (a + 1);
        c = proc_arrays(a, c) + b;
        proc_record(&r1, a);
        r1.next = &r2;
        r1.number = r2.number % 1000;
        r1.colour = r2.colour;
        sum += c + r2.number + glob_int + glob_char + r2.colour;
    }
    printf("dhry %ld %u %d %d\n", runs, sum, r1.number, arr2[8][9]);
    return 0;
}
