// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu lifecycle kselftests: loading and unloading the module,
 * removing it while the device is open, unbinding under blocked readers.
 *
 * The module is (re)loaded from RT_EVAL_TMU_KO=<path to rt_eval_tmu.ko>
 * with the parameters in RT_EVAL_TMU_PARAMS, or with modprobe when
 * RT_EVAL_TMU_KO is unset; tests that need to load it skip otherwise.  The
 * module is left loaded.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "rte_selftest.h"

#define MODNAME		"rt_eval_tmu"
#define CYCLES		200

static bool module_loaded(void)
{
	return !access("/sys/module/" MODNAME, F_OK);
}

/* 0, or -errno of the load */
static int load_module(void)
{
	const char *ko = getenv("RT_EVAL_TMU_KO");
	const char *params = getenv("RT_EVAL_TMU_PARAMS");
	int fd, ret;

	if (!ko)
		return system("modprobe " MODNAME " >/dev/null 2>&1") ? -ENOENT : 0;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

/* 0, or -errno of the removal */
static int unload_module(void)
{
	return syscall(SYS_delete_module, MODNAME, O_NONBLOCK) ? -errno : 0;
}

FIXTURE(life) {
	char dev[256];
	char node[272];
};

FIXTURE_SETUP(life)
{
	if (geteuid())
		SKIP(return, "loading modules needs root");
	if (!module_loaded() && load_module())
		SKIP(return, "cannot load " MODNAME ": set RT_EVAL_TMU_KO=<path to .ko>");
	if (find_device(self->dev, sizeof(self->dev)))
		SKIP(return, "no device bound to " MODNAME);
	ASSERT_EQ(0, find_devnode(self->dev, self->node, sizeof(self->node)));
}

FIXTURE_TEARDOWN(life)
{
	if (!module_loaded())
		load_module();
}

/* Each cycle binds the device, runs it briefly and removes it cleanly. */
TEST_F_TIMEOUT(life, load_unload_cycles, 600)
{
	int i, bad = 0;

	if (!getenv("RT_EVAL_TMU_KO") &&
	    system("modinfo " MODNAME " >/dev/null 2>&1"))
		SKIP(return, "set RT_EVAL_TMU_KO=<path to .ko> to reload the module");
	for (i = 0; i < CYCLES && !bad; i++) {
		char dev[256];

		if (unload_module()) {
			TH_LOG("cycle %d: unload: %s", i, strerror(errno));
			bad++;
			break;
		}
		if (module_loaded() || !access(self->node, F_OK)) {
			TH_LOG("cycle %d: module or %s still there", i, self->node);
			bad++;
		}
		if (load_module() || find_device(dev, sizeof(dev))) {
			TH_LOG("cycle %d: reload or bind failed", i);
			bad++;
		}
		if (i % 50 == 0 && attr_u64(dev, "enable") != 1)
			bad++;
	}
	EXPECT_EQ(0, bad);
	EXPECT_EQ(CYCLES, i);
	/* after all that, samples still flow */
	EXPECT_LT(0, wait_count(self->dev, 10000));
}

/* rmmod is refused while the device is open; the device keeps working. */
TEST_F(life, rmmod_while_open_is_refused)
{
	struct rt_eval_tmu_sample r;
	int fd = open(self->node, O_RDONLY);

	ASSERT_LE(0, fd);
	EXPECT_NE(0, unload_module());
	EXPECT_TRUE(errno == EWOULDBLOCK || errno == EBUSY)
		TH_LOG("delete_module: %s", strerror(errno));
	EXPECT_TRUE(module_loaded());
	EXPECT_EQ((ssize_t)REC_SIZE, read(fd, &r, REC_SIZE));
	close(fd);
	if (getenv("RT_EVAL_TMU_KO")) {
		EXPECT_EQ(0, unload_module());
		EXPECT_EQ(0, load_module());
	}
}

/*
 * Unbind while one reader is blocked in read() and another in poll(): both
 * return (EOF, EPOLLHUP), the files close, the device rebinds.  Repeated so
 * that a leak or a lost reference adds up.
 */
TEST_F_TIMEOUT(life, unbind_under_blocked_readers, 300)
{
	int i;

	for (i = 0; i < 20; i++) {
		struct waiter rd = { 0 }, pl = { .use_poll = true };
		struct rt_eval_tmu_info info;
		pthread_t t1, t2;

		ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
		rd.fd = open(self->node, O_RDONLY);
		pl.fd = open(self->node, O_RDONLY);
		ASSERT_LE(0, rd.fd);
		ASSERT_LE(0, pl.fd);
		drain(rd.fd, NULL);
		ASSERT_EQ(0, pthread_create(&t1, NULL, wait_thread, &rd));
		ASSERT_EQ(0, pthread_create(&t2, NULL, wait_thread, &pl));
		sleep_ms(50);
		ASSERT_EQ(0, write_path(DRV_DIR "/unbind", self->dev));
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		EXPECT_EQ(0, rd.ret);
		EXPECT_EQ(1, pl.ret);
		EXPECT_TRUE(pl.revents & POLLHUP);
		/* the files outlive the device: end of file, info still answers */
		EXPECT_EQ(0, read(rd.fd, &info, sizeof(info)));
		EXPECT_EQ(0, ioctl(rd.fd, RT_EVAL_TMU_IOC_INFO, &info));
		close(rd.fd);
		close(pl.fd);
		ASSERT_EQ(0, write_path(DRV_DIR "/bind", self->dev));
		ASSERT_EQ(0, find_devnode(self->dev, self->node, sizeof(self->node)));
	}
	EXPECT_LT(0, wait_count(self->dev, 10000));
}

/* Must stay the last test: it checks what all the others left. */
#include "rte_kernel_log_test.h"

/*
 * Without the module, or without a device bound to it, there is nothing to
 * cycle: the kselftest convention is to skip (exit 4).
 */
int main(int argc, char **argv)
{
	char dev[256];

	if (!module_loaded() && (geteuid() || load_module())) {
		ksft_print_header();
		ksft_exit_skip("module %s is not loaded: insmod it as root, or set %s\n",
			       MODNAME, "RT_EVAL_TMU_KO=<path to rt_eval_tmu.ko>");
	}
	if (find_device(dev, sizeof(dev))) {
		ksft_print_header();
		ksft_exit_skip("no device bound to " MODNAME " in " DRV_DIR
			       ": give it a timer (Documentation/overlays.rst)\n");
	}
	return test_harness_run(argc, argv);
}
