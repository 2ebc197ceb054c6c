/*
 * Calls whose arguments point at more pointers or wider words than a
 * 32-bit task has: the key retention service (add_key, request_key,
 * keyctl with its per-operation arguments, the iovec of
 * KEYCTL_INSTANTIATE_IOV), the NUMA policy calls with their node masks in
 * 32-bit words, fanotify_mark's 64-bit mask in two words, the
 * remap_file_pages emulation, process_madvise's iovec and
 * process_mrelease.  Key serials change from run to run: what is printed
 * is whether the calls agree with each other.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY_SPEC_PROCESS_KEYRING -2
#define KEY_SPEC_SESSION_KEYRING -3

static long res(long r)
{
    return r < 0 ? -errno : r;
}

#define K(...) res(syscall(SYS_keyctl, __VA_ARGS__))

static void keys(void)
{
    long k = res(syscall(SYS_add_key, "user", "stitch-test", "hello", 5L, KEY_SPEC_PROCESS_KEYRING));
    printf("add_key                %s\n", k > 0 ? "serial" : "failed");
    if (k <= 0) {
        printf("  errno %ld\n", k);
        return;
    }
    char buf[128] = "";
    printf("READ                   %ld %s\n", K(11, k, buf, sizeof(buf)), buf);
    printf("READ size only         %ld\n", K(11, k, NULL, 0L));
    printf("READ short buffer      %ld\n", K(11, k, buf, 2L));
    printf("READ bad buffer        %ld\n", K(11, k, (void *)16, 64L));
    long n = K(6, k, buf, sizeof(buf));
    printf("DESCRIBE               %ld %s\n", n, strchr(buf, ';') ? strrchr(buf, ';') + 1 : buf);
    printf("UPDATE                 %ld\n", K(2, k, "bye", 3L));
    memset(buf, 0, sizeof(buf));
    printf("READ                   %ld %s\n", K(11, k, buf, sizeof(buf)), buf);
    printf("GET_KEYRING_ID proc    %s\n", K(0, KEY_SPEC_PROCESS_KEYRING, 0L) > 0 ? "id" : "none");
    printf("SEARCH                 %s\n",
           K(10, KEY_SPEC_PROCESS_KEYRING, "user", "stitch-test", 0L) == k ? "same key" : "WRONG");
    printf("SEARCH missing         %ld\n", K(10, KEY_SPEC_PROCESS_KEYRING, "user", "nope", 0L));
    printf("request_key            %s\n",
           res(syscall(SYS_request_key, "user", "stitch-test", NULL, 0L)) == k ? "same key" : "WRONG");
    printf("SETPERM                %ld\n", K(5, k, 0x3f3f0000L));
    printf("SET_TIMEOUT            %ld\n", K(15, k, 1000L));
    printf("CAPABILITIES           %s\n", K(31, buf, 2L) > 0 ? "some" : "none");
    printf("REVOKE                 %ld\n", K(3, k));
    printf("READ revoked           %ld\n", K(11, k, buf, sizeof(buf)));
    printf("INVALIDATE             %ld\n", K(21, k));

    /* A keyring of our own, a key linked to it, then moved and cleared */
    long ring = res(syscall(SYS_add_key, "keyring", "stitch-ring", NULL, 0L, KEY_SPEC_PROCESS_KEYRING));
    long k2 = res(syscall(SYS_add_key, "user", "k2", "abc", 3L, ring));
    /* Also in the process keyring: unlinked from `ring` below, k2 would
     * otherwise go to the kernel's key GC, which runs asynchronously, and
     * the calls on it after would answer EACCES or ENOKEY by timing. */
    K(8, k2, KEY_SPEC_PROCESS_KEYRING);
    int32_t ids[4] = { 0 };
    long got = K(11, ring, ids, sizeof(ids));
    printf("keyring READ           %ld, holds k2 %d\n", got, ids[0] == k2);
    printf("UNLINK                 %ld\n", K(9, k2, ring));
    printf("keyring READ           %ld\n", K(11, ring, ids, sizeof(ids)));
    printf("LINK                   %ld\n", K(8, k2, ring));
    printf("CLEAR                  %ld\n", K(7, ring));
    printf("keyring READ           %ld\n", K(11, ring, ids, sizeof(ids)));
    printf("INSTANTIATE_IOV no auth %ld\n", K(20, k2, NULL, 0L, 0L));
    struct iovec iov[2] = { { "ab", 2 }, { "cd", 2 } };
    printf("INSTANTIATE_IOV iov    %ld\n", K(20, k2, iov, 2L, 0L));
    printf("INSTANTIATE_IOV bad    %ld\n", K(20, k2, (void *)16, 2L, 0L));
    printf("INSTANTIATE_IOV 2000   %ld\n", K(20, k2, iov, 2000L, 0L));
    printf("DH_COMPUTE bad         %ld\n", K(23, (void *)16, buf, 8L, NULL));
    printf("PKEY_QUERY on user key %ld\n", K(24, k2, 0L, "", buf));
    printf("unknown op 99          %ld\n", K(99, 0L, 0L, 0L, 0L));
    printf("add_key bad type       %ld\n", res(syscall(SYS_add_key, "nosuchtype", "x", "y", 1L, ring)));
    printf("add_key bad pointer    %ld\n", res(syscall(SYS_add_key, (char *)16, "x", "y", 1L, ring)));
    printf("add_key bad payload    %ld\n", res(syscall(SYS_add_key, "user", "x", (char *)16, 4L, ring)));
}

