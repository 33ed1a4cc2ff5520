// SPDX-License-Identifier: GPL-2.0
/* Read a finished run back from a log or a raw file: see rte_load.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rte_fmt_log.h"
#include "rte_fmt_raw.h"

int rte_load(const char *path, struct rte_loaded *out, char *err,
	     size_t errlen)
{
	FILE *f = fopen(path, "re");
	int c, ret;

	memset(out, 0, sizeof(*out));
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	c = getc(f);
	if (c == 'R') {
		fclose(f);
		return rte_raw_load(path, out, err, errlen);
	}
	if (c != EOF)
		ungetc(c, f);
	ret = rte_log_load(path, f, out, err, errlen);
	fclose(f);
	return ret;
}
