/*
 * linux-user/: the folder's internal interface.  Everything here is about
 * one guest process: its address window (mmap.c), its program image
 * (elfload.c, stack.c), its system calls (syscall*.c) and its signals
 * (signal.c), and the loop that runs it (cpu-loop.c).  Only this folder
 * calls the engine (include/exec.h), never the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_LINUX_USER_H
#define STITCH_LINUX_USER_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "error.h"
#include "exec.h"
#include "target-elf.h"

/* ---- The loop (cpu-loop.c) and its hooks ----------------------------- */

/* Run the guest: cpu_exec(), then the exception it returns, forever. */
void cpu_loop(CPUState *env) __attribute__((noreturn));
/* EXCP_SYSCALL, the guest PC already past the system-call instruction. */
void do_syscall(CPUState *env);
/* A synchronous fault (SIGSEGV/SIGFPE/SIGILL/SIGTRAP) at the guest state
 * in env: deliver it (build the frame and point the PC at the handler)
 * and return, or kill the process by that signal. */
void guest_signal(CPUState *env, int sig, int si_code, uint32_t addr);
/* Deliver pending asynchronous signals; after every exception. */
void guest_process_signals(CPUState *env);

/* ---- Errors: one idiom (error.h) ------------------------------------- */

/*
 * An error a loader step reports instead of exiting, so unit tests can call
 * the step and look at the verdict: `status` is one of the exit statuses
 * above, `what` names the object (usually the path), `why` the problem.
 */
typedef struct LoadError {
    int status;
    char what[PATH_MAX];
    char why[256];
} LoadError;

/* Fill *err and return -1, so callers can write `return load_fail(...)`. */
int load_fail(LoadError *err, int status, const char *what, const char *fmt,
              ...) __attribute__((format(printf, 4, 5)));

void fatal_load(const LoadError *err) __attribute__((noreturn));

/* ---- The guest address window (mmap.c) ------------------------------ */

#define TARGET_PAGE_BITS GUEST_PAGE_BITS /* include/guest-window.h */
#define TARGET_PAGE_SIZE (1u << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))
#define TARGET_PAGE_ALIGN(a) (((uint64_t)(a) + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1))

/*
 * Guest addresses stitch hands out lie in [guest_min_addr, GUEST_TOP):
 * guest_min_addr is the host's vm.mmap_min_addr (read by mmap_init, so
 * NULL-ish pointers fault as natively), and GUEST_TOP is the guest's
 * TASK_SIZE (target-elf.h).  A MAP_FIXED mapping below guest_min_addr
 * needs CAP_SYS_RAWIO, as natively (security/commoncap.c cap_mmap_addr).
 */
extern uint32_t guest_min_addr;
/* Where mmap(NULL) starts looking, as qemu's TASK_UNMAPPED_BASE. */
#define GUEST_UNMAPPED_BASE 0x40000000u

/* Per-page flags (PAGE_READ ...): see include/exec.h. */

/* The kernel's IS_ERR_VALUE for a 32-bit result: -4095 .. -1. */
static inline int is_error(int32_t ret)
{
    return (uint32_t)ret >= (uint32_t)-4095;
}

/* Reserve the 4 GiB window and set guest_base, read vm.mmap_min_addr;
 * -1 with errno on failure. */
int mmap_init(void);
/* Before mmap_init: -B, the window's host address (0: anywhere), and -R,
 * the top of the guest's address space (mappings stay below it). */
void mmap_set_base(uintptr_t base);
void mmap_set_limit(uint64_t top);
/* Before mmap_init: -p, the granule mmap(NULL) places mappings in (a
 * power of two; below the guest page size it is the guest page size). */
void mmap_set_page_size(uint32_t size);
/* The guest's random bytes (AT_RANDOM, getrandom): the host's, or, with
 * -seed, a reproducible stream. */
void guest_random(void *buf, size_t len);

/* The guest mmap-family operations; each returns the result the guest's
 * system call returns (an address or 0, or -errno).  An address may be
 * above 2 GiB, so test results with is_error(), never with "< 0". */
int32_t target_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd,
                    uint64_t offset);
int32_t target_munmap(uint32_t addr, uint32_t len);
int32_t target_mprotect(uint32_t addr, uint32_t len, int prot);
int32_t target_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len,
                      int flags, uint32_t new_addr);