static void numa(void)
{
    int mode = -1;
    uint32_t mask[4] = { 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef };

    long r = res(syscall(SYS_get_mempolicy, &mode, mask, 65L, NULL, 0L));
    printf("get_mempolicy          %ld mode %d mask %x %x %x\n", r, mode, mask[0], mask[1], mask[2]);
    mask[0] = 1;
    printf("set_mempolicy BIND 0   %ld\n", res(syscall(SYS_set_mempolicy, 2, mask, 33L)));
    mask[0] = mask[1] = 0;
    r = res(syscall(SYS_get_mempolicy, &mode, mask, 33L, NULL, 0L));
    printf("get_mempolicy          %ld mode %d mask %x %x\n", r, mode, mask[0], mask[1]);
    printf("set_mempolicy DEFAULT  %ld\n", res(syscall(SYS_set_mempolicy, 0, NULL, 0L)));
    printf("set_mempolicy bad mode %ld\n", res(syscall(SYS_set_mempolicy, 77, NULL, 0L)));
    printf("set_mempolicy bad mask %ld\n", res(syscall(SYS_set_mempolicy, 2, (void *)16, 33L)));
    mask[0] = 0;
    printf("set_mempolicy no node  %ld\n", res(syscall(SYS_set_mempolicy, 2, mask, 33L)));
    printf("get_mempolicy maxnode 0 %ld\n", res(syscall(SYS_get_mempolicy, &mode, mask, 0L, NULL, 0L)));

    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    mask[0] = 1;
    printf("mbind page             %ld\n", res(syscall(SYS_mbind, p, 4096L, 2L, mask, 33L, 0L)));
    r = res(syscall(SYS_get_mempolicy, &mode, NULL, 0L, p, 2L /* MPOL_F_ADDR */));
    printf("get_mempolicy F_ADDR   %ld mode %d\n", r, mode);
    printf("get_mempolicy F_ADDR hole %ld\n", res(syscall(SYS_get_mempolicy, &mode, NULL, 0L, p + 4096, 2L)));
    printf("mbind over a hole      %ld\n", res(syscall(SYS_mbind, p, 3 * 4096L, 2L, mask, 33L, 0L)));
    printf("mbind unaligned        %ld\n", res(syscall(SYS_mbind, p + 1, 4096L, 2L, mask, 33L, 0L)));
    printf("mbind empty            %ld\n", res(syscall(SYS_mbind, p, 0L, 2L, mask, 33L, 0L)));
    printf("mbind bad flags        %ld\n", res(syscall(SYS_mbind, p, 4096L, 2L, mask, 33L, 0x100L)));

    p[0] = 1, p[8192] = 2;
    void *pages[3] = { p, p + 4096, p + 8192 };
    int status[3] = { 9, 9, 9 };
    r = res(syscall(SYS_move_pages, 0, 3L, pages, NULL, status, 0L));
    printf("move_pages query       %ld status %d %d %d\n", r, status[0], status[1], status[2]);
    int nodes[3] = { 0, 0, 0 };
    r = res(syscall(SYS_move_pages, 0, 3L, pages, nodes, status, 0L));
    printf("move_pages to node 0   %ld status %d %d %d\n", r, status[0], status[1], status[2]);
    printf("move_pages bad array   %ld\n", res(syscall(SYS_move_pages, 0, 3L, (void *)16, NULL, status, 0L)));
    mask[0] = 1;
    uint32_t to[1] = { 1 };
    printf("migrate_pages self     %ld\n", res(syscall(SYS_migrate_pages, 0, 33L, mask, to)));
    printf("home_node empty        %ld\n", res(syscall(SYS_set_mempolicy_home_node, p, 0L, 0L, 0L)));
    printf("home_node no policy    %ld\n", res(syscall(SYS_set_mempolicy_home_node, p + 8192, 4096L, 0L, 0L)));
    printf("home_node bad flags    %ld\n", res(syscall(SYS_set_mempolicy_home_node, p, 4096L, 0L, 1L)));
    munmap(p, 3 * 4096);
}

