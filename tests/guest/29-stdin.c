/* 29-stdin: reading standard input — the runner feeds this source file on
 * stdin. Counts lines, words and bytes (like wc), the longest line, a
 * checksum, letter frequencies; then reads again to hit EOF and checks
 * read(0) after EOF returns 0. With /dev/null it prints zeros. */
/* stdin: self */
#include <stdio.h>
#include <ctype.h>
#include <unistd.h>

int main(void)
{
    unsigned lines = 0, words = 0, bytes = 0, longest = 0, cur = 0, sum = 0;
    unsigned freq[26] = { 0 };
    int c, inword = 0;
    while ((c = getchar()) != EOF) {
        bytes++;
        sum = sum * 131 + (unsigned)c;
        if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; }
        else cur++;
        if (isspace(c)) inword = 0;
        else if (!inword) { inword = 1; words++; }
        if (isalpha(c)) freq[tolower(c) - 'a']++;
    }
    printf("lines=%u words=%u bytes=%u longest=%u sum=%08x\n", lines, words, bytes, longest, sum);
    for (int i = 0; i < 26; i++) printf("%c%u%s", 'a' + i, freq[i], i == 25 ? "\n" : " ");
    printf("getchar after EOF=%d feof=%d\n", getchar(), feof(stdin) != 0);
    char buf[16];
    printf("read after EOF=%zd\n", read(0, buf, sizeof buf));
    return 0;
}
