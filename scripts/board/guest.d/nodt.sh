#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The binding path without device tree, inside the emulated board (busybox
# sh, cwd /payload, rt_eval_tmu loaded by guest-check.sh): rte_nodt_ttc.ko
# registers QEMU's TTC2 as an "rt-eval-ttc" platform device with
# software-node properties, rt_eval_tmu binds it by name, and the
# kselftests run against it.  Bare metal only: Xen gives Dom0 only what
# the device tree describes.  Prints TAP lines; exit status 0 only if all
# passed.  Every figure here is emulated.

DRV=/sys/bus/platform/drivers/rt_eval_tmu
DEV=rt-eval-ttc.0
TAP_PREFIX=nodt
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

if [ -e /sys/hypervisor/type ] && [ "$(cat /sys/hypervisor/type)" = xen ]; then
	echo "# nodt: skipped under Xen (Dom0 has only the device tree's TTC)"
	exit 0
fi

insmod ./rte_nodt_ttc.ko
tap $? "insmod rte_nodt_ttc.ko: TTC2 registered without device tree"
[ -e $DRV/$DEV ] && [ ! -e $DRV/$DEV/of_node ]
tap $? "rt_eval_tmu bound $DEV by name, no device-tree node"
dmesg | grep -q "$DEV: Cadence TTC channel 0, 4156250 Hz"
tap $? "its software-node properties were read (prescaler 32: 4156250 Hz)"

# the kselftest programs against it, lines counted by make check
for prog in rt_eval_tmu_test rt_eval_tmu_io; do
	RT_EVAL_TMU_DEVICE=$DEV ./kselftest/rt_eval_tmu/$prog >/tmp/nodt.out 2>&1
	rc=$?
	sed -n -e 's/^ok \([0-9]*\) /ok \1 nodt: /p' \
		-e 's/^not ok \([0-9]*\) /not ok \1 nodt: /p' \
		-e '/^# .*\(Expected\|periods counted\)/p' /tmp/nodt.out
	tap $rc "$prog against $DEV (exit $rc)"
done

rmmod rte_nodt_ttc
tap $? "rmmod rte_nodt_ttc: $DEV unregistered"
[ ! -e $DRV/$DEV ]
tap $? "rt_eval_tmu let go of $DEV"
exit $fail
