// SPDX-License-Identifier: GPL-2.0
/*
 * The ftrace text reader and the spike analysis, as rt-eval-collect
 * --trace runs them on a saved trace, and the analysis as text.
 */
#include <stdlib.h>

#include "fuzz_common.h"
#include "rte_fmt_text.h"
#include "rte_spike.h"

int rte_fuzz_one(const u8 *data, size_t size)
{
	struct rte_spike *sp = rte_xcalloc(1, sizeof(*sp));
	struct rte_buf text = { 0 };
	char path[64], err[512];

	rte_fuzz_file(data, size, path, sizeof(path));
	if (!rte_spike_analyse(path, 0, sp, err, sizeof(err)))
		rte_text_spike(&text, sp, "rt_eval_tmu0");
	if (!rte_spike_analyse(path, -1, sp, err, sizeof(err)))
		rte_text_spike(&text, sp, "rt_eval_tmu0");
	rte_buf_free(&text);
	free(sp);
	return 0;
}
