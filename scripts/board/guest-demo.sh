#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the emulated board for `make demo`: load the driver, turn on
# the kernel-log summary every few seconds and show it for about 30 s.
# Every line is labelled: under QEMU TCG the figures show the method at
# work, not the latency of any silicon.
SECONDS_TOTAL=${DEMO_SECONDS:-30}
INTERVAL=3

dmesg -n 1
dmesg -c >/dev/null
insmod ./rt_eval_tmu.ko || exit 1
S=
for d in /sys/bus/platform/drivers/rt_eval_tmu/*.timer; do
	[ -e "$d" ] && S=$d
done
[ -n "$S" ] || { echo "[emulated] no device bound to rt_eval_tmu"; exit 1; }
echo "[emulated] $(dmesg | grep 'rt_eval_tmu ' | sed 's/^\[[ 0-9.]*\] //')"
echo "[emulated] period $(cat "$S/period_ns") ns, tick $(cat "$S/tick_hz") Hz, threshold $(cat "$S/threshold_ns") ns"
echo $INTERVAL >"$S/log_interval_s"
dmesg -c >/dev/null
t=0
while [ $t -lt "$SECONDS_TOTAL" ]; do
	sleep $INTERVAL
	t=$((t + INTERVAL))
	dmesg -c | grep 'Mean:' | sed 's/^\[[ 0-9.]*\] /[emulated] /'
done
echo "[emulated] totals: $(cat "$S/count") samples, mean $(cat "$S/mean_ns") ns, stddev $(cat "$S/stddev_ns") ns, min $(cat "$S/min_ns") ns, max $(cat "$S/max_ns") ns, missed $(cat "$S/missed")"
rmmod rt_eval_tmu
