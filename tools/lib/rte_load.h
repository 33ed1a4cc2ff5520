/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A finished run read back from a --log file (header and summary lines) or
 * a --raw file (replayed), for rt-eval-compare and the tests.
 */
#ifndef RTE_LOAD_H
#define RTE_LOAD_H

#include "rte_run.h"

/*
 * The longest log line read: a summary with every histogram bucket filled
 * is about 300 KiB, 600 KiB with the thread stage's histogram too.  A
 * longer line is not from rt-eval-collect.
 */
#define RTE_LOG_MAX_LINE	(1024 * 1024)

/**
 * struct rte_loaded - a run's header, summary and histogram
 * @hdr: the header
 * @rep: the whole run's statistics
 * @hist: the whole run's histogram
 * @thread: the run has a thread stage (a log's "thread" objects, a raw
 *	file's header or records); then:
 * @thr_rep: the thread stage's statistics (with its late count)
 * @thr_hist: its histogram
 * @windows: windows in the file
 * @from_raw: read from a raw file (replayed)
 * @note: something the reader should know, e.g. which of several runs in
 *	a log this is; "" if nothing
 */
struct rte_loaded {
	struct rte_header hdr;
	struct rte_report rep;
	struct rte_hist hist;
	bool thread;
	struct rte_report thr_rep;
	struct rte_hist thr_hist;
	u64 windows;
	bool from_raw;
	char note[320];
};

/*
 * Load @path, telling a raw file from a log by its first bytes.  0, or -1
 * with a message naming the file (and line) and what is wrong in @err.
 * @out is large: allocate it.
 */
int rte_load(const char *path, struct rte_loaded *out, char *err,
	     size_t errlen);

#endif
