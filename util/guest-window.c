/*
 * The base of the guest address window (include/guest-window.h); set once
 * by linux-user/mmap.c when it reserves the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "exec-only.h"
#include "guest-window.h"

uintptr_t guest_base;

/* include/exec-only.h; set by linux-user/mmap.c at start-up. */
int exec_only_pkey = -1;
