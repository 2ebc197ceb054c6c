/*
 * The signal sets of /proc/self/status (fs/proc/array.c task_sig,
 * render_sigset_t) are the program's: SigIgn and SigCgt its ignored and
 * caught signals (collect_sigign_sigcatch), nothing else caught; SigBlk
 * the thread's blocked set, a real-time signal at its own number,
 * SIGSEGV too; SigPnd and ShdPnd what waits for the thread and for the
 * process.  A second thread sees its own set under /proc/thread-self and
 * the main thread's under /proc/self.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_signal(int sig)
{
    (void)sig;
}

static void sets(const char *when, const char *path)
{
    char line[512];
    FILE *f = fopen(path, "r");

    if (!f)
        return;
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "SigPnd:", 7) || !strncmp(line, "ShdPnd:", 7) ||
            !strncmp(line, "SigBlk:", 7) || !strncmp(line, "SigIgn:", 7) ||
            !strncmp(line, "SigCgt:", 7))
            printf("%-22s %-24s %s", when, path, line);
    fclose(f);
}

static void block(int sig)
{
    sigset_t s;

    sigemptyset(&s);
    sigaddset(&s, sig);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
}

/* Posted once pthread_create has given the main thread its mask back
 * (glibc blocks every signal around the clone). */
static sem_t created;

static void *second(void *arg)
{
    (void)arg;
    while (sem_wait(&created) != 0)
        ;
    block(SIGUSR2);
    block(SIGRTMIN + 5);
    sets("second thread", "/proc/thread-self/status");
    sets("second thread", "/proc/self/status");
    return NULL;
}

int main(void)
{
    union sigval v = { .sival_int = 1 };
    pthread_t t;

    sets("at start", "/proc/self/status");
    signal(SIGUSR1, on_signal);
    signal(SIGRTMIN + 1, on_signal);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGSEGV, SIG_IGN);
    signal(SIGHUP, on_signal);
    sets("actions", "/proc/self/status");
    block(SIGINT);
    block(SIGRTMIN + 2);
    block(SIGSEGV);
    block(SIGHUP);
    sets("blocked", "/proc/self/status");
    raise(SIGINT);
    sigqueue(getpid(), SIGRTMIN + 2, v);
    kill(getpid(), SIGHUP);
    sets("pending", "/proc/self/status");
    sets("pending", "/proc/thread-self/status");
    signal(SIGSEGV, SIG_DFL);
    signal(SIGRTMIN + 1, SIG_DFL);
    sets("actions back", "/proc/self/status");
    sem_init(&created, 0, 0);
    if (pthread_create(&t, NULL, second, NULL) == 0) {
        sem_post(&created);
        pthread_join(t, NULL);
    }
    return 0;
}
