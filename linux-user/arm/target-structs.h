/*
 * The ARM EABI kernel ABI structures whose layout is ARM's own (syscall.h
 * has the ones every 32-bit ABI shares), and the ABI values the shared
 * handlers convert.  Under the EABI a 64-bit field is 8-byte aligned, as
 * on the x86_64 host, so these structures need no packing, except where
 * the kernel packs them itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TARGET_STRUCTS_H
#define STITCH_TARGET_STRUCTS_H

#include <stdint.h>

/* arch/arm/include/uapi/asm/stat.h, struct stat64: i386's fields, but
 * st_size and st_blocks 8-byte aligned (4 bytes of padding before each). */
typedef struct {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino_lo;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_, st_atime_nsec;
    uint32_t st_mtime_, st_mtime_nsec;
    uint32_t st_ctime_, st_ctime_nsec;
    uint64_t st_ino;
} TargetStat64;
_Static_assert(sizeof(TargetStat64) == 104, "ARM EABI struct stat64");
_Static_assert(__builtin_offsetof(TargetStat64, st_size) == 48, "ARM EABI stat64.st_size");
_Static_assert(__builtin_offsetof(TargetStat64, st_blocks) == 64, "ARM EABI stat64.st_blocks");

/* struct statfs64: ARM defines ARCH_PACK_STATFS64 as packed, aligned(4)
 * (arch/arm/include/uapi/asm/statfs.h), so it is i386's 84 bytes. */
typedef struct {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4))) TargetStatfs64;
_Static_assert(sizeof(TargetStatfs64) == 84, "ARM struct statfs64");
/* An EABI libc's struct statfs64 keeps the 4 bytes of padding the packing
 * takes away, and passes 88 as the size: the kernel takes it for 84
 * (arch/arm/kernel/entry-common.S sys_statfs64_wrapper,
 * sys_fstatfs64_wrapper). */
#define TARGET_STATFS64_PADDED_SIZE 88

/* struct flock64 (asm-generic/fcntl.h) with the EABI's aligned loff_t. */
typedef struct {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
} TargetFlock64;
_Static_assert(sizeof(TargetFlock64) == 32, "ARM EABI struct flock64");

/* struct epoll_event: a u32 and a u64, not packed on ARM (EPOLL_PACKED is
 * x86_64's only): 16 bytes, the data at offset 8.  syscall-poll.c converts
 * it to and from the host's packed 12 bytes. */
#define TARGET_EPOLL_EVENT_SIZE 16

/* A 64-bit system-call argument starts at an even argument register (the
 * EABI aligns register pairs): pread64(fd, buf, count, pad, lo, hi). */
#define TARGET_SYSCALL_ARG64_ALIGNED 1

/* shmat's address alignment, SHMLBA (arch/arm/include/asm/shmparam.h: four pages, for VIPT caches that alias). */
#define TARGET_SHMLBA (4 * 4096)

/*
 * The open() flags whose ARM values differ from the x86_64 host's
 * (arch/arm/include/uapi/asm/fcntl.h against asm-generic/fcntl.h):
 * X(guest value, host value).  syscall-file.c converts open, openat and
 * fcntl's F_GETFL / F_SETFL with them.  The host's O_LARGEFILE is the
 * kernel's 0100000, which glibc spells 0 on x86_64.
 */
#define TARGET_OPEN_FLAGS(X)                                            \
    X(0040000, O_DIRECTORY) /* ARM O_DIRECTORY; the host's is 0200000 */ \
    X(0100000, O_NOFOLLOW)  /* ARM O_NOFOLLOW; the host's is 0400000 */  \
    X(0200000, O_DIRECT)    /* ARM O_DIRECT; the host's is 040000 */     \
    X(0400000, 0100000)     /* ARM O_LARGEFILE; the host kernel's */

#endif