int32_t target_madvise(uint32_t addr, uint32_t len, int advice);
int32_t target_remap_file_pages(uint32_t start, uint32_t size, int prot, uint32_t pgoff, int flags);
/* The READ_IMPLIES_EXEC personality bit: PROT_READ then means PROT_EXEC
 * too for mmap, mprotect and brk (mm/mmap.c, mm/mprotect.c). */
void mmap_set_read_implies_exec(int on);
int mmap_read_implies_exec(void);
/* shmat / shmdt of a SysV segment of `size` bytes into the guest window
 * (ipc/shm.c do_shmat, ksys_shmdt): the guest address or -errno. */
int32_t target_shmat(int shmid, uint32_t addr, uint64_t size, int shmflg);
int32_t target_shmdt(uint32_t addr);

/* brk: set the initial break (end of the program image) and move it;
 * the heap's range so far, [start, page end of the break). */
void target_set_brk(uint32_t start);
uint32_t target_brk(uint32_t new_brk);
void target_brk_range(uint32_t *start, uint32_t *end);

/* Page tracking queries (page_get_flags: include/exec.h). */
int range_is_free(uint32_t addr, uint64_t len);

/*
 * May stitch touch guest bytes [addr, addr+len) with access `prot`
 * (PAGE_READ / PAGE_WRITE)?  System calls check every guest buffer with it
 * before the host kernel or stitch itself reads or writes through g2h(), so
 * a bad guest pointer gives -EFAULT instead of crashing stitch or reaching
 * past the window.
 */
int guest_range_ok(uint32_t addr, uint64_t len, int prot);

/*
 * A guest buffer the host kernel itself reads or writes (read's, write's,
 * getdents64's, getcwd's ...): its host address, with *len cut where the
 * window ends.  No page-flag check, on purpose: the host's protections in
 * the window are the guest's (an unmapped guest page is the PROT_NONE
 * reservation), so the host kernel copies what it can and stops at the
 * first page the guest could not access, with the short count or -EFAULT
 * Linux gives for the same buffer (and -EFAULT, not a signal, for a
 * MAP_SHARED page past end-of-file).  Only the write protection stitch
 * puts on pages holding translated code is its own: with PAGE_WRITE,
 * their TBs are dropped first, as a guest store would.
 */
void *guest_kernel_buf(uint32_t addr, uint32_t *len, int prot);

/* The host address of a NUL-terminated guest string, or NULL if any byte
 * of it (up to the NUL) is unreadable. */
const char *guest_string(uint32_t addr);

/* ---- The program image (elfload.c, stack.c) ------------------------- */

/* What loading an ELF image tells the stack builder and the CPU setup. */
typedef struct ImageInfo {
    uint32_t load_bias;  /* added to every p_vaddr (0 for ET_EXEC) */
    uint32_t entry;      /* e_entry + load_bias */
    uint32_t phdr;       /* guest address of the program headers (AT_PHDR) */
    uint32_t phnum;
    uint32_t phent;
    uint32_t start_code, end_code;   /* lowest and highest PT_LOAD bounds */
    /* What fs/binfmt_elf.c load_elf_binary records as mm->start_code,
     * end_code, start_data, end_data (/proc/PID/stat): the executable
     * segments' lowest start and highest end of file contents, every
     * segment's highest start and highest end of file contents. */
    uint32_t text_start, text_end, data_start, data_end;
    uint32_t brk;        /* page-aligned end of the highest PT_LOAD */
    int has_interp;
    char interp[PATH_MAX];
    uint32_t interp_base;  /* where PT_INTERP was loaded (AT_BASE), or 0 */
    uint32_t start_pc;     /* where the process starts: the interpreter's
                              entry for a dynamic program, else `entry` */
    int exec_stack;        /* PT_GNU_STACK's PF_X: 1, 0, or -1 without one
                              (fs/binfmt_elf.c EXSTACK_*) */
} ImageInfo;

/* An opened, validated ELF file (libelf handle kept private to elfload.c). */
typedef struct ElfFile ElfFile;

/* Open `path`, check it is an executable static/dynamic ELF for the guest
 * (target-elf.h) whose headers are sane; no guest memory is touched.
 * NULL + *err on failure. */
