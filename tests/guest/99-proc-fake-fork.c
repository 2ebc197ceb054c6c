/*
 * A fork while another thread opens and inspects this process's /proc
 * files: the child, with only the forking thread, opens them too and
 * exits.  Natively nothing the other thread held stays held in the child
 * (kernel locks are not copied); a child that hangs is a lock copied
 * held.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;

static void use_proc(void)
{
    struct stat st;
    int fd = open("/proc/self/cmdline", O_RDONLY);

    if (fd >= 0) {
        fstat(fd, &st);
        close(fd);
    }
}

static void *opener(void *arg)
{
    (void)arg;
    while (!stop)
        use_proc();
    return NULL;
}

int main(void)
{
    pthread_t t;
    int ok = 0;

    pthread_create(&t, NULL, opener, NULL);
    for (int i = 0; i < 300; i++) {
        int status;
        pid_t pid = fork();
        if (pid == 0) {
            alarm(10);
            use_proc();
            _exit(0);
        }
        if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
            WEXITSTATUS(status) == 0)
            ok++;
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("children that exited: %d of 300\n", ok);
    return 0;
}
