// SPDX-License-Identifier: GPL-2.0
/*
 * The raw file reader: rte_raw_open() and a replay into a run with the
 * --histogram conversion (both stages' columns) and --per-cpu on, as
 * rt-eval-collect --replay does, the text and log summaries, and the
 * text header of what it read.
 */
#include <stdlib.h>

#include "fuzz_common.h"
#include "rte_fmt_hist.h"
#include "rte_fmt_log.h"
#include "rte_fmt_prom.h"
#include "rte_fmt_raw.h"
#include "rte_fmt_text.h"
#include "rte_percpu.h"

int rte_fuzz_one(const u8 *data, size_t size)
{
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_header *h = rte_xcalloc(1, sizeof(*h));
	struct rte_buf text = { 0 };
	struct rte_raw_reader rd;
	struct rte_ushist us, thr;
	char path[64], err[512];

	rte_fuzz_file(data, size, path, sizeof(path));
	if (!rte_raw_open(&rd, path, h, err, sizeof(err))) {
		rte_run_init(r, h, 1000);
		rte_ushist_init(&us, 1000);
		rte_ushist_init(&thr, 1000);
		r->us = &us;
		r->thr_us = &thr;
		r->percpu = rte_percpu_new();
		if (!rte_raw_replay(&rd, r, err, sizeof(err))) {
			struct rte_limits lim = { 0 };
			struct rte_log_end e = { .end = "end of file",
						 .lim = &lim, .result = "pass",
						 .failures = "" };
			struct rte_report rep;

			rte_report_make(&rep, &r->total, h->info.tick_hz);
			rte_prom_text(&text, r, &rep);
			rte_ushist_text(&text, &us, &thr, r);
			rte_text_summary(&text, r, &rep, "end of file");
			rte_log_summary(&text, r, &rep, &e);
			rte_header_json(h, &text);
			rte_text_header(&text, h);
			rte_percpu_text(&text, r->percpu, h->info.tick_hz);
			rte_percpu_json(&text, r->percpu, h->info.tick_hz);
		}
		rte_percpu_free(r->percpu);
		rte_raw_close(&rd);
		rte_ushist_free(&us);
		rte_ushist_free(&thr);
	}
	rte_buf_free(&text);
	free(h);
	free(r);
	return 0;
}
