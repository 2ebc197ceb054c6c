/*
 * dyngen [-o DIR] [-p REGS] [-k helper.o]... op1.o [op2.o ...]
 *
 * -p lists the host registers that hold pinned guest registers (from the
 * guest's op/<guest>/pinned-regs.h, e.g. "r8,r9,r10,rbp,r11"): an op that
 * calls a helper must leave them alone.  -k names an object of helpers that
 * keep those registers; ops that call only those need no spill/fill.
 * dyngen itself knows no guest: both come from the command line.
 *
 * Any op it cannot copy safely stops the build with the op, the offset and
 * the reason (STYLE.md: "generated code is a product with a guard").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dyngen.h"

static int duplicate_op(const OpSet *set)
{
    for (int i = 0; i < set->nops; i++)
        for (int j = i + 1; j < set->nops; j++)
            if (strcmp(set->ops[i].name, set->ops[j].name) == 0) {
                fprintf(stderr, "dyngen: op_%s defined twice\n",
                        set->ops[i].name);
                return 1;
            }
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = ".";
    char sources[4096] = "";
    char err[DYNGEN_ERR_MAX];
    OpSet set = {0};
    int i = 1;

    if (argc > 2 && strcmp(argv[1], "-o") == 0) {
        dir = argv[2];
        i = 3;
    }
    if (i + 1 < argc && strcmp(argv[i], "-p") == 0) {
        if (dyngen_set_pinned(argv[i + 1], err) < 0) {
            fprintf(stderr, "dyngen: error: %s\n", err);
            return 1;
        }
        i += 2;
    }
    for (; i + 1 < argc && strcmp(argv[i], "-k") == 0; i += 2)
        if (dyngen_read_keeping_helpers(argv[i + 1], &set, err) < 0) {
            fprintf(stderr, "dyngen: error: %s\n", err);
            return 1;
        }
    if (i >= argc) {
        fprintf(stderr, "usage: dyngen [-o DIR] [-p REGS] [-k helper.o]... op.o...\n");
        return 1;
    }
    for (; i < argc; i++) {
        if (dyngen_read_object(argv[i], &set, err) < 0) {
            fprintf(stderr, "dyngen: error: %s\n", err);
            return 1;
        }
        strncat(sources, argv[i], sizeof(sources) - strlen(sources) - 2);
        strcat(sources, " ");
    }
    if (duplicate_op(&set) || dyngen_write(&set, dir, sources) < 0)
        return 1;
    opset_free(&set);
    return 0;
}
