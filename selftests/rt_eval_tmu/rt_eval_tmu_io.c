// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu kselftests, the interfaces: sysfs and debugfs input, who may
 * do what, and the character device (read sizes, poll, bad pointers,
 * concurrent readers).  Run on a board (or the emulated one) with the
 * module loaded and one timer channel bound to it.
 *
 * RT_EVAL_TMU_DEVICE=<platform device name> picks a device when several
 * are bound; debugfs must be mounted for the late-interrupt test.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#include "kselftest_harness.h"
#include "rte_selftest.h"
#include "rte_fixture.h"

/*
 * @len bytes of @val, written at once, must fail with -EINVAL and leave the
 * attribute as it was (reset: the statistics as they were).
 */
static void expect_rejected_n(struct __test_metadata *_metadata,
			      const char *dev, const char *attr,
			      const char *val, size_t len)
{
	bool reset = !strcmp(attr, "reset");
	const char *shown = reset ? "count" : attr;
	char before[64] = "", after[64] = "";

	if (reset)
		ASSERT_EQ(0, write_attr(dev, "enable", "0"));
	ASSERT_EQ(0, read_attr(dev, shown, before, sizeof(before)));
	EXPECT_EQ(-EINVAL, write_attr_n(dev, attr, val, len))
		TH_LOG("%s <- \"%.*s\" (%zu bytes)", attr, (int)len, val, len);
	ASSERT_EQ(0, read_attr(dev, shown, after, sizeof(after)));
	EXPECT_STREQ(before, after)
		TH_LOG("%s changed by \"%.*s\"", shown, (int)len, val);
}

static void expect_rejected(struct __test_metadata *_metadata, const char *dev,
			    const char *attr, const char *val)
{
	expect_rejected_n(_metadata, dev, attr, val, strlen(val));
}

/* Garbage every writable attribute must refuse. */
static const char * const rte_garbage[] = {
	"\n", "-1", "abc", "12abc", "1 1", " 5", "5 5", "0x10", "1e3", "+",
	"18446744073709551616", "99999999999999999999999999", "1.5", "\t",
	"+1", "+100000", "1\n\n", "\n1",
};

/* Writes with a NUL inside: all bytes written count, not the C string. */
static const struct {
	const char *val;
	size_t len;
} rte_nul_garbage[] = {
	{ "10\0garbage", 10 }, { "1\0x", 3 }, { "1\0", 2 }, { "100000\0\n", 8 },
};

