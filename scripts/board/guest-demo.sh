#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the emulated board for `make demo`, on bare metal, in Xen
# Dom0 or in a dom0less Xen guest: measure for DEMO_SECONDS with
# rt-eval-collect, showing its window lines as they come, then hand its
# JSON log to the host (gzip + base64 between RTE-FILE markers, safe from
# Xen's console line cuts).  On bare metal, then a spike on purpose,
# traced and explained (--trace).  Every line shown is labelled "[emulated]":
# under QEMU TCG the figures show the method at work, not any silicon.
SECONDS_TOTAL=${DEMO_SECONDS:-30}
INTERVAL=3
S=/sys/bus/platform/drivers/rt_eval_tmu/ff120000.timer

dmesg -n 1
if [ "$(cat /sys/hypervisor/type 2>/dev/null)" != xen ]; then
	label=baremetal
elif [ -e /proc/device-tree/interrupt-controller@3001000 ]; then
	# a guest: its GIC is at Xen's GUEST_GICD_BASE.  No xenfs here: a
	# dom0less guest has no xenstore behind it
	label=domu
else
	# Dom0: xenfs and privcmd, as a Dom0 distribution has them (the
	# collector reads the capabilities and asks Xen for its scheduler)
	label=dom0
	insmod ./xen-privcmd.ko && insmod ./xenfs.ko &&
		mkdir -p /proc/xen && mount -t xenfs xenfs /proc/xen
fi
tag="[emulated $label]"

insmod ./rt_eval_tmu.ko || exit 1
[ -d $S ] || { echo "$tag no TTC bound to rt_eval_tmu"; exit 1; }
echo "$tag $(dmesg | grep 'rt_eval_tmu ff120000' | tail -n1 | sed 's/^\[[ 0-9.]*\] //')"
# the driver's own kernel-log summary too, every 10 s
echo 10 >$S/log_interval_s
dmesg -c >/dev/null

./rt-eval-collect --label "$label" --interval $INTERVAL --emulated \
	--duration "$SECONDS_TOTAL" --log "/tmp/$label.jsonl" 2>&1 |
	sed "s/^/$tag /"
dmesg | grep 'Mean:' | sed "s/^\[[ 0-9.]*\] /$tag kernel log: /"

echo "RTE-FILE-BEGIN $label.jsonl"
gzip -c "/tmp/$label.jsonl" | base64
echo "RTE-FILE-END"

# Bare metal: a spike on purpose, traced.  A shell holds interrupts off
# for 100 ms; the collector stops the trace at that sample and names it.
if [ $label = baremetal ] && grep -q tracefs /proc/filesystems; then
	echo "$tag --- a spike on purpose: a shell holds interrupts off for 100 ms ---"
	./rt-eval-collect --trace=/tmp/spike.trace --stop-above 50ms --quiet \
		--emulated --duration 20 >/tmp/spike.out 2>&1 &
	cpid=$!
	sleep 2
	sh -c "echo 100000 >/sys/kernel/debug/rt_eval_tmu/ff120000.timer/irqs_off_us"
	wait $cpid
	sed "s/^/$tag /" /tmp/spike.out
fi
rmmod rt_eval_tmu
