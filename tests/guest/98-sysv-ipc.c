/*
 * SysV IPC through the C library (ipc() on i386, the direct calls on ARM):
 * shared memory attached twice, read-only, across fork, at a bad address;
 * semaphores set, read, waited on with IPC_NOWAIT and a timeout; message
 * queues with types, truncation and an empty queue; the IPC_STAT and
 * IPC_SET layouts.  Only what is the same on every run is printed.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-40s -> -1 %s\n", what, strerror(errno));
    else
        printf("%-40s -> %ld\n", what, r);
}

static void shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    struct shmid_ds ds;

    show("shmget 10000 bytes", id >= 0 ? 0 : -1);
    if (id < 0)
        return;
    show("shmctl IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("  segsz %lu mode %o nattch %lu\n", (unsigned long)ds.shm_segsz,
           (unsigned)ds.shm_perm.mode & 0777, (unsigned long)ds.shm_nattch);
    char *p = shmat(id, NULL, 0);
    show("shmat", p == (void *)-1 ? -1 : 0);
    if (p == (void *)-1)
        return;
    strcpy(p, "shared text");
    p[9999] = 'z';
    const char *q = shmat(id, NULL, SHM_RDONLY);
    show("shmat read-only, second time", q == (void *)-1 ? -1 : 0);
    if (q != (void *)-1)
        printf("  second view: \"%s\" %c, distinct address %d\n", q, q[9999], q != p);
    shmctl(id, IPC_STAT, &ds);
    printf("  nattch %lu\n", (unsigned long)ds.shm_nattch);
    show("shmdt the read-only view", shmdt(q));
    show("shmdt it again", shmdt(q));
    show("shmat at an unaligned address", shmat(id, p + 1, 0) == (void *)-1 ? -1 : 0);
    pid_t pid = fork();
    if (pid == 0) {
        strcpy(p, "child wrote");
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("  after the child: \"%s\"\n", p);
    ds.shm_perm.mode = 0640;
    show("shmctl IPC_SET mode 0640", shmctl(id, IPC_SET, &ds));
    shmctl(id, IPC_STAT, &ds);
    printf("  mode %o nattch %lu\n", (unsigned)ds.shm_perm.mode & 0777,
           (unsigned long)ds.shm_nattch);
    struct shminfo info;
    show("shmctl IPC_INFO", shmctl(id, IPC_INFO, (struct shmid_ds *)&info) >= 0 ? 0 : -1);
    printf("  shmmni > 0: %d, shmmax > 0: %d\n", info.shmmni > 0, info.shmmax > 0);
    show("shmdt", shmdt(p));
    show("shmctl IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show("shmat a removed segment", shmat(id, NULL, 0) == (void *)-1 ? -1 : 0);
    show("shmctl on id -1", shmctl(-1, IPC_STAT, &ds));
}

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void sem(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    unsigned short vals[3] = { 1, 2, 3 }, got[3] = { 0 };
    struct semid_ds ds;

    show("semget 3", id >= 0 ? 0 : -1);
    if (id < 0)
        return;
    show("semctl SETALL 1 2 3", semctl(id, 0, SETALL, (union semun){ .array = vals }));
    show("semctl GETALL", semctl(id, 0, GETALL, (union semun){ .array = got }));
    printf("  %u %u %u\n", got[0], got[1], got[2]);
    struct sembuf up = { 0, 1, 0 }, down2 = { 0, -3, IPC_NOWAIT };
    show("semop +1 on 0", semop(id, &up, 1));
    show("semctl GETVAL 0", semctl(id, 0, GETVAL));
    show("semop -3 IPC_NOWAIT", semop(id, &down2, 1));
    struct sembuf wait0 = { 2, -4, 0 };
    struct timespec ts = { 0, 20000000 };
    show("semtimedop -4 on 2, 20 ms", semtimedop(id, &wait0, 1, &ts));
    show("semctl SETVAL 1 = 7", semctl(id, 1, SETVAL, (union semun){ .val = 7 }));
    show("semctl GETVAL 1", semctl(id, 1, GETVAL));
    show("semctl IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    printf("  nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, (unsigned)ds.sem_perm.mode & 0777);
    show("semctl IPC_RMID", semctl(id, 0, IPC_RMID));
    show("semop on a removed set", semop(id, &up, 1));
}

struct msg {
    long type;
    char text[32];
};

static void msg(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct msg m;
    struct msqid_ds ds;

    show("msgget", id >= 0 ? 0 : -1);
    if (id < 0)
        return;
    m.type = 5;
    strcpy(m.text, "hello");
    show("msgsnd type 5", msgsnd(id, &m, 6, 0));
    m.type = 7;
    strcpy(m.text, "world, longer");
    show("msgsnd type 7", msgsnd(id, &m, 14, 0));
    m.type = 0;
    show("msgsnd type 0", msgsnd(id, &m, 4, 0));
    show("msgctl IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("  qnum %lu cbytes %lu mode %o\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, (unsigned)ds.msg_perm.mode & 0777);
    memset(&m, 0, sizeof(m));
    show("msgrcv type 7, 5 bytes", msgrcv(id, &m, 5, 7, 0));
    show("msgrcv type 7, 5 bytes, MSG_NOERROR", msgrcv(id, &m, 5, 7, MSG_NOERROR));
    printf("  type %ld \"%.5s\"\n", m.type, m.text);
    memset(&m, 0, sizeof(m));
    show("msgrcv any", msgrcv(id, &m, sizeof(m.text), 0, 0));
    printf("  type %ld \"%s\"\n", m.type, m.text);
    show("msgrcv on an empty queue, IPC_NOWAIT", msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT));
    show("msgsnd from an unmapped buffer", msgsnd(id, (void *)16, 4, 0));
    show("msgctl IPC_RMID", msgctl(id, IPC_RMID, NULL));
    show("msgsnd to a removed queue", msgsnd(id, &m, 4, 0));
}

int main(void)
{
    shm();
    sem();
    msg();
    return 0;
}