TEST_F(rte, bad_input_is_rejected)
{
	static const char * const attrs[] = {
		"enable", "period_ns", "threshold_ns", "log_interval_s", "reset",
		"stop_tracing_ns", "thread_stage", "thread_priority",
	};
	__u64 max_ticks = self->info.counter_bits >= 32 ? 0xffffffffULL :
			  (1ULL << self->info.counter_bits) - 1;
	__u64 max_ns = ticks_ns(max_ticks, self->info.tick_hz);
	char buf[32];
	size_t a, g;
	int i;

	/* statistics to lose if a bad reset went through */
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	for (i = 0; i < 500 && !attr_u64(self->dev, "count"); i++)
		sleep_ms(10);
	ASSERT_NE(0, attr_u64(self->dev, "count"));
	for (a = 0; a < ARRAY_SIZE(attrs); a++) {
		for (g = 0; g < ARRAY_SIZE(rte_garbage); g++)
			expect_rejected(_metadata, self->dev, attrs[a], rte_garbage[g]);
		for (g = 0; g < ARRAY_SIZE(rte_nul_garbage); g++)
			expect_rejected_n(_metadata, self->dev, attrs[a],
					  rte_nul_garbage[g].val,
					  rte_nul_garbage[g].len);
	}

	/* out of range for each */
	expect_rejected(_metadata, self->dev, "enable", "2");
	expect_rejected(_metadata, self->dev, "period_ns", "0");
	expect_rejected(_metadata, self->dev, "period_ns", "99999");
	snprintf(buf, sizeof(buf), "%llu",
		 (unsigned long long)(max_ns + 1000000000ULL / self->info.tick_hz));
	expect_rejected(_metadata, self->dev, "period_ns", buf);
	expect_rejected(_metadata, self->dev, "period_ns", "18446744073709551615");
	expect_rejected(_metadata, self->dev, "threshold_ns", "0");
	expect_rejected(_metadata, self->dev, "threshold_ns", "10000000001");
	expect_rejected(_metadata, self->dev, "log_interval_s", "3601");
	expect_rejected(_metadata, self->dev, "reset", "0");
	expect_rejected(_metadata, self->dev, "reset", "2");
	expect_rejected(_metadata, self->dev, "stop_tracing_ns", "10000000001");
	expect_rejected(_metadata, self->dev, "thread_stage", "2");
	expect_rejected(_metadata, self->dev, "thread_priority", "0");
	expect_rejected(_metadata, self->dev, "thread_priority", "100");

	/* the limits themselves are accepted */
	EXPECT_EQ(0, write_u64(self->dev, "period_ns", 100000));
	EXPECT_EQ(0, write_u64(self->dev, "period_ns", max_ns - max_ns % 1000));
	EXPECT_EQ(0, write_u64(self->dev, "threshold_ns", 10000000000ULL));
	EXPECT_EQ(0, write_u64(self->dev, "threshold_ns", 1));
	EXPECT_EQ(0, write_attr(self->dev, "log_interval_s", "3600\n"));
	EXPECT_EQ(0, write_attr(self->dev, "log_interval_s", "0"));
	EXPECT_EQ(0, write_u64(self->dev, "stop_tracing_ns", 10000000000ULL));
	EXPECT_EQ(0, write_attr(self->dev, "stop_tracing_ns", "0\n"));
	EXPECT_EQ(0, write_attr(self->dev, "thread_priority", "1"));
	EXPECT_EQ(0, write_attr(self->dev, "thread_priority", "99"));
	EXPECT_EQ(0, write_attr(self->dev, "thread_priority", "95\n"));
	EXPECT_EQ(0, write_attr(self->dev, "enable", "1\n"));
}

/* debugfs irqs_off_us refuses what inject_delay_us refuses, at once. */
TEST_F(rte, irqs_off_rejects_bad_input)
{
	static const char * const bad[] = {
		"0", "0\n", "1000001", "-1", "+5", "0x10", " 5", "5 ", "", "\n",
		"abc", "1.5", "18446744073709551616",
	};
	char path[PATH_MAX];
	__u64 t;
	size_t i;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/irqs_off_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no irqs_off_us for %s: mount debugfs", self->dev);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	ASSERT_NE(0, wait_count(self->dev, 5000));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, write_path(path, bad[i])) TH_LOG("\"%s\"", bad[i]);
	EXPECT_EQ(-EINVAL, write_path_n(path, "10\0garbage", 10));
	/* a good one holds interrupts off that long, then returns */
	t = now_ns();
	EXPECT_EQ(0, write_path(path, "2000\n"));
	EXPECT_LE(2000000ULL, now_ns() - t);
}

/*
 * The debugfs fault injection takes 1..1000000 us, decimal, like the sysfs
 * attributes; anything else is refused and leaves nothing pending.
 */
