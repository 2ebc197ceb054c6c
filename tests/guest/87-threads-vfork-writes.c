/* 87-threads-vfork-writes: vfork(2) suspends the calling thread only; a
 * system call of another thread completes while the child runs (under
 * stitch too, though the thread then waits to run guest code again).
 * Here a thread is blocked in read() into a buffer on the same page as a
 * variable the child stores to; the child writes the pipe, so the
 * kernel copies the bytes read while the child still lives; the child
 * stores, waits a little, and exits.  The parent must see both: the
 * child's store and the bytes read (stitch carries only the bytes the
 * child changed, exec/write-log.c, not its copy of the whole page).
 * cflags: -pthread */
/* levels: O0 O2 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static struct {
    char buf[32];
    volatile int read_done;
    volatile int child_store;
} page __attribute__((aligned(4096)));

static int fds[2];

static void *reader(void *arg)
{
    (void)arg;
    ssize_t n = read(fds[0], page.buf, sizeof(page.buf) - 1);
    page.read_done = n > 0 ? (int)n : -1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    int st;

    pipe(fds);
    pthread_create(&t, NULL, reader, NULL);
    usleep(20000); /* the reader blocks in read() first */
    pid_t pid = vfork();
    if (pid == 0) {
        page.child_store = 77;
        write(fds[1], "from the child", 14);
        /* The read's copy happens in the parent while the child lives. */
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    pthread_join(t, NULL);
    printf("child exit %d\n", WEXITSTATUS(st));
    printf("child's store %d\n", page.child_store);
    printf("read %d: %s\n", page.read_done, page.buf);
    return 0;
}
