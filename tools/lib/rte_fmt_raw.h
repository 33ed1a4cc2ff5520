/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --raw file: every sample, losslessly, after the run's header.
 *
 *   offset 0   8 bytes   magic "RTEVRAW\0"
 *          8   le32      format version (1)
 *         12   le32      header bytes H that follow
 *         16   H bytes   the header as one JSON line ("type":"header"),
 *                        '\n', NUL padding so that records start at a
 *                        multiple of 64
 *    16 + H    64 bytes  struct rt_eval_tmu_sample records as the device
 *                        returns them (uapi layout), little-endian, to the
 *                        end of the file
 *
 * A record is 64 bytes: an hour at 1 kHz is 230 MB, at 100 Hz 23 MB.
 */
#ifndef RTE_FMT_RAW_H
#define RTE_FMT_RAW_H

#include <sys/types.h>

#include "rte_load.h"

#define RTE_RAW_MAGIC		"RTEVRAW"	/* and its NUL: 8 bytes */
#define RTE_RAW_VERSION		1
#define RTE_RAW_ALIGN		64
#define RTE_RAW_MAX_HEADER	65536

/* The file's first bytes for @h: prefix, header, padding. */
void rte_raw_start(struct rte_buf *b, const struct rte_header *h);

/* Device byte order <-> the file's little-endian, in place, either way. */
void rte_sample_le(struct rt_eval_tmu_sample *s);

/*
 * A record may follow the previous one by the timer periods its sequence
 * number and missed count account for, plus one interval and a second,
 * and never by more than this many windows (the first record after the
 * run's start, and one flagged RT_EVAL_TMU_SAMPLE_FIRST after the timer
 * was restarted, only by these windows): a record further ahead is
 * corrupt, reported and skipped, never expanded into empty windows.
 */
#define RTE_RAW_MAX_JUMP_WINDOWS	100

/**
 * struct rte_raw_reader - an open raw file
 * @fd: file descriptor
 * @path: its name, for messages
 * @records: whole records in the file
 * @done: records read so far
 * @skipped: records skipped because their timestamp jumps too far ahead
 * @skip_msg: what the first skipped record was
 * @stop: if set, asked between blocks of records whether to stop early
 * @stop_ctx: passed to @stop
 */
struct rte_raw_reader {
	int fd;
	const char *path;
	u64 records;
	u64 done;
	u64 skipped;
	char skip_msg[256];
	bool (*stop)(void *ctx);
	void *stop_ctx;
};

/*
 * Open @path, check it and read its header into @h.  0, or -1 with a
 * message naming the file and what is wrong in @err.
 */
int rte_raw_open(struct rte_raw_reader *rd, const char *path,
		 struct rte_header *h, char *err, size_t errlen);
/*
 * Feed every record to @r (up to @stop) and finish it; 0, or -1 with
 * @err.  Records that jump too far ahead are counted in @skipped.
 */
int rte_raw_replay(struct rte_raw_reader *rd, struct rte_run *r, char *err,
		   size_t errlen);
void rte_raw_close(struct rte_raw_reader *rd);

/*
 * Replay the whole raw file @path into @out (rte_load() for raw files).
 * 0, or -1 with a message naming the file in @err.
 */
int rte_raw_load(const char *path, struct rte_loaded *out, char *err,
		 size_t errlen);

#endif
