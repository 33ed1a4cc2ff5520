// SPDX-License-Identifier: GPL-2.0
/*
 * Output files: rte_out_replace() replaces regular files only and never
 * writes through a planted symlink; a file whose header could not be
 * written (a full disk, here a file size limit) gets nothing else.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rte_out.h"
#include "rte_test.h"

static char dir[64];

static const char *at(const char *name)
{
	static char path[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text),
	      "write %s", path);
	close(fd);
}

static bool holds(const char *path, const char *text)
{
	char buf[256] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	return n >= 0 && (size_t)n == strlen(text) && !memcmp(buf, text, (size_t)n);
}

/* Only regular files are replaced; anything else is left as it is. */
static void test_replace(void)
{
	struct stat st;
	int ret;

	CHECK(rte_out_replace(at("new.prom"), "a\n", 2) == 0, "new: %s", strerror(errno));
	CHECK(holds(at("new.prom"), "a\n"), "new.prom");
	CHECK(rte_out_replace(at("new.prom"), "b\n", 2) == 0, "again: %s", strerror(errno));
	CHECK(holds(at("new.prom"), "b\n"), "new.prom replaced");
	CHECK(stat(at("new.prom"), &st) == 0 && (st.st_mode & 0777) == (0644 & ~umask(022)),
	      "mode %o", st.st_mode & 0777);

	CHECK(mkfifo(at("fifo"), 0644) == 0, "mkfifo");
	ret = rte_out_replace(at("fifo"), "x", 1);
	CHECK(ret == RTE_OUT_NOT_REGULAR, "fifo: %d", ret);
	CHECK(lstat(at("fifo"), &st) == 0 && S_ISFIFO(st.st_mode), "fifo kept");

	CHECK(mkdir(at("subdir"), 0755) == 0, "mkdir");
	CHECK(rte_out_replace(at("subdir"), "x", 1) == RTE_OUT_NOT_REGULAR, "dir");

	put(at("target"), "keep\n");
	CHECK(symlink(at("target"), at("link.prom")) == 0, "symlink");
	CHECK(rte_out_replace(at("link.prom"), "x", 1) == RTE_OUT_NOT_REGULAR, "link");
	CHECK(lstat(at("link.prom"), &st) == 0 && S_ISLNK(st.st_mode), "link kept");
	CHECK(holds(at("target"), "keep\n"), "link target untouched");

	/* /dev/null is a character device: refused before any rename */
	CHECK(rte_out_replace("/dev/null", "x", 1) == RTE_OUT_NOT_REGULAR, "/dev/null");
	CHECK(lstat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "/dev/null kept");
	CHECK(strstr(rte_out_replace_error(RTE_OUT_NOT_REGULAR, 0),
		     "not a regular file"), "message");

	/* the old fixed temporary name, planted as a symlink: not followed */
	put(at("victim"), "precious\n");
	CHECK(symlink(at("victim"), at("out.prom.tmp")) == 0, "plant");
	CHECK(rte_out_replace(at("out.prom"), "data\n", 5) == 0, "out.prom: %s",
	      strerror(errno));
	CHECK(holds(at("victim"), "precious\n"), "the symlink's target was written");
	CHECK(holds(at("out.prom"), "data\n"), "out.prom");
}

/*
 * The header does not fit (as on a full disk): the file stays empty, and
 * later writes are refused even when space is back, instead of landing
 * at offset 0 of a file without header.
 */
static void test_headless(void)
{
	struct rte_out o = { .fd = -1 };
	struct rlimit old, lim;
	char header[2048];
	struct stat st;
	bool empty;

	memset(header, 'h', sizeof(header));
	CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0, "getrlimit");
	signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = 1024;
	CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0, "setrlimit");
	CHECK(rte_out_open(&o, at("full.jsonl"), &empty) == 0 && empty, "open");
	CHECK(rte_out_start(&o, header, sizeof(header)) == -1, "header written");
	CHECK(o.headless, "not headless");
	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0, "setrlimit back");
	/* space is back: a short line would now fit, at offset 0 */
	CHECK(rte_out_write(&o, "{\"type\":\"window\"}\n", 18) == -1, "written");
	CHECK(stat(at("full.jsonl"), &st) == 0 && st.st_size == 0,
	      "%lld bytes in a file without header", (long long)st.st_size);
	CHECK_EQ(o.dropped, sizeof(header) + 18);
	rte_out_close(&o);
	/* reopened (SIGHUP) with space: a header, then lines */
	CHECK(rte_out_open(&o, at("full.jsonl"), &empty) == 0 && empty, "reopen");
	CHECK(rte_out_start(&o, "H\n", 2) == 0 && !o.headless, "header");
	CHECK(rte_out_write(&o, "L\n", 2) == 0, "line");
	CHECK(holds(at("full.jsonl"), "H\nL\n"), "reopened file");
	rte_out_close(&o);
}

int main(void)
{
	char cmd[128];

	snprintf(dir, sizeof(dir), "/tmp/rte-test-out.XXXXXX");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	test_replace();
	test_headless();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "%s", cmd);
	return rte_test_report("tools/test_out");
}