static void fanotify(void)
{
    long fd = res(syscall(SYS_fanotify_init, 0L, (long)O_RDONLY));
    printf("fanotify_init          %s\n", fd >= 0 ? "fd" : "failed");
    if (fd < 0) {
        printf("  errno %ld\n", fd);
        return;
    }
    close(open("watched", O_CREAT | O_WRONLY, 0644));
    /* FAN_MARK_ADD, FAN_OPEN | FAN_CLOSE_WRITE in the low word */
    printf("fanotify_mark add      %ld\n",
           res(syscall(SYS_fanotify_mark, fd, 1L, 0x28L, 0L, AT_FDCWD, "watched")));
    /* a bit of the high word: FAN_ONDIR is 1 << 30, FAN_EVENT_ON_CHILD
     * 1 << 27; bit 32 is no event at all: EINVAL */
    printf("fanotify_mark high bit %ld\n",
           res(syscall(SYS_fanotify_mark, fd, 1L, 0x20L, 1L, AT_FDCWD, "watched")));
    printf("fanotify_mark missing  %ld\n",
           res(syscall(SYS_fanotify_mark, fd, 1L, 0x20L, 0L, AT_FDCWD, "missing")));
    close(open("watched", O_WRONLY));
    char buf[256];
    long n = read((int)fd, buf, sizeof(buf));
    printf("events                 %ld bytes:", n);
    for (long p = 0; p + 24 <= n;) {
        uint32_t len;
        uint64_t mask;
        int32_t efd;
        memcpy(&len, buf + p, 4);
        memcpy(&mask, buf + p + 8, 8);
        memcpy(&efd, buf + p + 16, 4);
        printf(" [len %u vers %d mask %llx fd %s]", len, buf[p + 4], (unsigned long long)mask,
               efd >= 0 ? "yes" : "no");
        if (efd >= 0)
            close(efd);
        if (len == 0)
            break;
        p += len;
    }
    putchar('\n');
    printf("fanotify_mark remove   %ld\n",
           res(syscall(SYS_fanotify_mark, fd, 2L, 0x28L, 0L, AT_FDCWD, "watched")));
    printf("fanotify_init bad      %ld\n", res(syscall(SYS_fanotify_init, 0x80000000L, 0L)));
    close((int)fd);
}

