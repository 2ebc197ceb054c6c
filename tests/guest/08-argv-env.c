/* 08-argv-env: the initial stack — argc, argv (with spaces and an empty
 * argument), the environment variable STITCH_TEST_VAR that the runner sets,
 * an unset variable, setenv/unsetenv, and exit(42) as the exit status.
 * argv[0] is printed as its basename only (the path differs per build dir). */
/* args: one "two words" "" --flag=x 12345 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv, char **envp)
{
    const char *slash = strrchr(argv[0], '/');
    printf("argc=%d argv0=%s\n", argc, slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] ? "non-null" : "NULL");
    const char *v = getenv("STITCH_TEST_VAR");
    printf("STITCH_TEST_VAR=%s\n", v ? v : "(unset)");
    v = getenv("STITCH_TEST_SURELY_UNSET");
    printf("STITCH_TEST_SURELY_UNSET=%s\n", v ? v : "(unset)");
    int seen = 0;
    for (char **e = envp; *e; e++)
        if (strncmp(*e, "STITCH_TEST_VAR=", 16) == 0) seen++;
    printf("seen in envp %d time(s)\n", seen);
    setenv("MY_VAR", "set-by-guest", 1);
    printf("MY_VAR=%s\n", getenv("MY_VAR"));
    unsetenv("MY_VAR");
    printf("MY_VAR after unset=%s\n", getenv("MY_VAR") ? "still" : "(unset)");
    fflush(stdout);
    exit(42);
}
