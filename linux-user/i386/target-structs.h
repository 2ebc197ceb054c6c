/*
 * The i386 kernel ABI structures whose layout is i386's own (syscall.h has
 * the ones every 32-bit ABI shares).  On i386 a 64-bit field is only
 * 4-byte aligned, hence the packed structures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_TARGET_STRUCTS_H
#define STITCH_TARGET_STRUCTS_H

#include <stdint.h>

/* arch/x86/include/uapi/asm/stat.h, struct stat64; __st_ino (st_ino_lo)
 * is the low 32 bits of st_ino, as the kernel's cp_new_stat64 fills it. */
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
} __attribute__((packed)) TargetStat64;
_Static_assert(sizeof(TargetStat64) == 96, "i386 struct stat64");

/* struct statfs64 (asm-generic/statfs.h, packed to 4 bytes by
 * ARCH_PACK_STATFS64): 32-bit words around 64-bit block and file counts. */
typedef struct {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4))) TargetStatfs64;
_Static_assert(sizeof(TargetStatfs64) == 84, "i386 struct statfs64");

/* struct flock64 for F_GETLK64 / F_SETLK64 / F_SETLKW64. */
typedef struct {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
} __attribute__((packed)) TargetFlock64;
_Static_assert(sizeof(TargetFlock64) == 24, "i386 struct flock64");

/* arch/x86/include/uapi/asm/ldt.h: struct user_desc, of
 * set_thread_area / get_thread_area (tls.c). */
typedef struct {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags; /* seg_32bit:1 contents:2 read_exec_only:1
                       limit_in_pages:1 seg_not_present:1 useable:1 */
} TargetUserDesc;
_Static_assert(sizeof(TargetUserDesc) == 16, "i386 struct user_desc");

/* struct epoll_event: a u32 and a u64, packed to 12 bytes on i386, and on
 * x86_64 too (EPOLL_PACKED) precisely to match i386: the host's struct
 * passes through unconverted (syscall-poll.c). */
#define TARGET_EPOLL_EVENT_SIZE 12

/* A 64-bit system-call argument takes the next two argument registers,
 * wherever they start (pread64: fd, buf, count, lo, hi). */
#define TARGET_SYSCALL_ARG64_ALIGNED 0

/* shmat's address alignment, SHMLBA (arch/x86/include/asm/shmparam.h: one page). */
#define TARGET_SHMLBA 4096

/* The open flags whose values differ from the x86_64 host's: none
 * (syscall-file.c, X(guest value, host value)). */
#define TARGET_OPEN_FLAGS(X)

#endif