static void remaps(void)
{
    int fd = open("pages", O_CREAT | O_RDWR | O_TRUNC, 0644);
    for (int i = 0; i < 4; i++) {
        char page[4096];
        memset(page, 'A' + i, sizeof(page));
        write(fd, page, sizeof(page));
    }
    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("remap_file_pages       %ld\n", res(syscall(SYS_remap_file_pages, p, 4096L, 0L, 3L, 0L)));
    printf("  pages now            %c %c %c %c\n", p[0], p[4096], p[8192], p[12288]);
    printf("remap prot             %ld\n", res(syscall(SYS_remap_file_pages, p, 4096L, 1L, 0L, 0L)));
    printf("remap flags            %ld\n", res(syscall(SYS_remap_file_pages, p, 4096L, 0L, 0L, 4L)));
    printf("remap size 0           %ld\n", res(syscall(SYS_remap_file_pages, p, 0L, 0L, 0L, 0L)));
    printf("remap past end         %ld\n", res(syscall(SYS_remap_file_pages, p, 8 * 4096L, 0L, 0L, 0L)));
    char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("remap private          %ld\n", res(syscall(SYS_remap_file_pages, q, 4096L, 0L, 0L, 0L)));
    munmap(q, 4096);
    printf("remap unmapped         %ld\n", res(syscall(SYS_remap_file_pages, q, 4096L, 0L, 0L, 0L)));
    munmap(p, 4 * 4096);
    close(fd);
}

static void process_calls(void)
{
    int self = (int)syscall(SYS_pidfd_open, getpid(), 0);
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 'x', p[4096] = 'y';
    struct iovec iov[2] = { { p, 4096 }, { p + 4096, 4096 } };
    long r = res(syscall(SYS_process_madvise, self, iov, 2L, MADV_DONTNEED, 0L));
    printf("process_madvise DONTNEED %ld, after %d %d\n", r, p[0], p[4096]);
    printf("process_madvise WILLNEED %ld\n", res(syscall(SYS_process_madvise, self, iov, 2L, MADV_WILLNEED, 0L)));
    printf("process_madvise flags  %ld\n", res(syscall(SYS_process_madvise, self, iov, 2L, MADV_WILLNEED, 1L)));
    printf("process_madvise bad fd %ld\n", res(syscall(SYS_process_madvise, 0, iov, 2L, MADV_WILLNEED, 0L)));
    printf("process_madvise bad iov %ld\n", res(syscall(SYS_process_madvise, self, (void *)16, 2L, MADV_WILLNEED, 0L)));
    printf("process_madvise 2000   %ld\n", res(syscall(SYS_process_madvise, self, iov, 2000L, MADV_WILLNEED, 0L)));
    munmap(p + 4096, 4096);
    printf("process_madvise hole   %ld\n", res(syscall(SYS_process_madvise, self, iov, 2L, MADV_WILLNEED, 0L)));
    printf("process_madvise bad advice %ld\n", res(syscall(SYS_process_madvise, self, iov, 1L, 999L, 0L)));
    munmap(p, 4096);

    pid_t pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    int child = (int)syscall(SYS_pidfd_open, pid, 0);
    printf("process_mrelease alive %ld\n", res(syscall(SYS_process_mrelease, child, 0L)));
    printf("process_mrelease flags %ld\n", res(syscall(SYS_process_mrelease, child, 1L)));
    printf("process_madvise other, DONTNEED %ld\n",
           res(syscall(SYS_process_madvise, child, iov, 1L, MADV_DONTNEED, 0L)));
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    printf("process_mrelease gone  %ld\n", res(syscall(SYS_process_mrelease, child, 0L)));
    printf("process_mrelease bad fd %ld\n", res(syscall(SYS_process_mrelease, 0, 0L)));
    close(child);
    close(self);
}

int main(void)
{
    keys();
    numa();
    fanotify();
    remaps();
    process_calls();
    return 0;
}