TEST_F(rte, inject_delay_rejects_bad_input)
{
	static const char * const bad[] = {
		"0", "0\n", "1000001", "-1", "+5", "0x10", " 5", "5 ", "", "\n",
		"abc", "1.5", "18446744073709551616", "99999999999999999999",
	};
	struct rte_rec_set s = { 0 };
	char path[384], val[32];
	size_t i, found = 0;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/inject_delay_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no inject_delay_us for %s: mount debugfs", self->dev);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	ASSERT_STREQ("0\n", val);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, write_path(path, bad[i])) TH_LOG("\"%s\"", bad[i]);
		ASSERT_EQ(0, read_path(path, val, sizeof(val)));
		EXPECT_STREQ("0\n", val) TH_LOG("pending after \"%s\"", bad[i]);
	}
	EXPECT_EQ(-EINVAL, write_path_n(path, "5\0x", 3));
	EXPECT_EQ(-EINVAL, write_path_n(path, "10\0garbage", 10));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("0\n", val);

	/* the limits are taken; 1000000 us is a late interrupt of 1 s */
	EXPECT_EQ(0, write_path(path, "1\n"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("1\n", val);
	EXPECT_EQ(0, write_path(path, "1000000"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("1000000\n", val);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	ASSERT_EQ(0, read_for(self->fd, 1500, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("0\n", val);
	for (i = 0; i < s.n; i++) {
		const struct rt_eval_tmu_sample *r = &s.r[i];

		if (!(r->flags & RT_EVAL_TMU_SAMPLE_INJECTED))
			continue;
		found++;
		EXPECT_LE(held_off_floor_ns(r, 1000000000ULL, 10000000),
			  ticks_ns(r->latency_ticks, self->info.tick_hz))
			TH_LOG("flags %#x", r->flags);
		EXPECT_EQ(r->latency_ticks / r->period_ticks, r->missed);
		EXPECT_LE(held_off_floor_ns(r, 100, 1), r->missed);
	}
	EXPECT_EQ(1, found);
	free(s.r);
}

/* Only root may change anything or read samples. */
TEST_F(rte, non_root_is_refused)
{
	static const char * const attrs[] = {
		"enable", "period_ns", "threshold_ns", "log_interval_s", "reset",
	};
	int status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "run as root to test that non-root is refused");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int bad = 0;
		size_t i;

		if (setgid(65534) || setuid(65534))
			_exit(100);
		for (i = 0; i < ARRAY_SIZE(attrs); i++)
			bad += write_attr(self->dev, attrs[i], "1") != -EACCES;
		bad += open(self->node, O_RDONLY) >= 0 || errno != EACCES;
		bad += attr_u64(self->dev, "count") == UINT64_MAX; /* reads work */
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(rte, char_device_semantics)
{
	struct rt_eval_tmu_sample r[2];
	struct pollfd p = { .fd = self->fd, .events = POLLIN };
	__u64 t0;
	char small[REC_SIZE - 1];
	int fl;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	/* smaller than one record */
	EXPECT_EQ(-1, read(self->fd, small, sizeof(small)));
	EXPECT_EQ(EINVAL, errno);
	/* empty and non-blocking */
	fl = fcntl(self->fd, F_GETFL);
	fcntl(self->fd, F_SETFL, fl | O_NONBLOCK);
	EXPECT_EQ(-1, read(self->fd, r, sizeof(r)));
	EXPECT_EQ(EAGAIN, errno);
	fcntl(self->fd, F_SETFL, fl);
	EXPECT_EQ(0, poll(&p, 1, 100));
	EXPECT_EQ(-1, ioctl(self->fd, _IO(RT_EVAL_TMU_IOC_MAGIC, 0x7f)));
	EXPECT_EQ(ENOTTY, errno);
	/* running: poll fires within a wake-up slice */
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	t0 = now_ns();
	EXPECT_EQ(1, poll(&p, 1, 2000));
	EXPECT_TRUE(p.revents & POLLIN);
	EXPECT_LT(now_ns() - t0, 1000000000ULL);
	/* only whole records: one fits in 71 bytes */
	EXPECT_EQ((ssize_t)REC_SIZE, read(self->fd, r, REC_SIZE + 7));
}

/* Read sizes and alignment: whole records only, at any address. */
TEST_F(rte, read_sizes_and_alignment)
{
	static const size_t sizes[] = { 1, 8, REC_SIZE - 1 };
	char raw[REC_SIZE * 4 + 1];
	struct rt_eval_tmu_sample r;
	__u64 last;
	ssize_t n;
	size_t i;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	sleep_ms(300);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		EXPECT_EQ(-1, read(self->fd, raw, sizes[i]));
		EXPECT_EQ(EINVAL, errno);
	}
	EXPECT_EQ(-1, read(self->fd, raw, 0));
	EXPECT_EQ(EINVAL, errno);
	/* an odd address and a size between records */
	n = read(self->fd, raw + 1, REC_SIZE * 2 + 30);
	ASSERT_EQ((ssize_t)REC_SIZE * 2, n);
	memcpy(&r, raw + 1 + REC_SIZE, sizeof(r));
	last = r.seq;
	memcpy(&r, raw + 1, sizeof(r));
	EXPECT_EQ(r.seq + 1, last);
	EXPECT_NE(0, r.latency_ticks);
	/* the next read continues the sequence */
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r, REC_SIZE));
	EXPECT_EQ(last + 1, r.seq);
}

/* poll() honours its timeout when nothing comes. */
TEST_F(rte, poll_times_out)
{
	struct pollfd p = { .fd = self->fd, .events = POLLIN };
	__u64 t0;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	t0 = now_ns();
	EXPECT_EQ(0, poll(&p, 1, 300));
	EXPECT_LE(290000000ULL, now_ns() - t0);
	EXPECT_GT(2000000000ULL, now_ns() - t0);
	EXPECT_EQ(0, p.revents);
}

/* Bad pointers: -EFAULT, and nothing is lost from the stream. */
TEST_F(rte, bad_pointers_fault_without_loss)
{
	struct rt_eval_tmu_sample r1, r2;
	long page = sysconf(_SC_PAGESIZE);
	/* a page of our address space that may not be touched */
	void *bad = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, bad);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	sleep_ms(300);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	EXPECT_EQ(-1, read(self->fd, bad, REC_SIZE));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, bad));
	EXPECT_EQ(EFAULT, errno);
	munmap(bad, page);
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r1, REC_SIZE));
	/* first record of the run is the one the fault did not consume */
	EXPECT_TRUE(r1.flags & RT_EVAL_TMU_SAMPLE_FIRST);
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r2, REC_SIZE));
	EXPECT_EQ(r1.seq + 1, r2.seq);
	/* an ioctl number of the right type but another size is unknown */
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(RT_EVAL_TMU_IOC_MAGIC, 0x01, __u64), &r1));
	EXPECT_EQ(ENOTTY, errno);
}

