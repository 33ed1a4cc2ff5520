/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a run happens: kernel, preemption model, host, and whether Linux
 * runs on bare metal, as Xen Dom0, as a Xen guest or as a KVM guest.
 */
#ifndef RTE_ENV_H
#define RTE_ENV_H

#include <stdbool.h>

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
};

/* Kernel and host facts from uname() and /sys/kernel/realtime. */
void rte_env_detect_kernel(struct rte_env *env);

/*
 * Platform facts from the files under @root ("" for the running system;
 * the unit tests pass a directory of fake files): /sys/hypervisor,
 * /proc/xen, /proc/device-tree, /sys/class/dmi/id, /proc/cpuinfo.
 */
void rte_env_detect_platform(struct rte_env *env, const char *root);

#endif
