// SPDX-License-Identifier: GPL-2.0
/* The log reader of rt-eval-compare: rte_load() of a --log file. */
#include <stdlib.h>

#include "fuzz_common.h"
#include "rte_fmt_log.h"

int rte_fuzz_one(const u8 *data, size_t size)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[64], err[512];

	rte_fuzz_file(data, size, path, sizeof(path));
	if (!rte_load(path, l, err, sizeof(err))) {
		struct rte_buf b = { 0 };

		rte_header_json(&l->hdr, &b);
		rte_report_json(&b, &l->rep);
		rte_hist_json(&b, "hist", &l->hist);
		rte_buf_free(&b);
	}
	free(l);
	return 0;
}
