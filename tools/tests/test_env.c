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
#include "rte_header.h"
#include "rte_gen.h"
#include "rte_util.h"

static char top[64];

/* Create root/path (and its directories) holding @len bytes of @data. */
static void fake(struct __test_metadata *_metadata, const char *root, const char *path,
		 const char *data, size_t len)
{
	EXPECT_EQ(0, rte_gen_file(root, path, data, len))
		TH_LOG("write %s%s: %s", root, path, strerror(errno));
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

/* ---------------------------------------------------------------------- */
/* CPUs and interrupts: the kernel command line, /proc/interrupts, cpufreq */

static bool param(const char *cmdline, const char *key, char *out, size_t len)
{
	return rte_cmdline_param(cmdline, key, out, len);
}

TEST(cmdline)
{
	static const char line[] =
		"BOOT_IMAGE=/vmlinuz root=/dev/vda2 isolcpus=nohz,domain,2-3 nohz_full=2-3 quiet\n";
	char v[128], small[8], big[600];
	size_t i;

	EXPECT_TRUE(param(line, "isolcpus", v, sizeof(v)) && !strcmp(v, "nohz,domain,2-3"))
		TH_LOG("isolcpus \"%s\"", v);
	EXPECT_TRUE(param(line, "nohz_full", v, sizeof(v)) && !strcmp(v, "2-3"))
		TH_LOG("nohz_full \"%s\"", v);
	EXPECT_TRUE(!param(line, "irqaffinity", v, sizeof(v)) && !v[0])
		TH_LOG("absent irqaffinity \"%s\"", v);
	EXPECT_TRUE(!param("", "isolcpus", v, sizeof(v)) && !v[0])
		TH_LOG("empty command line \"%s\"", v);
	/* quotes: around the whole parameter or its value, spaces inside */
	EXPECT_TRUE(param("a=1 \"isolcpus=1,2\" b", "isolcpus", v, sizeof(v)) &&
		    !strcmp(v, "1,2"))
		TH_LOG("quoted parameter \"%s\"", v);
	EXPECT_TRUE(param("irqaffinity=\"0 1\" isolcpus=3", "irqaffinity", v, sizeof(v)) &&
		    !strcmp(v, "0 1"))
		TH_LOG("quoted value \"%s\"", v);
	EXPECT_TRUE(param("irqaffinity=\"0 1\" isolcpus=3", "isolcpus", v, sizeof(v)) &&
		    !strcmp(v, "3"))
		TH_LOG("after a quoted value \"%s\"", v);
	/* the last one counts; '-' is '_'; whole names; nothing after "--" */
	EXPECT_TRUE(param("isolcpus=1 isolcpus=3", "isolcpus", v, sizeof(v)) && !strcmp(v, "3"))
		TH_LOG("last \"%s\"", v);
	EXPECT_TRUE(param("nohz-full=5", "nohz_full", v, sizeof(v)) && !strcmp(v, "5"))
		TH_LOG("dash \"%s\"", v);
	EXPECT_TRUE(!param("xisolcpus=9 isolcpus isolcpusx=1", "isolcpus", v, sizeof(v)))
		TH_LOG("not a whole name \"%s\"", v);
	EXPECT_TRUE(!param("root=/dev/sda -- isolcpus=7", "isolcpus", v, sizeof(v)))
		TH_LOG("an argument of init \"%s\"", v);
	EXPECT_TRUE(param("isolcpus=", "isolcpus", v, sizeof(v)) && !v[0])
		TH_LOG("empty value \"%s\"", v);
	/* untrusted bytes: control characters and non-UTF-8 become '?' */
	EXPECT_TRUE(param("isolcpus=1\x01\xff\xc3\xa9", "isolcpus", v, sizeof(v)) &&
		    !strcmp(v, "1??\xc3\xa9"))
		TH_LOG("untrusted \"%s\"", v);
	/* bounded, cut at a character boundary */
	EXPECT_TRUE(param("isolcpus=abcd\xc3\xa9\xc3\xa9", "isolcpus", small, sizeof(small)) &&
		    !strcmp(small, "abcd\xc3\xa9"))
		TH_LOG("cut \"%s\"", small);
	memcpy(big, "isolcpus=", 9);
	for (i = 9; i + 2 < sizeof(big); i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	big[i] = '\0';
	param(big, "isolcpus", v, sizeof(v));
	EXPECT_TRUE(strlen(v) == 126 && rte_utf8_valid(v))
		TH_LOG("long value: %zu bytes", strlen(v));
}

TEST(cpulist)
{
	struct rte_cpuset s;

	EXPECT_EQ(0, rte_cpulist_parse("0-3,8,10-11\n", &s));
	EXPECT_TRUE(rte_cpuset_has(&s, 0) && rte_cpuset_has(&s, 3) && !rte_cpuset_has(&s, 4) &&
		    rte_cpuset_has(&s, 8) && !rte_cpuset_has(&s, 9) && rte_cpuset_has(&s, 11))
		TH_LOG("0-3,8,10-11");
	EXPECT_EQ(0, rte_cpulist_parse("", &s));
	EXPECT_TRUE(!rte_cpuset_has(&s, 0))
		TH_LOG("empty");
	EXPECT_EQ(0, rte_cpulist_parse("4095", &s));
	EXPECT_EQ(-1, rte_cpulist_parse("4096", &s));
	EXPECT_EQ(-1, rte_cpulist_parse("3-1", &s));
	EXPECT_EQ(-1, rte_cpulist_parse("1,,2", &s));
	EXPECT_EQ(-1, rte_cpulist_parse("0-", &s));
	EXPECT_EQ(-1, rte_cpulist_parse("99999999999999999999", &s));
}

#define MSG_FACTS "irq_cpus \"%s\" isolcpus \"%s\" nohz_full \"%s\" irqaffinity \"%s\" governor \"%s\""

TEST(irq_lookup)
{
	const char *r = new_root("irq");
	char cpus[128];
	struct rte_env e;

	FAKE(r, "/proc/interrupts",
	     "           CPU0       CPU1       CPU2       CPU3\n"
	     " 11:      12345      23456      34567      45678     GICv2  30 Level     arch_timer\n"
	     " 45:        100          0          0          0     GICv2  74 Level     rt_eval_tmu0\n"
	     " 46:          0          0          0          0     GICv2  75 Level     rt_eval_tmu01\n"
	     " 50:          0          0          0          0     GICv2  76 Level     eth0, rt_eval_tmu2\n"
	     "IPI0:        10         20         30         40       Rescheduling interrupts\n"
	     "Err:          0\n");
	EXPECT_EQ(45, rte_irq_find(r, "rt_eval_tmu0"));
	EXPECT_EQ(46, rte_irq_find(r, "rt_eval_tmu01"));
	EXPECT_EQ(50, rte_irq_find(r, "rt_eval_tmu2"));
	EXPECT_EQ(0, rte_irq_find(r, "rt_eval_tmu"));
	EXPECT_EQ(0, rte_irq_find(r, "Rescheduling"));
	EXPECT_EQ(0, rte_irq_find(r, ""));
	EXPECT_EQ(0, rte_irq_find("/nonexistent", "rt_eval_tmu0"));
	/* /sys/kernel/irq (CONFIG_SPARSE_IRQ) first: exact action names */
	FAKE(r, "/sys/kernel/irq/17/actions", "rt_eval_tmu3\n");
	FAKE(r, "/sys/kernel/irq/18/actions", "eth0,rt_eval_tmu4\n");
	FAKE(r, "/sys/kernel/irq/19/actions", "\n");
	EXPECT_EQ(17, rte_irq_find(r, "rt_eval_tmu3"));
	EXPECT_EQ(18, rte_irq_find(r, "rt_eval_tmu4"));
	EXPECT_EQ(45, rte_irq_find(r, "rt_eval_tmu0"));

	/* its CPUs: the effective affinity, else the requested one */
	FAKE(r, "/proc/irq/45/smp_affinity_list", "0-3\n");
	FAKE(r, "/proc/irq/45/effective_affinity_list", "1\n");
	FAKE(r, "/proc/irq/46/smp_affinity_list", "2-3\n");
	FAKE(r, "/proc/irq/50/smp_affinity_list", "junk\n");
	rte_irq_cpus(r, 45, cpus, sizeof(cpus));
	EXPECT_TRUE(!strcmp(cpus, "1"))
		TH_LOG("irq 45 on \"%s\"", cpus);
	rte_irq_cpus(r, 46, cpus, sizeof(cpus));
	EXPECT_TRUE(!strcmp(cpus, "2-3"))
		TH_LOG("irq 46 on \"%s\"", cpus);
	rte_irq_cpus(r, 50, cpus, sizeof(cpus));
	EXPECT_TRUE(!cpus[0])
		TH_LOG("malformed list recorded: \"%s\"", cpus);
	rte_irq_cpus(r, 0, cpus, sizeof(cpus));
	EXPECT_TRUE(!cpus[0])
		TH_LOG("no interrupt: \"%s\"", cpus);

	/* all of it, as a live run's header gets it */
	FAKE(r, "/proc/cmdline", "root=/dev/vda isolcpus=nohz,domain,1 irqaffinity=0\n");
	FAKE(r, "/sys/devices/system/cpu/online", "0-3\n");
	FAKE(r, "/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance\n");
	memset(&e, 0, sizeof(e));
	rte_env_detect_cpus(&e, r, "rt_eval_tmu0");
	EXPECT_EQ(45, e.irq);
	EXPECT_TRUE(!strcmp(e.irq_cpus, "1") && !strcmp(e.isolcpus, "nohz,domain,1") &&
		    !e.nohz_full[0] && !strcmp(e.irqaffinity, "0") &&
		    !strcmp(e.cpufreq_governor, "performance"))
		TH_LOG(MSG_FACTS,
		       e.irq_cpus, e.isolcpus, e.nohz_full, e.irqaffinity, e.cpufreq_governor);
	/* a replay: no interrupt to look for */
	memset(&e, 0, sizeof(e));
	rte_env_detect_cpus(&e, r, NULL);
	EXPECT_TRUE(!e.irq && !e.irq_cpus[0])
		TH_LOG("irq %u on \"%s\"", e.irq, e.irq_cpus);
}

TEST(governor)
{
	const char *r = new_root("gov");
	char g[32];

	/* no cpufreq at all, as in QEMU */
	FAKE(r, "/sys/devices/system/cpu/online", "0-3\n");
	rte_cpufreq_governor(r, "1", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "none"))
		TH_LOG("no cpufreq: \"%s\"", g);
	rte_cpufreq_governor(r, "", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "none"))
		TH_LOG("no cpufreq, online CPUs: \"%s\"", g);

	FAKE(r, "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "schedutil\n");
	FAKE(r, "/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance\n");
	FAKE(r, "/sys/devices/system/cpu/cpu2/cpufreq/scaling_governor", "performance\n");
	FAKE(r, "/sys/devices/system/cpu/cpu3/cpufreq/scaling_governor", "performance\n");
	rte_cpufreq_governor(r, "1", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "performance"))
		TH_LOG("CPU 1: \"%s\"", g);
	rte_cpufreq_governor(r, "1-3", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "performance"))
		TH_LOG("CPUs 1-3 alike: \"%s\"", g);
	rte_cpufreq_governor(r, "0-1", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "mixed"))
		TH_LOG("CPUs 0-1 differ: \"%s\"", g);
	/* unknown CPUs of the interrupt: every online one */
	rte_cpufreq_governor(r, "", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "mixed"))
		TH_LOG("online CPUs: \"%s\"", g);
	/* one with cpufreq, one without */
	rte_cpufreq_governor(r, "3-4", g, sizeof(g));
	EXPECT_TRUE(!strcmp(g, "mixed"))
		TH_LOG("CPU 4 without cpufreq: \"%s\"", g);
}

