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

#include <linux/limits.h>
#include <linux/types.h>

#include "rte_stats.h"
#include "rte_ticks.h"

/**
 * struct rte_out - a file the collector appends to
 * @path: its name
 * @fd: open descriptor, -1 when closed
 * @failing: the last write failed (the caller reports the change)
 * @dropped: bytes that could not be written
 */
struct rte_out {
	const char *path;
	int fd;
	bool failing;
	u64 dropped;
};

/* Open @path for appending; *empty tells whether it needs a header. */
int rte_out_open(struct rte_out *o, const char *path, bool *empty);
/* Write all of @buf or nothing; 0, or -1 with errno (o->failing set). */
int rte_out_write(struct rte_out *o, const void *buf, size_t len);
void rte_out_close(struct rte_out *o);

/* Replace @path with @buf via "<path>.tmp" and rename(); 0 or -1, errno. */
int rte_out_replace(const char *path, const void *buf, size_t len);

#endif
