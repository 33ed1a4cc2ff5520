#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs in Dom0 (busybox sh, cwd /payload) while the dom0less guest of
# scripts/board/boot.sh --guest-script has TTC1: check that Dom0 has the
# node only disabled and that rt_eval_tmu binds nothing here, then wait for
# the guest (domain 1) to shut down, with xen-dom0-tool, which boot.sh adds
# to Dom0's payload.  One TAP line per check, all printed once the guest is
# done so that its console lines do not cut through them; exit status 0
# only if all passed.  The guest reports its own checks.

# Up to this long for the guest (boot.sh's --timeout, 300 s by default,
# bounds the whole run).
GUEST_WAIT_S=${GUEST_WAIT_S:-280}
NODE=/proc/device-tree/axi/timer@ff120000
DEV=ff120000.timer

exec 3>&1 >/tmp/dom0.out 2>&1
TAP_PREFIX=dom0
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

dmesg -n 1

[ -e xenfs.ko ] && insmod ./xen-privcmd.ko && insmod ./xenfs.ko
mkdir -p /proc/xen
mount -t xenfs xenfs /proc/xen && grep -q control_d /proc/xen/capabilities
tap $? "running as Xen Dom0"

# Xen hands Dom0 a xen,passthrough node with status "disabled".
[ -d $NODE ] && [ "$(tr -d '\0' <$NODE/status)" = disabled ]
tap $? "TTC1 is in Dom0's device tree, disabled (status '$(tr -d '\0' <$NODE/status 2>/dev/null)')"
[ ! -e /sys/bus/platform/devices/$DEV ] && ! grep -q ff120000 /proc/iomem
tap $? "Dom0 has no platform device and no registers for TTC1"
insmod ./rt_eval_tmu.ko
tap $? "insmod rt_eval_tmu.ko"
bound=0
for d in /sys/bus/platform/drivers/rt_eval_tmu/*.timer; do
	[ -e "$d" ] && bound=$((bound + 1))
done
[ "$bound" = 0 ] && [ ! -e /dev/rt_eval_tmu0 ] && ! grep -q rt_eval_tmu /proc/interrupts
tap $? "rt_eval_tmu binds no timer in Dom0 ($bound bound)"
rmmod rt_eval_tmu
tap $? "rmmod rt_eval_tmu"

# Domain 1 is the first domain listed in /chosen; its /init powers it off
# once its script is done.
./xen-dom0-tool wait 1 "$GUEST_WAIT_S"
tap $? "the dom0less guest (domain 1) ran to its poweroff"
# Xen's view, into its console: each domain's vCPU placement, the
# interrupts in flight to them, and the interrupts and I/O memory it may
# use ("Rangesets": domain 1 has TTC1's; Dom0 keeps the permission for
# xen,passthrough nodes, for a toolstack to give them away, but nothing is
# mapped or routed to it).
./xen-dom0-tool keys q
tap $? "Xen dumped its domain information (debug key q)"

exec >&3 2>&1
cat /tmp/dom0.out
exit $fail
