/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a run happens: kernel, preemption model, host, and whether Linux
 * runs on bare metal, as Xen Dom0, as a Xen guest or as a KVM guest.
 */
#ifndef RTE_ENV_H
#define RTE_ENV_H

#include <stdbool.h>

#include "rte_util.h"

#define RTE_ENV_BARE_METAL	"bare metal"
#define RTE_ENV_XEN_DOM0	"Xen Dom0"
#define RTE_ENV_XEN_GUEST	"Xen guest"
#define RTE_ENV_KVM_GUEST	"KVM guest"
#define RTE_ENV_VM		"virtual machine"

/**
 * struct rte_env - the environment recorded in every run's header
 * @kernel_release: uname -r
 * @kernel_version: uname -v (carries "PREEMPT_RT" on RT kernels)
 * @machine: uname -m
 * @hostname: uname -n
 * @preempt_rt: the kernel is PREEMPT_RT
 * @preempt: preemption model word from uname -v: PREEMPT_RT,
 *	PREEMPT_DYNAMIC, PREEMPT or "none" (voluntary or server)
 * @environment: one of the RTE_ENV_* strings
 * @evidence: what the decision rests on, for the reader of a log
 * @xen_version: "4.17.0" from /sys/hypervisor/version, or ""
 * @xen_scheduler: Xen's scheduler from "xl info" in Dom0, or ""
 * @board: device tree model or DMI product name, or ""
 * @emulated: the device tree model names QEMU, as the project's emulated
 *	board does: its figures are emulated, not hardware results
 * @irq: the device's interrupt number, 0 when not found
 * @irq_cpus: the CPUs that interrupt goes to (effective_affinity_list, else
 *	smp_affinity_list), or ""
 * @isolcpus: isolcpus= of the kernel command line, "" when absent
 * @nohz_full: nohz_full= of it
 * @irqaffinity: irqaffinity= of it
 * @cpufreq_governor: the cpufreq governor of @irq_cpus (of every online CPU
 *	if the interrupt was not found): "none" without cpufreq, "mixed" when
 *	those CPUs differ
 */
struct rte_env {
	char kernel_release[65];
	char kernel_version[128];
	char machine[32];
	char hostname[65];
	bool preempt_rt;
	char preempt[20];
	char environment[20];
	char evidence[192];
	char xen_version[48];
	char xen_scheduler[24];
	char board[96];
	bool emulated;
	u32 irq;
	char irq_cpus[128];
	char isolcpus[128];
	char nohz_full[128];
	char irqaffinity[128];
	char cpufreq_governor[32];
};

/* Kernel and host facts from uname() and /sys/kernel/realtime. */
void rte_env_detect_kernel(struct rte_env *env);

/*
 * Platform facts from the files under @root ("" for the running system;
 * the unit tests pass a directory of fake files): /sys/hypervisor,
 * /proc/xen, /proc/device-tree, /sys/class/dmi/id, /proc/cpuinfo.
 */
void rte_env_detect_platform(struct rte_env *env, const char *root);

/* ---------------------------------------------------------------------- */
/* CPUs and interrupts (rte_env_cpu.c): what makes two runs comparable     */

/* CPU numbers the tools handle: 0 to RTE_MAX_CPUS - 1 */
#define RTE_MAX_CPUS		4096

/**
 * struct rte_cpuset - a set of CPU numbers below RTE_MAX_CPUS
 * @bits: one bit per CPU
 */
struct rte_cpuset {
	u64 bits[RTE_MAX_CPUS / 64];
};

static inline bool rte_cpuset_has(const struct rte_cpuset *s, u32 cpu)
{
	return cpu < RTE_MAX_CPUS && (s->bits[cpu / 64] >> (cpu % 64) & 1);
}

/*
 * Parse a CPU list as the kernel writes it ("0-3,8,10-11", "" is empty)
 * into @s; 0, or -1 if it is malformed or names a CPU from RTE_MAX_CPUS.
 */
int rte_cpulist_parse(const char *text, struct rte_cpuset *s);

/*
 * The value of the last @key= of the kernel command line @cmdline, as the
 * kernel splits it (white space outside double quotes, the quotes removed,
 * '-' and '_' alike in the name, nothing after "--"), into @out: cut at a
 * character boundary to fit, bytes that are not UTF-8 and control
 * characters as '?'.  "" when absent; true if present.
 */
bool rte_cmdline_param(const char *cmdline, const char *key, char *out,
		       size_t len);

/*
 * The interrupt whose action (handler name) is @name: from
 * /sys/kernel/irq/N/actions, else /proc/interrupts, under @root.  The
 * lowest such number, or 0.
 */
u32 rte_irq_find(const char *root, const char *name);

/* The CPU list interrupt @irq goes to, under @root, into @out ("" if none). */
void rte_irq_cpus(const char *root, u32 irq, char *out, size_t len);

/*
 * The cpufreq governor of the CPUs of list @cpus (every online CPU if
 * @cpus is "" or unreadable), under @root: the governor's name, "none"
 * when none of them has cpufreq, "mixed" when they differ.
 */
void rte_cpufreq_governor(const char *root, const char *cpus, char *out,
			  size_t len);

/*
 * The facts above into @env, under @root: the interrupt named @irq_name
 * ("" or NULL: none, as in a replay) and its CPUs, the command line's
 * isolcpus=, nohz_full= and irqaffinity=, the governor.
 */
void rte_env_detect_cpus(struct rte_env *env, const char *root,
			 const char *irq_name);

#endif