ElfFile *elf_open(const char *path, LoadError *err);
void elf_close(ElfFile *ef);
/* The image's layout, filled by elf_open (load_bias still 0). */
const ImageInfo *elf_info(const ElfFile *ef);
/* Map every PT_LOAD of an opened file at p_vaddr + bias. */
int load_elf_image(ElfFile *ef, uint32_t bias, ImageInfo *info, LoadError *err);
/* The whole job for the program stitch was asked to run. */
int load_program(const char *path, ImageInfo *info, LoadError *err);

/* Default guest stack size (the usual RLIMIT_STACK) and the stack top. */
#define GUEST_STACK_SIZE_DEFAULT (8u << 20)
#define GUEST_STACK_TOP 0xc0000000u

/* Map the stack and lay out argc/argv/envp/auxv on it (Linux
 * create_elf_tables); returns the initial stack pointer, or 0 + *err. */
uint32_t setup_stack(const ImageInfo *info, uint32_t stack_size, char *const argv[],
                     char *const envp[], const char *execfn, LoadError *err);

/* ---- Per-process state ---------------------------------------------- */

/* The guest kernel's `struct sigaction` as rt_sigaction passes it (with
 * sa_restorer; a 32-bit ABI's sigset_t is only 4-byte aligned). */
typedef struct GuestSigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
} __attribute__((packed)) GuestSigaction;

#define GUEST_NSIG 64

/* include/uapi/asm-generic/siginfo.h with 32-bit ints, longs and pointers
 * (the 32-bit layout, 128 bytes): three ints, then a union whose member the
 * signal and si_code select. */
typedef struct TargetSiginfo {
    int32_t si_signo, si_errno, si_code;
    union {
        int32_t pad[29];
        struct { int32_t pid; uint32_t uid; int32_t status, utime, stime; } chld; /* kill too */
        struct { int32_t pid; uint32_t uid; uint32_t value; } rt;
        struct { int32_t tid, overrun; uint32_t value; } timer;
        /* addr, then the bounds/pkey union after __ADDR_BND_PKEY_PAD (4) */
        struct { uint32_t addr, pad, pkey; } fault;
        struct { int32_t band, fd; } poll;
    } u;
} TargetSiginfo;

/* A system call that returned -EINTR because a host signal interrupted it,
 * waiting for the delivery to decide between -EINTR and a restart, as the
 * kernel's -ERESTARTSYS / -ERESTARTNOHAND (arch/<arch>/kernel/signal.c). */
enum { RESTART_NONE, RESTART_SYS, RESTART_NOHAND };

/* Per process: what every guest thread shares (CLONE_SIGHAND: the
 * dispositions too). */
typedef struct TaskState {
    char exe_path[PATH_MAX]; /* absolute path, what /proc/self/exe reads */
    uint64_t exe_dev, exe_ino; /* the program's file: writing it is ETXTBSY */
    const char *ld_prefix;   /* -L: guest sysroot, or NULL */
    int strace;              /* -strace */
    const char *uname_release; /* -r: uname()'s release, or NULL for the host's */
    uint64_t seed;           /* -seed: the guest's random bytes come from it */
    int seeded;
    char **exec_opts;        /* stitch's options, passed on by execve */
    int exec_nopts;
    char **exec_log_opt;     /* the -D file's slot in exec_opts, or NULL */

    /* Signal dispositions (signal.c), changed under sigact_lock. */
    GuestSigaction sigact[GUEST_NSIG + 1];
} TaskState;

/* The queued instances of one real-time signal, oldest first: a ring
 * (signal.c). */
typedef struct RtQueued {
    TargetSiginfo info;
    int charged; /* counts against RLIMIT_SIGPENDING (a host timer's does not) */
} RtQueued;
typedef struct RtQueue {
    RtQueued *item;
    uint32_t head, len, cap;
} RtQueue;

/* The host handler's record of the signals the kernel gave this thread:
 * written in signal context, merged into the pending set outside it. */
