// SPDX-License-Identifier: GPL-2.0
/*
 * Environment detection against fake /sys, /proc and device-tree trees:
 * bare metal (the emulated ZCU102), Xen Dom0 with and without xenfs, Xen
 * guests, KVM guests, an unknown hypervisor; and the kernel's preemption
 * model on this machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "rte_env.h"
#include "rte_gen.h"
#include "rte_util.h"

static char top[64];

/* Create root/path (and its directories) holding @len bytes of @data. */
static void fake(struct __test_metadata *_metadata, const char *root, const char *path,
		 const char *data,
		 size_t len)
{
	char full[512], *p;
	int fd;

	snprintf(full, sizeof(full), "%s%s", root, path);
	for (p = strchr(full + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(full, 0755);
		*p = '/';
	}
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	EXPECT_TRUE(fd >= 0 && write(fd, data, len) == (ssize_t)len)
		TH_LOG("write %s", full);
	close(fd);
}

#define FAKE(root, path, lit) fake(_metadata, root, path, lit, sizeof(lit) - 1)

static const char *new_root(const char *name)
{
	static char root[256];

	snprintf(root, sizeof(root), "%s/%s", top, name);
	mkdir(root, 0755);
	return root;
}

static void expect(struct __test_metadata *_metadata, const char *root, const char *env,
		   const char *evidence)
{
	struct rte_env e;

	memset(&e, 0, sizeof(e));
	rte_env_detect_platform(&e, root);
	EXPECT_TRUE(!strcmp(e.environment, env))
		TH_LOG("%s: \"%s\", want \"%s\" (%s)", root, e.environment, env, e.evidence);
	EXPECT_TRUE(!!(strstr(e.evidence, evidence)))
		TH_LOG("%s: evidence \"%s\" lacks \"%s\"", root, e.evidence, evidence);
}

TEST(platforms)
{
	struct rte_env e;
	const char *r;
	char path[512];

	/* the emulated board: QEMU in the model, no hypervisor */
	r = new_root("zcu102");
	FAKE(r, "/proc/device-tree/model", "ZynqMP ZCU102 (QEMU) for rt_eval_tmu\0");
	FAKE(r, "/proc/device-tree/compatible", "xlnx,zynqmp-zcu102\0xlnx,zynqmp\0");
	mkdir(strcat(strcpy(path, r), "/sys"), 0755);
	mkdir(strcat(path, "/hypervisor"), 0755);	/* empty, as Linux has it */
	expect(_metadata, r, RTE_ENV_BARE_METAL, "no hypervisor");
	memset(&e, 0, sizeof(e));
	rte_env_detect_platform(&e, r);
	EXPECT_TRUE(!!(e.emulated))
		TH_LOG("QEMU model is emulated");
	EXPECT_TRUE(!strcmp(e.board, "ZynqMP ZCU102 (QEMU) for rt_eval_tmu"))
		TH_LOG("%s", e.board);

	r = new_root("x86");
	FAKE(r, "/proc/cpuinfo", "flags\t\t: fpu vme de pse tsc msr\n");
	expect(_metadata, r, RTE_ENV_BARE_METAL, "no hypervisor");
	memset(&e, 0, sizeof(e));
	rte_env_detect_platform(&e, r);
	EXPECT_TRUE(!e.emulated)
		TH_LOG("a plain machine is not emulated");

	/* Xen Dom0 on Arm: xenfs mounted, version, xl in PATH */
	r = new_root("dom0");
	FAKE(r, "/sys/hypervisor/type", "xen\n");
	FAKE(r, "/proc/xen/capabilities", "control_d\n");
	FAKE(r, "/sys/hypervisor/version/major", "4\n");
	FAKE(r, "/sys/hypervisor/version/minor", "17\n");
	FAKE(r, "/sys/hypervisor/version/extra", ".0\n");
	FAKE(r, "/proc/device-tree/hypervisor/compatible", "xen,xen-4.17\0xen,xen\0");
	FAKE(r, "/bin/xl",
	     "#!/bin/sh\necho 'host   : zcu102'\necho 'xen_scheduler          : credit2'\n");
	snprintf(path, sizeof(path), "%s/bin:%s", r, getenv("PATH"));
	setenv("PATH", path, 1);
	expect(_metadata, r, RTE_ENV_XEN_DOM0, "control_d");
	memset(&e, 0, sizeof(e));
	rte_env_detect_platform(&e, r);
	EXPECT_TRUE(!strcmp(e.xen_version, "4.17.0"))
		TH_LOG("xen version %s", e.xen_version);
	EXPECT_TRUE(!strcmp(e.xen_scheduler, "credit2"))
		TH_LOG("scheduler %s", e.xen_scheduler);

	/* Dom0 without xenfs: the all-zero domain handle */
	r = new_root("dom0-noxenfs");
	FAKE(r, "/sys/hypervisor/type", "xen\n");
	FAKE(r, "/sys/hypervisor/uuid", "00000000-0000-0000-0000-000000000000\n");
	expect(_metadata, r, RTE_ENV_XEN_DOM0, "all zero");

	/* a dom0less guest: a zero handle like Dom0's, no xenfs, Xen's DT */
	r = new_root("domu-dom0less");
	FAKE(r, "/sys/hypervisor/type", "xen\n");
	FAKE(r, "/sys/hypervisor/uuid", "00000000-0000-0000-0000-000000000000\n");
	FAKE(r, "/proc/device-tree/interrupt-controller@3001000/compatible",
	     "arm,gic-400\0");
	expect(_metadata, r, RTE_ENV_XEN_GUEST, "a Xen guest's");

	/* a guest xl created: Xen's root compatible */
	r = new_root("domu-xl");
	FAKE(r, "/sys/hypervisor/type", "xen\n");
	FAKE(r, "/proc/device-tree/compatible", "xen,xenvm-4.17\0xen,xenvm\0");
	expect(_metadata, r, RTE_ENV_XEN_GUEST, "a Xen guest's");

	r = new_root("domu");
	FAKE(r, "/sys/hypervisor/type", "xen\n");
	FAKE(r, "/proc/xen/capabilities", "");
	FAKE(r, "/sys/hypervisor/uuid", "3f1c7f0a-1c53-4e1b-9a26-5b2c1c0e9d11\n");
	expect(_metadata, r, RTE_ENV_XEN_GUEST, "not domain 0");

	r = new_root("domu-dt");
	FAKE(r, "/proc/device-tree/hypervisor/compatible", "xen,xen-4.17\0xen,xen\0");
	expect(_metadata, r, RTE_ENV_XEN_GUEST, "device tree: /hypervisor xen,xen");

	r = new_root("kvm-arm");
	FAKE(r, "/proc/device-tree/compatible", "linux,dummy-virt\0");
	expect(_metadata, r, RTE_ENV_KVM_GUEST, "dummy-virt");

	r = new_root("kvm-x86");
	FAKE(r, "/sys/class/dmi/id/sys_vendor", "QEMU\n");
	FAKE(r, "/proc/cpuinfo", "flags\t\t: fpu hypervisor lahf_lm\n");
	expect(_metadata, r, RTE_ENV_KVM_GUEST, "DMI");

	r = new_root("kvmclock");
	FAKE(r, "/sys/devices/system/clocksource/clocksource0/available_clocksource",
	     "kvm-clock tsc hpet acpi_pm\n");
	expect(_metadata, r, RTE_ENV_KVM_GUEST, "kvm-clock");

	r = new_root("other-vm");
	FAKE(r, "/sys/class/dmi/id/sys_vendor", "VMware, Inc.\n");
	FAKE(r, "/proc/cpuinfo", "flags\t\t: fpu hypervisor lahf_lm\n");
	expect(_metadata, r, RTE_ENV_VM, "hypervisor flag");
}

TEST(kernel)
{
	struct rte_env e;
	struct utsname u;
	char rt[8] = "";

	memset(&e, 0, sizeof(e));
	rte_env_detect_kernel(&e);
	EXPECT_TRUE(uname(&u) == 0)
		TH_LOG("uname");
	EXPECT_TRUE(!strcmp(e.kernel_release, u.release))
		TH_LOG("%s", e.kernel_release);
	EXPECT_TRUE(!strcmp(e.hostname, u.nodename))
		TH_LOG("%s", e.hostname);
	rte_read_text("/sys/kernel/realtime", rt, sizeof(rt));
	EXPECT_TRUE(e.preempt_rt == (strstr(u.version, "PREEMPT_RT") || !strcmp(rt, "1")))
		TH_LOG("preempt_rt %d for \"%s\"", e.preempt_rt, u.version);
	EXPECT_TRUE(!strcmp(e.preempt, "none") || strstr(u.version, e.preempt) || e.preempt_rt)
		TH_LOG("preempt \"%s\" for \"%s\"", e.preempt, u.version);
}

/* The tests share a directory, made before the first and removed by the last. */
static void __attribute__((constructor)) make_env_dir(void)
{
	rte_gen_tmpdir(top, sizeof(top), "rte-test-env");
}

TEST(remove_dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", top);
	EXPECT_EQ(0, system(cmd))
		TH_LOG("%s", cmd);
}

TEST_HARNESS_MAIN