/* The header's new facts: JSON-escaped both ways; older headers lack them. */
TEST(header_cpus)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750 };
	struct rte_header h, back;
	struct rte_buf b = { 0 };
	struct rte_jobj o = { 0 };
	char *cut;

	rte_gen_header(&h, &g);
	h.env.irq = 45;
	rte_copy(h.env.irq_cpus, sizeof(h.env.irq_cpus), "1");
	rte_copy(h.env.isolcpus, sizeof(h.env.isolcpus), "a\"b\\c\xc3\xa9");
	rte_copy(h.env.cpufreq_governor, sizeof(h.env.cpufreq_governor), "none");
	h.dma_latency_us = 0;
	rte_header_json(&h, &b);
	ASSERT_EQ(0, rte_json_parse(&o, b.p, b.len))
		TH_LOG("%s: %s", o.err, b.p);
	ASSERT_EQ(0, rte_header_parse(&back, &o))
		TH_LOG("%s", o.err);
	EXPECT_TRUE(back.env.irq == 45 && !strcmp(back.env.irq_cpus, "1") &&
		    !strcmp(back.env.isolcpus, h.env.isolcpus) &&
		    !strcmp(back.env.cpufreq_governor, "none") && back.dma_latency_us == 0)
		TH_LOG("back: irq %u cpus \"%s\" isolcpus \"%s\" dma %d", back.env.irq,
		       back.env.irq_cpus, back.env.isolcpus, back.dma_latency_us);

	/* a header written before these fields: they are the last ones */
	cut = strstr(b.p, ",\"irq\":");
	ASSERT_TRUE(!!cut);
	strcpy(cut, "}\n");
	ASSERT_EQ(0, rte_json_parse(&o, b.p, strlen(b.p)))
		TH_LOG("%s", o.err);
	ASSERT_EQ(0, rte_header_parse(&back, &o))
		TH_LOG("old header: %s", o.err);
	EXPECT_TRUE(!back.env.irq && !back.env.irq_cpus[0] && back.dma_latency_us == -1)
		TH_LOG("old header: irq %u dma %d", back.env.irq, back.dma_latency_us);

	/* but a present field must be right */
	b.len = 0;
	h.dma_latency_us = -1;
	rte_header_json(&h, &b);
	cut = strstr(b.p, "\"dma_latency_us\":-1");
	ASSERT_TRUE(!!cut);
	memcpy(cut, "\"dma_latency_us\":{}", 19);
	ASSERT_EQ(0, rte_json_parse(&o, b.p, b.len));
	EXPECT_EQ(-1, rte_header_parse(&back, &o));
	rte_jobj_release(&o);
	rte_buf_free(&b);
}

#define RTE_TEST_DIR		top
#define RTE_TEST_DIR_NAME	"rte-test-env"
#include "rte_test_dir.h"

TEST_HARNESS_MAIN
