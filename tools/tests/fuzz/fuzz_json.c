// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON reader (rte_json.c: json-c, strict, behind our own checks): one
 * line parsed, then read as a header, a summary and a histogram, and
 * written back.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "rte_fmt_log.h"

int rte_fuzz_one(const u8 *data, size_t size)
{
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	struct rte_header *h = rte_xcalloc(1, sizeof(*h));
	struct rte_hist *hist = rte_xcalloc(1, sizeof(*hist));
	/* a copy without a terminating NUL: reads past the end are caught */
	char *text = malloc(size ? size : 1);
	struct rte_buf b = { 0 };
	struct rte_report rep;
	char s[128];

	if (!text)
		abort();
	memcpy(text, data, size);
	if (!rte_json_parse(o, text, size)) {
		if (!rte_header_parse(h, o))
			rte_header_json(h, &b);
		if (!rte_report_parse(&rep, o))
			rte_report_json(&b, &rep);
		if (!rte_hist_parse(hist, o, "hist"))
			rte_hist_json(&b, "hist", hist);
		if (!rte_jobj_str(o, "type", s, sizeof(s)))
			rte_json_str(&b, "type", s);
	}
	rte_buf_free(&b);
	free(text);
	free(hist);
	free(h);
	rte_jobj_release(o);
	free(o);
	return 0;
}