struct share_reader {
	int fd;
	struct rte_rec_set s;
};

static void *share_thread(void *arg)
{
	struct share_reader *r = arg;

	read_for(r->fd, 1500, &r->s);
	return NULL;
}

/*
 * Two readers at once share the stream: every sample reaches exactly one
 * of them (documented behaviour).
 */
TEST_F(rte, concurrent_readers_share_the_stream)
{
	struct share_reader a = { .fd = self->fd }, b = { 0 };
	pthread_t ta, tb;
	__u64 count, first, last;
	char *seen;
	size_t i;

	b.fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, b.fd);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 1000000);
	ASSERT_EQ(0, pthread_create(&ta, NULL, share_thread, &a));
	ASSERT_EQ(0, pthread_create(&tb, NULL, share_thread, &b));
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &a.s));
	close(b.fd);
	count = attr_u64(self->dev, "count");
	TH_LOG("reader A %zu, reader B %zu, produced %llu", a.s.n, b.s.n,
	       (unsigned long long)count);
	ASSERT_EQ(count, a.s.n + b.s.n);
	/* which reader wins how many is the scheduler's business (one CPU) */
	ASSERT_LT(0, a.s.n + b.s.n);
	first = UINT64_MAX;
	for (i = 0; i < a.s.n; i++)
		first = a.s.r[i].seq < first ? a.s.r[i].seq : first;
	for (i = 0; i < b.s.n; i++)
		first = b.s.r[i].seq < first ? b.s.r[i].seq : first;
	last = first + count - 1;
	seen = calloc(count, 1);
	ASSERT_NE(NULL, seen);
	for (i = 0; i < a.s.n + b.s.n; i++) {
		const struct rt_eval_tmu_sample *r =
			i < a.s.n ? &a.s.r[i] : &b.s.r[i - a.s.n];

		ASSERT_LE(r->seq, last);
		EXPECT_EQ(0, seen[r->seq - first])
			TH_LOG("seq %llu twice", (unsigned long long)r->seq);
		seen[r->seq - first] = 1;
	}
	free(seen);
	free(a.s.r);
	free(b.s.r);
}

/* Must stay the last test: it checks what all the others left. */
#include "rte_kernel_log_test.h"

int main(int argc, char **argv)
{
	return rte_test_main(argc, argv);
}
