#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the emulated board (busybox sh, cwd /payload): load the
# module, run the kselftests, unload, and scan the kernel log.  Prints one
# TAP line per check; scripts/check.sh counts them.  Exit status 0 only if
# everything passed.

TAP_PREFIX=board
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

dmesg -n 1	# keep kernel messages off the console: TAP lines stay whole
dmesg -c >/dev/null

# Under Xen: mount xenfs as a Dom0 distribution does, and check that this
# is Dom0 (the control domain), not a guest.
if [ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ]; then
	[ -e xenfs.ko ] && insmod ./xen-privcmd.ko && insmod ./xenfs.ko
	mkdir -p /proc/xen 2>/dev/null
	mount -t xenfs xenfs /proc/xen
	grep -q control_d /proc/xen/capabilities
	tap $? "running as Xen Dom0 (Xen $(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra))"
else
	tap 0 "running on bare metal (no hypervisor)"
fi

# A small ring so that the overflow test fills it in well under a second.
insmod ./rt_eval_tmu.ko ring_records=256
tap $? "insmod rt_eval_tmu.ko"
dev=
for d in /sys/bus/platform/drivers/rt_eval_tmu/*.timer; do
	[ -e "$d" ] && dev=${d##*/}
done
[ -n "$dev" ]
tap $? "a TTC is bound: ${dev:-none}"
[ -c /dev/rt_eval_tmu0 ]
tap $? "/dev/rt_eval_tmu0 exists"
grep rt_eval_tmu /proc/interrupts

# The kselftests, installed and run as on a board (guest-lib.sh)
run_kselftests
tap $? "kselftests (run_kselftest.sh: rt_eval_tmu_test, rt_eval_tmu_io, rt_eval_tmu_lifecycle)"

# Further checks with the module loaded: guest.d/*.sh (busybox sh), each
# printing its own TAP lines and exiting non-zero on failure.
for s in ./guest.d/*.sh; do
	[ -e "$s" ] || continue
	sh "$s"
	tap $? "${s##*/}"
done

rmmod rt_eval_tmu
tap $? "rmmod rt_eval_tmu"
[ ! -e /dev/rt_eval_tmu0 ] && ! grep -q rt_eval_tmu /proc/interrupts
tap $? "device node and IRQ are gone after rmmod"

bad=$(dmesg | grep -E 'WARNING|BUG|Oops|Unable to handle|sleeping function called|refcount_t|use-after-free|Call trace|INFO: task|rcu_sched self-detected|soft lockup|kmemleak')
[ -z "$bad" ]
tap $? "kernel log has no warning, BUG or oops"
[ -z "$bad" ] || echo "$bad"
echo "--- kernel log (rt_eval_tmu) ---"
dmesg | grep rt_eval_tmu
exit $fail
