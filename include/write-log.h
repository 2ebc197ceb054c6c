/*
 * What one process changes in the guest's memory, carried to another
 * (exec/write-log.c): how a vfork child's stores reach its parent,
 * although stitch runs that child on a copy of the parent's memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef STITCH_WRITE_LOG_H
#define STITCH_WRITE_LOG_H

typedef struct WriteLog WriteLog;

/* The parent, before the fork: a log both processes see, with room for
 * every guest page (up to 256 MiB of them); NULL if it cannot be mapped. */
WriteLog *write_log_new(void);
/* The child, first thing after the fork (one thread): from now on the
 * first write to each writable private guest page notes the page and what
 * it held.  NULL in the child of a fork: it has no log, not even one its
 * parent (a vfork child itself) was keeping. */
void write_log_start(WriteLog *log);
/* The child, before its exec and before it ends: what the noted pages
 * hold now.  Again after a failed exec.  Nothing without a log. */
void write_log_seal(void);
/* The parent, once the child has exec'd or ended (it was waiting): the
 * bytes the child changed, into its own pages; then the log is gone. */
void write_log_apply(WriteLog *log);
void write_log_free(WriteLog *log);

#endif
