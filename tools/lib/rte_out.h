/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output files that survive a full disk: appends are all or nothing (a
 * short write is cut back, so a log never holds half a line and a raw file
 * never half a record), and whole-file outputs are replaced atomically.
 */
#ifndef RTE_OUT_H
#define RTE_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "rte_stats.h"
#include "rte_ticks.h"

/**
 * struct rte_out - a file the collector appends to
 * @path: its name
 * @fd: open descriptor, -1 when closed
 * @failing: the last write failed (the caller reports the change)
 * @headless: the file's header could not be written: nothing more is,
 *	since it would be unreadable (every write fails, counted in @dropped)
 * @dropped: bytes that could not be written
 */
struct rte_out {
	const char *path;
	int fd;
	bool failing;
	bool headless;
	u64 dropped;
};

/* Open @path for appending; *empty tells whether it needs a header. */
int rte_out_open(struct rte_out *o, const char *path, bool *empty);
/*
 * Write the header of a new (empty) file.  If that fails the file is
 * headless: it stays as it is (empty) until reopened, and no later write
 * lands where the header should be.  0, or -1 with errno.
 */
int rte_out_start(struct rte_out *o, const void *hdr, size_t len);
/* Write all of @buf or nothing; 0, or -1 with errno (o->failing set). */
int rte_out_write(struct rte_out *o, const void *buf, size_t len);
void rte_out_close(struct rte_out *o);

/* rte_out_replace(): @path exists and is not a regular file */
#define RTE_OUT_NOT_REGULAR	(-2)

/*
 * Replace the regular file @path (or create it) with @buf: written to a new
 * temporary file beside it (".NAME.XXXXXX", created O_EXCL, so never
 * through a planted symlink) and renamed over it.  Anything else at @path
 * (a device, directory, FIFO, socket or symlink) is left alone and
 * RTE_OUT_NOT_REGULAR returned.  0, or -1 with errno.
 */
int rte_out_replace(const char *path, const void *buf, size_t len);
/*
 * The same, with the new file's contents written by @fill (0, or -1 with
 * errno): for a copy too large to hold in memory.
 */
int rte_out_replace_with(const char *path, int (*fill)(int fd, void *ctx),
			 void *ctx);
/* The message for a failed rte_out_replace(): strerror() or ours. */
const char *rte_out_replace_error(int ret, int err);

#endif
