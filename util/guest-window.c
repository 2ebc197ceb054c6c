/*
 * The base of the guest address window (include/guest-window.h); set once
 * by linux-user/mmap.c when it reserves the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guest-window.h"

uintptr_t guest_base;
