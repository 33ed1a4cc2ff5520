// SPDX-License-Identifier: GPL-2.0
/* The collector's tracefs: see rte_tracefs.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rte_out.h"
#include "rte_tracefs.h"

#define MSG_NO_SCHED "the kernel lacks the scheduler's trace events"
#define MSG_NO_EVENT "the driver has no trace event (built without CONFIG_TRACEPOINTS?)"

static const struct {
	const char *path;
	bool required;
} rte_trace_events[RTE_TRACE_EVENTS] = {
	{ "events/rt_eval_tmu/sample", true },
	{ "events/rt_eval_tmu/thread", false },
	{ "events/irq/irq_handler_entry", false },
	{ "events/irq/irq_handler_exit", false },
	{ "events/irq/softirq_entry", false },
	{ "events/irq/softirq_exit", false },
	{ "events/sched/sched_switch", true },
	{ "events/sched/sched_wakeup", false },
	{ "events/preemptirq/irq_disable", false },
	{ "events/preemptirq/irq_enable", false },
};

static int rte_tracefs_path(const struct rte_tracefs *t, const char *name,
			    char *buf, size_t len)
{
	if (snprintf(buf, len, "%s/%s", t->dir, name) >= (int)len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int rte_tracefs_read(const struct rte_tracefs *t, const char *name,
			    char *buf, size_t len)
{
	char path[512];

	if (rte_tracefs_path(t, name, path, sizeof(path)))
		return -1;
	return rte_read_text(path, buf, len);
}

static int rte_tracefs_write(const struct rte_tracefs *t, const char *name,
			     const char *val)
{
	char path[512];

	if (rte_tracefs_path(t, name, path, sizeof(path)))
		return -1;
	return rte_write_text(path, val);
}

/* /proc/mounts escapes ' ', '\t', '\n' and '\\' as octal: undo it. */
static void rte_unescape_mount(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

int rte_tracefs_find(struct rte_tracefs *t, const char *mounts, char *err,
		     size_t errlen)
{
	char line[1024], dir[512], type[64], path[600];
	bool found = false;
	FILE *f = fopen(mounts, "re");

	memset(t, 0, sizeof(*t));
	if (!f) {
		snprintf(err, errlen, "%s: %s: cannot tell where tracefs is",
			 mounts, strerror(errno));
		return -1;
	}
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %511s %63s", dir, type) != 2 ||
		    strcmp(type, "tracefs"))
			continue;
		rte_unescape_mount(dir);
		snprintf(path, sizeof(path), "%s/trace", dir);
		if (strlen(dir) < sizeof(t->dir) && !access(path, F_OK)) {
			rte_copy(t->dir, sizeof(t->dir), dir);
			found = true;
		}
	}
	fclose(f);
	if (!found) {
		snprintf(err, errlen,
			 "--trace: tracefs is not mounted (no tracefs in %s): mount it with 'mount -t tracefs nodev /sys/kernel/tracing' (the kernel needs CONFIG_FTRACE)",
			 mounts);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/tracing_on", t->dir);
	if (access(path, R_OK | W_OK)) {
		snprintf(err, errlen, "--trace: %s: %s%s", path, strerror(errno),
			 errno == EACCES || errno == EPERM ?
			 " (tracing needs root: run as root)" : "");
		return -1;
	}
	return 0;
}