#define HOST_RT_RING 256
typedef struct HostSignals {
    int signalled;           /* set with every record, cleared by the merge:
                                safe_syscall's test (syscall.h) */
    uint64_t pending;
    TargetSiginfo info[GUEST_NSIG + 1];
    struct {
        int sig;
        TargetSiginfo info;
    } rt[HOST_RT_RING];
    unsigned rt_head, rt_tail;
} HostSignals;

/* Per guest thread (the kernel's task_struct fields stitch needs), reached
 * through `self`. */
typedef struct ThreadState {
    CPUState *env;
    /* Signals (signal.c): blocked mask, pending set (what the kernel
     * routed to this thread, and what it sent itself). */
    uint64_t sigmask;
    uint64_t host_mask;      /* the guest mask as last applied to the host
                                thread (signal_sync_mask) */
    uint64_t pending;
    uint64_t shared_pending; /* which of them were aimed at the process */
    TargetSiginfo pending_info[GUEST_NSIG + 1];
    RtQueue rt_queue[GUEST_NSIG - 31]; /* queued real-time signals, 32..64 */
    uint64_t charged;        /* standard signals whose pending instance
                                counts as queued (signal.c sigqueue_charge) */
    HostSignals host;
    uint64_t saved_mask;     /* rt_sigsuspend: the mask to restore ... */
    int use_saved_mask;      /* ... once a handler frame has saved it */
    int restart;             /* RESTART_*: the interrupted call's kind */
    uint32_t restart_nr;     /* and its number */
    uint32_t ss_sp, ss_size; /* sigaltstack, per thread as in the kernel */
    int32_t ss_flags;
    uint32_t child_tidptr;   /* set_tid_address / CLONE_CHILD_CLEARTID */
    int allocated;           /* a clone's, freed when it exits (the main
                                thread's is static) */
    pid_t tid;               /* the host thread's, the guest's too */
} ThreadState;

/* The owning thread's store to its sigmask, pending or shared_pending,
 * which another thread's /proc status read loads (proc-self.c
 * task_sigs): atomic, so neither is a data race.  Only the owner writes
 * them, so its plain reads stay. */
#define SIG_SET(field, v) __atomic_store_n(&(field), (v), __ATOMIC_RELAXED)

extern TaskState task;
/* The calling thread's state (set when the thread starts: main.c,
 * syscall-fork.c).  The host signal handlers use it too: a handler runs
 * on the thread the kernel chose. */
extern __thread ThreadState *self;

/* Flush the log and print --stats; called on every way out of the guest. */
void user_exit_flush(void);
/* End the whole process with `status` (exit_group, the last thread's
 * exit): flush, then _exit, so nothing runs at exit while other threads
 * still run guest code. */
void process_exit(uint32_t status) __attribute__((noreturn));

/* Threads (syscall-thread.c). */
struct GuestCloneArgs;
int32_t clone_thread(CPUState *env, const struct GuestCloneArgs *c);
void thread_exit(CPUState *env, uint32_t status) __attribute__((noreturn));
int thread_count(void);
void thread_fork_child(void);

/* Signals (signal.c): install the host handlers that forward asynchronous
 * signals to the guest, and take the inherited mask and ignored set. */
void signal_init(CPUState *env);
/* Make the host signal state what an exec'd program should inherit (the
 * guest's mask; ignored stays ignored), or undo that after a failed exec. */
/* The guest's persona (personality(2)), which its execve passes on
 * (syscall-proc.c). */
uint32_t persona_get(void);
void persona_set(uint32_t p);
void signal_prepare_exec(void);
void signal_after_failed_exec(void);

/* -L: the host path a guest absolute path names (prefix + path when that
 * exists); `buf` is scratch space. */
const char *path_redirect(const char *path, char *buf, size_t size);
/* Is `path` this process's /proc/.../exe (which must mean the guest's
 * program, not stitch)? */
int path_is_proc_self_exe(const char *path);

/* /proc/self files with the guest's view (proc-self.c): the initial
 * stack pointer tells where argv and auxv are; opening a faked file
 * gives a host fd or -errno, any other path PROC_NOT_FAKED. */
void proc_self_init(uint32_t sp, const ImageInfo *info);
#define PROC_NOT_FAKED INT32_MIN
int proc_self_open(const char *path, int flags);
/* Is path (absolute) this process's /proc entry `name`? */
int proc_self_is(const char *path, const char *name);
/* A relative name from dirfd, or an absolute one in another spelling
 * than /proc/ID/NAME, that reaches one of the faked entries: its plain
 * absolute name, in buf; else NULL. */
