/*
 * The kernel's key retention service: add_key, request_key, keyctl.
 * Keys live in the host kernel, so the calls are forwarded; what stitch
 * converts is where the arguments point.  A 32-bit task's keyctl is the
 * native one with compat pointers (security/keys/compat.c), except for the
 * two operations whose arguments hold pointers themselves: the iovec array
 * of KEYCTL_INSTANTIATE_IOV and struct keyctl_kdf_params of
 * KEYCTL_DH_COMPUTE.  Numbers go through zero-extended: the kernel casts
 * each to its int, uid_t or size_t.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall.h"

/* A guest pointer the kernel reads: NULL stays NULL (several operations
 * mean something by it); an unmapped one is the host kernel's EFAULT. */
static void *kptr(uint32_t addr)
{
    return addr ? g2h(addr) : NULL;
}

/* A buffer the kernel writes `len` bytes of (code there is invalidated);
 * NULL asks for the size. */
static void *kout(uint32_t addr, uint32_t len)
{
    return addr ? guest_kernel_buf(addr, &len, PAGE_WRITE) : NULL;
}

abi_long sys_add_key(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_add_key, kptr(a[0]), kptr(a[1]), kptr(a[2]),
                             (size_t)a[3], (int32_t)a[4]));
}

abi_long sys_request_key(CPUState *env, const uint32_t *a)
{
    (void)env;
    return get_errno(syscall(SYS_request_key, kptr(a[0]), kptr(a[1]), kptr(a[2]),
                             (int32_t)a[3]));
}

/*
 * Arguments 2 to 5 of each operation (include/uapi/linux/keyctl.h;
 * security/keys/keyctl.c): n a number, p a pointer the kernel reads,
 * w an output buffer whose length is the next argument, o the 48-byte
 * struct keyctl_pkey_query, O an output buffer of out_len bytes (struct
 * keyctl_pkey_params in argument 2), i the iovec array, k the kdf
 * parameters.  An operation not listed is -EOPNOTSUPP, the kernel's
 * answer to an unknown one: a newer host kernel's operation may carry
 * pointers stitch would not convert.
 */
#define KEYCTL_OPS(X)                                                   \
    X(0, "nn") /* GET_KEYRING_ID */                                     \
    X(1, "p") /* JOIN_SESSION_KEYRING */                                \
    X(2, "npn") /* UPDATE */                                            \
    X(3, "n") /* REVOKE */                                              \
    X(4, "nnn") /* CHOWN */                                             \
    X(5, "nn") /* SETPERM */                                            \
    X(6, "nwn") /* DESCRIBE */                                          \
    X(7, "n") /* CLEAR */                                               \
    X(8, "nn") /* LINK */                                               \
    X(9, "nn") /* UNLINK */                                             \
    X(10, "nppn") /* SEARCH */                                          \
    X(11, "nwn") /* READ */                                             \
    X(12, "npnn") /* INSTANTIATE */                                     \
    X(13, "nnn") /* NEGATE */                                           \
    X(14, "n") /* SET_REQKEY_KEYRING */                                 \
    X(15, "nn") /* SET_TIMEOUT */                                       \
    X(16, "n") /* ASSUME_AUTHORITY */                                   \
    X(17, "nwn") /* GET_SECURITY */                                     \
    X(18, "") /* SESSION_TO_PARENT */                                   \
    X(19, "nnnn") /* REJECT */                                          \
    X(20, "ninn") /* INSTANTIATE_IOV */                                 \
    X(21, "n") /* INVALIDATE */                                         \
    X(22, "nn") /* GET_PERSISTENT */                                    \
    X(23, "pwnk") /* DH_COMPUTE */                                      \
    X(24, "nnpo") /* PKEY_QUERY */                                      \
    X(25, "pppO") /* PKEY_ENCRYPT */                                    \
    X(26, "pppO") /* PKEY_DECRYPT */                                    \
    X(27, "pppO") /* PKEY_SIGN */                                       \
    X(28, "pppp") /* PKEY_VERIFY */                                     \
    X(29, "npp") /* RESTRICT_KEYRING */                                 \
    X(30, "nnnn") /* MOVE */                                            \
    X(31, "wn") /* CAPABILITIES */                                      \
    X(32, "nnn") /* WATCH_KEY */