int rte_tracefs_arm(struct rte_tracefs *t, char *err, size_t errlen)
{
	char kb[32], path[512];
	u64 old_kb = 0;
	size_t i;

	for (i = 0; i < RTE_TRACE_EVENTS; i++) {
		struct rte_trace_event *e = &t->ev[i];

		e->path = rte_trace_events[i].path;
		e->required = rte_trace_events[i].required;
		snprintf(path, sizeof(path), "%s/enable", e->path);
		e->present = !rte_tracefs_read(t, path, e->old, sizeof(e->old));
		if (!e->present && e->required) {
			snprintf(err, errlen, "--trace: %s/%s: %s: %s", t->dir,
				 path, strerror(errno), i ? MSG_NO_SCHED : MSG_NO_EVENT);
			return -1;
		}
	}
	if (rte_tracefs_read(t, "tracing_on", t->old_on, sizeof(t->old_on)) ||
	    rte_tracefs_read(t, "trace_clock", t->old_clock, sizeof(t->old_clock)) ||
	    rte_tracefs_read(t, "buffer_size_kb", t->old_kb, sizeof(t->old_kb)))
		goto fail;
	/* "7 (expanded: 1408)": not allocated yet; restore the size it gets */
	if (strstr(t->old_kb, "(expanded: ")) {
		char *s = strstr(t->old_kb, "(expanded: ") + 11;
		size_t n = strcspn(s, ")");

		memmove(t->old_kb, s, n);
		t->old_kb[n] = '\0';
	}
	/* "[local] global ... mono ...": keep the bracketed one */
	if (strchr(t->old_clock, '[')) {
		char *s = strchr(t->old_clock, '[') + 1;
		size_t n = strcspn(s, "]");

		memmove(t->old_clock, s, n);
		t->old_clock[n] = '\0';
	}
	t->armed = true;
	if (rte_tracefs_write(t, "tracing_on", "0") ||
	    rte_tracefs_write(t, "trace_clock", "mono"))
		goto fail;
	if (rte_parse_u64(t->old_kb, &old_kb) || old_kb < RTE_TRACE_BUFFER_KB) {
		snprintf(kb, sizeof(kb), "%d", RTE_TRACE_BUFFER_KB);
		if (rte_tracefs_write(t, "buffer_size_kb", kb))
			goto fail;
	}
	for (i = 0; i < RTE_TRACE_EVENTS; i++) {
		if (!t->ev[i].present)
			continue;
		snprintf(path, sizeof(path), "%s/enable", t->ev[i].path);
		if (rte_tracefs_write(t, path, "1"))
			goto fail;
	}
	if (!rte_tracefs_rearm(t))
		return 0;
fail:
	snprintf(err, errlen, "--trace: %s: cannot set it up: %s", t->dir,
		 strerror(errno));
	return -1;
}

int rte_tracefs_stopped(struct rte_tracefs *t)
{
	char on[8];

	if (rte_tracefs_read(t, "tracing_on", on, sizeof(on)))
		return -1;
	return !strcmp(on, "0");
}

/* Copy "trace" into @fd, at most RTE_TRACE_MAX_SAVE bytes. */
static int rte_tracefs_copy(int fd, void *ctx)
{
	const struct rte_tracefs *t = ctx;
	char path[512], buf[65536];
	u64 total = 0;
	ssize_t n = 0;
	int in;

	if (rte_tracefs_path(t, "trace", path, sizeof(path)))
		return -1;
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	while (total < RTE_TRACE_MAX_SAVE) {
		size_t off = 0;

		n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += (u64)n;
		while (off < (size_t)n) {
			ssize_t w = write(fd, buf + off, (size_t)n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				n = -1;
				break;
			}
			off += (size_t)w;
		}
		if (n < 0)
			break;
	}
	close(in);
	return n < 0 ? -1 : 0;
}

int rte_tracefs_save(struct rte_tracefs *t, const char *path, char *err,
		     size_t errlen)
{
	int ret = rte_out_replace_with(path, rte_tracefs_copy, t);

	if (ret)
		snprintf(err, errlen, "%s: cannot save the trace: %s", path,
			 rte_out_replace_error(ret, errno));
	return ret ? -1 : 0;
}

int rte_tracefs_rearm(struct rte_tracefs *t)
{
	char path[512];
	int fd;

	/* an O_TRUNC open of "trace" empties the buffer */
	if (rte_tracefs_path(t, "trace", path, sizeof(path)))
		return -1;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	close(fd);
	return rte_tracefs_write(t, "tracing_on", "1");
}

void rte_tracefs_restore(struct rte_tracefs *t)
{
	char path[512];
	size_t i;

	if (!t->armed)
		return;
	rte_tracefs_write(t, "tracing_on", "0");
	for (i = 0; i < RTE_TRACE_EVENTS; i++) {
		if (!t->ev[i].present)
			continue;
		snprintf(path, sizeof(path), "%s/enable", t->ev[i].path);
		/* "X" (mixed, in a system's enable) cannot be written back */
		rte_tracefs_write(t, path, strcmp(t->ev[i].old, "1") ? "0" : "1");
	}
	if (t->old_clock[0])
		rte_tracefs_write(t, "trace_clock", t->old_clock);
	rte_tracefs_write(t, "buffer_size_kb", t->old_kb);
	rte_tracefs_write(t, "tracing_on", t->old_on);
	t->armed = false;
}