const char *proc_self_relative(int dirfd, const char *path, char *buf, size_t size);
/* The proc entry a faked file the guest holds stands for ("/proc/PID/maps"):
 * of descriptor fd, or of the fd/N link `path` names from dirfd; else NULL. */
const char *proc_fake_fd_name(int fd, char *buf, size_t size);
long proc_fake_write(int fd, long r, int positioned);
void proc_fork_start(int vfork);
void proc_fork_end(int vfork, int child);
const char *proc_fake_link(int dirfd, const char *path, char *buf, size_t size);
/* The same for a call on (dirfd, path) with fstatat's AT_EMPTY_PATH and
 * AT_SYMLINK_NOFOLLOW flags: the descriptor, or the link followed. */
const char *proc_fake_at(int dirfd, const char *path, int flags, char *buf, size_t size);
/* lseek on a faked file where the entry's answer differs from a memfd's:
 * 1 and the result or -errno in *result; else 0. */
int proc_fake_lseek(int fd, int64_t off, int whence, int64_t *result);
/* ftruncate's result r on fd: 0 for the seals' EPERM of a faked file,
 * whose entry's truncation changes nothing (fs/proc/base.c proc_setattr). */
long proc_fake_truncate(int fd, long r);
/* For sendfile and splice from fd: a host descriptor of the entry when fd
 * is a faked file the kernel would not splice from (closed by the
 * caller); else -1. */
int proc_fake_standin(int fd);
/* getdents64 as the guest sees it: a /proc/<pid>/fd or fdinfo listing
 * without stitch's own descriptors, this process's or another stitch
 * process's (-1 and errno on failure); is `fd` such a directory; is
 * `name` one of those entries. */
long proc_getdents64(int fd, void *buf, size_t len);
/* The guest's descriptor table as it would be natively (fd-table.c):
 * its size at the start, FDSize or --fd-table; each number handed to the
 * guest (returned as is); the size now, select's limit. */
void fd_table_start(void);
void fd_table_inherit(int size);
void fd_table_forked(void);
long fd_table_note(long fd);
int fd_table_size(void);
/* What a listing of such a directory leaves out: this process's own
 * descriptors (kind 1) or another stitch's, n numbers at fds (kind 2);
 * proc_fd_dir_end frees them. */
typedef struct {
    int kind;
    pid_t pid;
    uint32_t seq; /* util/log.c's count of the changes, as it was read */
    size_t n;
    int *fds;
} ProcFdHide;
int proc_fd_dir(int fd, ProcFdHide *h);
/* The listing read from `pos` on after proc_fd_dir may hold one of
 * stitch's descriptors it does not know (opened since): 1 when `fd` is
 * back at `pos` and h read again, for the caller to list again (`tries`
 * times so far, a bound). */
int proc_fd_dir_again(int fd, ProcFdHide *h, off_t pos, int tries);
/* Does `pid` run this stitch binary (its exe the same file as ours), so
 * that its data sits at the addresses ours does?  Never in a PIE build. */
int proc_runs_this_stitch(pid_t pid);
void proc_fd_dir_end(ProcFdHide *h);
int proc_fd_hidden(const ProcFdHide *h, const char *name);
/* The length of `path` up to the component that is, looked up from
 * dirfd (or AT_FDCWD), /proc/self/fd/N or fdinfo/N of one of stitch's
 * own, in any name of those directories, or /proc/<pid>/fd/N of another
 * process that runs this stitch binary, N one of its own; 0 if it has
 * none.  The guest's
 * calls get ENOENT there, as natively where N is not open. */
size_t proc_fd_name_hidden(int dirfd, const char *path);
/* The file a guest range shows in /proc/self/maps when stitch filled it
 * from the file itself instead of mapping it (the ELF loader's segments):
 * path, the file offset at `start`, its device and inode.  A mapping,
 * unmapping or move of any part forgets it (the mmap entry points). */
void proc_maps_name(uint32_t start, uint32_t end, const char *path, uint64_t offset, int fd);
void proc_maps_forget(uint32_t start, uint64_t len);

#endif
