#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the dom0less guest that scripts/board/boot.sh --guest-script
# starts next to Dom0 (busybox sh, cwd /payload), with TTC1 passed through
# by Xen: check that this is a Xen guest and not Dom0, load the module,
# check that it binds the TTC and that samples arrive at the configured
# rate through the guest's virtual GIC, run the kselftests (their last test
# scans the kernel log), unload.  One TAP line per check; exit status 0
# only if all passed.
# Xen prefixes every line with "(XEN) DOM1: "; boot.sh strips that into the
# guest log.

TAP_PREFIX=domU
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

DEV=ff120000.timer
S=/sys/bus/platform/drivers/rt_eval_tmu/$DEV
# The SPI of TTC1's counter 0 (39) as the guest's GIC numbers it: Xen gives
# a passed-through interrupt the same number in the guest.
INTID=71

dmesg -n 1	# keep kernel messages off the console: TAP lines stay whole
dmesg -c >/dev/null

[ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ]
tap $? "Linux runs on Xen ($(cat /sys/hypervisor/version/major 2>/dev/null).$(cat /sys/hypervisor/version/minor 2>/dev/null))"
# A guest's xenfs says nothing in capabilities; Dom0's says control_d.
[ -e xenfs.ko ] && insmod ./xen-privcmd.ko && insmod ./xenfs.ko
mkdir -p /proc/xen
mount -t xenfs xenfs /proc/xen && [ -e /proc/xen/capabilities ] &&
	! grep -q control_d /proc/xen/capabilities
tap $? "this is a guest, not Dom0 (xenfs capabilities: '$(cat /proc/xen/capabilities 2>/dev/null)')"
[ -d /proc/device-tree/passthrough ]
tap $? "the partial device tree's /passthrough is in the guest's device tree"

# A small ring, as in guest-check.sh, for the kselftests' overflow test.
insmod ./rt_eval_tmu.ko ring_records=256
tap $? "insmod rt_eval_tmu.ko"
[ -e "$S" ]
tap $? "the passed-through TTC is bound: $DEV"
dmesg | grep "rt_eval_tmu $DEV"
[ -c /dev/rt_eval_tmu0 ]
tap $? "/dev/rt_eval_tmu0 exists"

# Samples over 3 s: with the periods they missed they account for the
# time (within 10 %: the edges are uptime reads, not underflows), whatever
# the host's load; each is an interrupt the guest took.  The figures are
# emulated time under QEMU TCG, not a hardware result.
irqs() { awk -v id="$INTID" '/rt_eval_tmu/ && $(NF-2) == id { print $2 }' /proc/interrupts; }
uptime_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
grep rt_eval_tmu /proc/interrupts
period=$(cat "$S/period_ns" 2>/dev/null)
i0=$(irqs) c0=$(cat "$S/count" 2>/dev/null) m0=$(cat "$S/missed" 2>/dev/null) t0=$(uptime_ms)
sleep 3
c1=$(cat "$S/count" 2>/dev/null) m1=$(cat "$S/missed" 2>/dev/null) i1=$(irqs) t1=$(uptime_ms)
expect=$(((t1 - t0) * 1000000 / ${period:-1}))
samples=$((${c1:-0} - ${c0:-0}))
accounted=$((samples + ${m1:-0} - ${m0:-0}))
echo "# period $period ns: $samples samples, $((accounted - samples)) missed and $((${i1:-0} - ${i0:-0})) interrupts (GIC $INTID) in $((t1 - t0)) ms, $expect periods"
[ -n "$period" ] && [ "$samples" -gt 0 ] && [ $((accounted * 10)) -ge $((expect * 9)) ] &&
	[ $((accounted * 10)) -le $((expect * 11)) ]
tap $? "every period is a sample or a counted miss ($accounted of $expect)"
[ -n "$i1" ] && [ $((i1 - i0)) -ge "$samples" ] && [ "$samples" -gt 0 ]
tap $? "the TTC's interrupt reaches the guest as GIC interrupt $INTID ($((${i1:-0} - ${i0:-0})) for $samples samples)"
echo "# $(cat "$S/count") samples: mean $(cat "$S/mean_ns") ns, min $(cat "$S/min_ns") ns, max $(cat "$S/max_ns") ns, missed $(cat "$S/missed") (emulated, not hardware figures)"

# The kselftests, as guest-check.sh runs them (guest-lib.sh)
run_kselftests
tap $? "kselftests in the guest (rt_eval_tmu_test, rt_eval_tmu_io, rt_eval_tmu_lifecycle)"

# The collector sees where it runs (a dom0less guest's device tree names
# no board and its domain handle is zero, like Dom0's)
./rt-eval-collect --duration 2 --interval 1 --quiet --log /tmp/g.jsonl
grep '"type":"header"' /tmp/g.jsonl | grep -q '"environment":"Xen guest"'
tap $? "rt-eval-collect's header says Xen guest"

rmmod rt_eval_tmu
tap $? "rmmod rt_eval_tmu"
[ ! -e /dev/rt_eval_tmu0 ] && ! grep -q rt_eval_tmu /proc/interrupts
tap $? "device node and IRQ are gone after rmmod"
exit $fail
