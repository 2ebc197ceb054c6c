/* 30-stderr: output on both stdout and stderr, interleaved — stderr is
 * unbuffered, stdout is fully buffered when not a terminal, so the order in
 * each stream is what is compared; plus perror, fputs(stderr), a raw
 * write(2), and an exit status of 3. */
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <string.h>

int main(void)
{
    for (int i = 0; i < 5; i++) {
        printf("stdout line %d\n", i);
        fprintf(stderr, "stderr line %d\n", i);
    }
    errno = ENOENT;
    perror("perror says");
    errno = EACCES;
    fprintf(stderr, "strerror: %s\n", strerror(errno));
    fputs("fputs to stderr\n", stderr);
    static const char raw[] = "raw write(2) to fd 2\n";
    write(2, raw, sizeof raw - 1);
    fflush(stdout);
    static const char raw1[] = "raw write(2) to fd 1 after fflush\n";
    write(1, raw1, sizeof raw1 - 1);
    printf("last stdout line\n");
    return 3;
}
