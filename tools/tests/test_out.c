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

#include "kselftest_harness.h"

#include "rte_gen.h"
#include "rte_out.h"

static char dir[64];

static const char *at(const char *name)
{
	static char path[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void put_text(struct __test_metadata *_metadata, const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	EXPECT_TRUE(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text))
		TH_LOG("write %s", path);
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
TEST(replace)
{
	struct stat st;
	int ret;

	EXPECT_TRUE(rte_out_replace(at("new.prom"), "a\n", 2) == 0)
		TH_LOG("new: %s", strerror(errno));
	EXPECT_TRUE(!!(holds(at("new.prom"), "a\n")))
		TH_LOG("new.prom");
	EXPECT_TRUE(rte_out_replace(at("new.prom"), "b\n", 2) == 0)
		TH_LOG("again: %s", strerror(errno));
	EXPECT_TRUE(!!(holds(at("new.prom"), "b\n")))
		TH_LOG("new.prom replaced");
	EXPECT_TRUE(stat(at("new.prom"), &st) == 0 && (st.st_mode & 0777) == (0644 & ~umask(022)))
		TH_LOG("mode %o", st.st_mode & 0777);

	EXPECT_TRUE(mkfifo(at("fifo"), 0644) == 0)
		TH_LOG("mkfifo");
	ret = rte_out_replace(at("fifo"), "x", 1);
	EXPECT_TRUE(ret == RTE_OUT_NOT_REGULAR)
		TH_LOG("fifo: %d", ret);
	EXPECT_TRUE(lstat(at("fifo"), &st) == 0 && S_ISFIFO(st.st_mode))
		TH_LOG("fifo kept");

	EXPECT_TRUE(mkdir(at("subdir"), 0755) == 0)
		TH_LOG("mkdir");
	EXPECT_TRUE(rte_out_replace(at("subdir"), "x", 1) == RTE_OUT_NOT_REGULAR)
		TH_LOG("dir");

	put_text(_metadata, at("target"), "keep\n");
	EXPECT_TRUE(symlink(at("target"), at("link.prom")) == 0)
		TH_LOG("symlink");
	EXPECT_TRUE(rte_out_replace(at("link.prom"), "x", 1) == RTE_OUT_NOT_REGULAR)
		TH_LOG("link");
	EXPECT_TRUE(lstat(at("link.prom"), &st) == 0 && S_ISLNK(st.st_mode))
		TH_LOG("link kept");
	EXPECT_TRUE(!!(holds(at("target"), "keep\n")))
		TH_LOG("link target untouched");

	/* /dev/null is a character device: refused before any rename */
	EXPECT_TRUE(rte_out_replace("/dev/null", "x", 1) == RTE_OUT_NOT_REGULAR)
		TH_LOG("/dev/null");
	EXPECT_TRUE(lstat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode))
		TH_LOG("/dev/null kept");
	EXPECT_TRUE(!!(strstr(rte_out_replace_error(RTE_OUT_NOT_REGULAR, 0), "not a regular file")))
		TH_LOG("message");

	/* the old fixed temporary name, planted as a symlink: not followed */
	put_text(_metadata, at("victim"), "precious\n");
	EXPECT_TRUE(symlink(at("victim"), at("out.prom.tmp")) == 0)
		TH_LOG("plant");
	EXPECT_TRUE(rte_out_replace(at("out.prom"), "data\n", 5) == 0)
		TH_LOG("out.prom: %s", strerror(errno));
	EXPECT_TRUE(!!(holds(at("victim"), "precious\n")))
		TH_LOG("the symlink's target was written");
	EXPECT_TRUE(!!(holds(at("out.prom"), "data\n")))
		TH_LOG("out.prom");
}

/*
 * The header does not fit (as on a full disk): the file stays empty, and
 * later writes are refused even when space is back, instead of landing
 * at offset 0 of a file without header.
 */
TEST(headless)
{
	struct rte_out o = { .fd = -1 };
	struct rlimit old, lim;
	char header[2048];
	struct stat st;
	bool empty;

	memset(header, 'h', sizeof(header));
	EXPECT_TRUE(getrlimit(RLIMIT_FSIZE, &old) == 0)
		TH_LOG("getrlimit");
	signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = 1024;
	EXPECT_TRUE(setrlimit(RLIMIT_FSIZE, &lim) == 0)
		TH_LOG("setrlimit");
	EXPECT_TRUE(rte_out_open(&o, at("full.jsonl"), &empty) == 0 && empty)
		TH_LOG("open");
	EXPECT_TRUE(rte_out_start(&o, header, sizeof(header)) == -1)
		TH_LOG("header written");
	EXPECT_TRUE(!!(o.headless))
		TH_LOG("not headless");
	EXPECT_TRUE(setrlimit(RLIMIT_FSIZE, &old) == 0)
		TH_LOG("setrlimit back");
	/* space is back: a short line would now fit, at offset 0 */
	EXPECT_TRUE(rte_out_write(&o, "{\"type\":\"window\"}\n", 18) == -1)
		TH_LOG("written");
	EXPECT_TRUE(stat(at("full.jsonl"), &st) == 0 && st.st_size == 0)
		TH_LOG("%lld bytes in a file without header", (long long)st.st_size);
	EXPECT_EQ((u64)(sizeof(header) + 18), (u64)(o.dropped));
	rte_out_close(&o);
	/* reopened (SIGHUP) with space: a header, then lines */
	EXPECT_TRUE(rte_out_open(&o, at("full.jsonl"), &empty) == 0 && empty)
		TH_LOG("reopen");
	EXPECT_TRUE(rte_out_start(&o, "H\n", 2) == 0 && !o.headless)
		TH_LOG("header");
	EXPECT_TRUE(rte_out_write(&o, "L\n", 2) == 0)
		TH_LOG("line");
	EXPECT_TRUE(!!(holds(at("full.jsonl"), "H\nL\n")))
		TH_LOG("reopened file");
	rte_out_close(&o);
}

#define RTE_TEST_DIR		dir
#define RTE_TEST_DIR_NAME	"rte-test-out"
#include "rte_test_dir.h"

TEST_HARNESS_MAIN
