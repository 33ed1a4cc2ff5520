// SPDX-License-Identifier: GPL-2.0
/* Output files that survive a full disk: see rte_out.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rte_out.h"

int rte_out_open(struct rte_out *o, const char *path, bool *empty)
{
	struct stat st;

	o->path = path;
	o->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (o->fd < 0)
		return -1;
	*empty = fstat(o->fd, &st) || st.st_size == 0;
	return 0;
}

/* write() until done; -1 with errno on failure (ENOSPC for a 0 return) */
static int rte_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int rte_out_write(struct rte_out *o, const void *buf, size_t len)
{
	off_t start;
	int err;

	if (o->fd < 0 || o->headless) {
		errno = o->headless ? EIO : EBADF;
		goto fail;
	}
	start = lseek(o->fd, 0, SEEK_END);
	if (!rte_write_all(o->fd, buf, len)) {
		o->failing = false;
		return 0;
	}
	err = errno;
	/* cut a partial line or record back off; harmless where impossible */
	if (start >= 0 && ftruncate(o->fd, start))
		(void)0;
	errno = err;
fail:
	o->failing = true;
	o->dropped += len;
	return -1;
}

int rte_out_start(struct rte_out *o, const void *hdr, size_t len)
{
	o->headless = false;
	if (!rte_out_write(o, hdr, len))
		return 0;
	o->headless = true;
	return -1;
}

void rte_out_close(struct rte_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	o->headless = false;
}

/* Is @path absent or a regular file (not a symlink)?  0, or the error. */
static int rte_out_replaceable(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -1;
	return S_ISREG(st.st_mode) ? 0 : RTE_OUT_NOT_REGULAR;
}

int rte_out_replace_with(const char *path, int (*fill)(int fd, void *ctx),
			 void *ctx)
{
	const char *base = strrchr(path, '/');
	size_t dirlen = base ? (size_t)(base - path) + 1 : 0;
	char tmp[4096];
	mode_t mask;
	int fd, err, ret;

	base = base ? base + 1 : path;
	ret = rte_out_replaceable(path);
	if (ret)
		return ret;
	if (!*base || dirlen + strlen(base) + 9 >= sizeof(tmp)) {
		errno = *base ? ENAMETOOLONG : EISDIR;
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -1;
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0644 & ~mask) || fill(fd, ctx))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* again just before the rename: nothing else is ever replaced */
	ret = rte_out_replaceable(path);
	if (ret)
		goto fail;
	if (rename(tmp, path))
		goto fail;
	return 0;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = err;
	return ret ? ret : -1;
}

struct rte_out_mem {
	const void *buf;
	size_t len;
};

static int rte_out_fill_mem(int fd, void *ctx)
{
	const struct rte_out_mem *m = ctx;

	return rte_write_all(fd, m->buf, m->len);
}

int rte_out_replace(const char *path, const void *buf, size_t len)
{
	struct rte_out_mem m = { .buf = buf, .len = len };

	return rte_out_replace_with(path, rte_out_fill_mem, &m);
}

#define RTE_OUT_NOT_REGULAR_MSG "not a regular file (a device, directory, FIFO, socket or symlink): refusing to replace it; name a regular file"

const char *rte_out_replace_error(int ret, int err)
{
	if (ret == RTE_OUT_NOT_REGULAR)
		return RTE_OUT_NOT_REGULAR_MSG;
	return strerror(err);
}