#define KEYCTL_ARGS(op, kinds) [op] = kinds,
static const char *const keyctl_args[] = { KEYCTL_OPS(KEYCTL_ARGS) };
#undef KEYCTL_ARGS

#ifndef UIO_MAXIOV
#define UIO_MAXIOV 1024
#endif
#define PKEY_QUERY_SIZE 48

/* struct keyctl_kdf_params: two pointers, then fixed-width words. */
typedef struct {
    uint32_t hashname, otherinfo, otherinfolen, spare[8];
} TargetKdfParams;

typedef struct {
    char *hashname, *otherinfo;
    uint32_t otherinfolen, spare[8];
} HostKdfParams;

/* Where the conversions of one call live until the host call returns. */
typedef struct {
    struct iovec *iov;
    HostKdfParams kdf;
} KeyctlScratch;

static abi_long keyctl_iov(uint32_t addr, uint32_t n, KeyctlScratch *s, long *out)
{
    if (!addr) {
        *out = 0;
        return 0;
    }
    if (n > UIO_MAXIOV)
        return -EINVAL;
    const TargetIovec *g = GUEST_R(addr, (uint64_t)n * sizeof(*g));
    if (n && !g)
        return -EFAULT;
    s->iov = calloc(n ? n : 1, sizeof(*s->iov));
    if (!s->iov)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        s->iov[i] = (struct iovec){ kptr(g[i].iov_base), g[i].iov_len };
    *out = (long)s->iov;
    return 0;
}

static abi_long keyctl_kdf(uint32_t addr, KeyctlScratch *s, long *out)
{
    if (!addr) {
        *out = 0;
        return 0;
    }
    const TargetKdfParams *g = GUEST_R(addr, sizeof(*g));
    if (!g)
        return -EFAULT;
    s->kdf.hashname = kptr(g->hashname);
    s->kdf.otherinfo = kptr(g->otherinfo);
    s->kdf.otherinfolen = g->otherinfolen;
    memcpy(s->kdf.spare, g->spare, sizeof(s->kdf.spare));
    *out = (long)&s->kdf;
    return 0;
}

/* out_len of struct keyctl_pkey_params (key_id, in_len, out_len ...). */
static uint32_t pkey_out_len(uint32_t params)
{
    const uint32_t *p = GUEST_R(params, 12);

    return p ? p[2] : 0;
}

static abi_long keyctl_arg(char kind, const uint32_t *a, int i, KeyctlScratch *s, long *out)
{
    switch (kind) {
    case 'p':
        *out = (long)kptr(a[i]);
        return 0;
    case 'w':
        *out = (long)kout(a[i], a[i + 1]);
        return 0;
    case 'o':
        *out = (long)kout(a[i], PKEY_QUERY_SIZE);
        return 0;
    case 'O':
        *out = (long)kout(a[i], pkey_out_len(a[1]));
        return 0;
    case 'i':
        return keyctl_iov(a[i], a[i + 1], s, out);
    case 'k':
        return keyctl_kdf(a[i], s, out);
    default:
        *out = (long)a[i];
        return 0;
    }
}

abi_long sys_keyctl(CPUState *env, const uint32_t *a)
{
    uint32_t op = a[0];
    long arg[4] = { 0 };
    KeyctlScratch s = { 0 };
    abi_long r = 0;

    (void)env;
    if (op >= sizeof(keyctl_args) / sizeof(keyctl_args[0]) || !keyctl_args[op])
        return -EOPNOTSUPP;
    const char *kinds = keyctl_args[op];
    size_t n = strlen(kinds);
    for (size_t i = 0; i < 4 && r == 0; i++) {
        arg[i] = (long)a[i + 1];
        if (i < n)
            r = keyctl_arg(kinds[i], a, (int)i + 1, &s, &arg[i]);
    }
    if (r == 0)
        r = get_errno(syscall(SYS_keyctl, (int)op, arg[0], arg[1], arg[2], arg[3]));
    free(s.iov);
    return r;
}
