// SPDX-License-Identifier: GPL-2.0
/* Output files that survive a full disk: see rte_out.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

	if (o->fd < 0) {
		errno = EBADF;
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

void rte_out_close(struct rte_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
}

int rte_out_replace(const char *path, const void *buf, size_t len)
{
	char tmp[4096];
	int fd, err;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (rte_write_all(fd, buf, len)) {
		err = errno;
		close(fd);
		unlink(tmp);
		errno = err;
		return -1;
	}
	if (close(fd) || rename(tmp, path)) {
		err = errno;
		unlink(tmp);
		errno = err;
		return -1;
	}
	return 0;
}
