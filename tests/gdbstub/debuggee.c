/* debuggee: the program tests/gdbstub/run-gdb.sh debugs under stitch.
 * With an argument it spins at the end until the debugger sets `stop`;
 * with "fork", a child calls square() first. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int calls;
int handled;
volatile int stop;
volatile unsigned spins;

static void on_usr1(int sig)
{
    handled = sig;
}

int square(int x)
{
    int y = x * x;
    calls++;
    return y;
}

int main(int argc, char **argv)
{
    int total = 0;

    if (argc > 1 && !strcmp(argv[1], "fork")) {
        pid_t pid = fork();
        if (pid == 0) {
            printf("child square=%d\n", square(7));
            fflush(stdout);
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        printf("child status=%d\n", status);
        fflush(stdout);
        argc = 1;
    }
    signal(SIGUSR1, on_usr1);
    for (int i = 2; i < 5; i++)
        total += square(i);
    raise(SIGUSR1);
    printf("total=%d calls=%d handled=%d\n", total, calls, handled);
    fflush(stdout);
    while (argc > 1 && !stop)
        spins++;
    return 3;
}
