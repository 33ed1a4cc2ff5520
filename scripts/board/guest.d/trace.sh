#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rt-eval-collect --trace inside the emulated board (busybox sh, cwd
# /payload, module loaded by guest-check.sh): without tracefs it fails
# before measuring; with it, a task that holds interrupts off (debugfs
# irqs_off_us) stops tracing at the spike, the saved trace ends with that
# sample's event, and the analysis names the task (comm and pid) and a
# duration within 10 % of the delay plus the usual latency.  Prints TAP
# lines; exit status 0 only if all passed.  Every figure here is emulated.

C=./rt-eval-collect
W=/tmp/trace
TAP_PREFIX=trace
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

HOLD_US=200000		# interrupts off for 200 ms ...
STOP=100ms		# ... far above what the emulator's own stalls reach

dev=
for d in /sys/bus/platform/drivers/rt_eval_tmu/*.timer; do
	[ -e "$d" ] && dev=${d##*/}
done
S=/sys/bus/platform/drivers/rt_eval_tmu/$dev
K=/sys/kernel/debug/rt_eval_tmu/$dev/irqs_off_us
T=/sys/kernel/tracing
mkdir -p $W

# jnum FIELD: the numeric FIELD of the JSON line on stdin
jnum() { sed -n "s/.*[{,]\"$1\":\([0-9]*\).*/\1/p"; }

# until SECONDS TEST...: poll TEST every 0.2 s for up to SECONDS (the
# debug kernel under QEMU is slow: wait for states, not for times)
until_ok() {
	t=$(($1 * 5))
	shift
	while [ $t -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		t=$((t - 1))
	done
	return 1
}
# shellcheck disable=SC2317 # called through until_ok
armed() { [ "$(cat "$S"/stop_tracing_ns)" = 100000000 ] && [ "$(cat "$T"/tracing_on)" = 1 ]; }
# shellcheck disable=SC2317 # called through until_ok
saved() { [ -s "$1" ] && [ "$(cat "$T"/tracing_on)" = 1 ]; }

# --- without tracefs: exit 1 before measuring ------------------------------
umount $T 2>/dev/null
umount /sys/kernel/debug/tracing 2>/dev/null
$C --trace --duration 2 >$W/out 2>$W/err
rc=$?
cat $W/err
[ $rc = 1 ] && grep -q 'tracefs is not mounted' $W/err &&
	grep -q 'mount -t tracefs' $W/err && [ ! -s $W/out ]
tap $? "--trace without tracefs: exit 1 before measuring, saying how to mount it (exit $rc)"
if ! grep -q tracefs /proc/filesystems; then
	# the debug kernel of make check-debug is built without ftrace
	skip "a spike traced and explained" "this kernel has no tracefs (CONFIG_FTRACE)"
	exit $fail
fi
mount -t tracefs nodev $T
tap $? "tracefs mounted again"

# --- a task holds interrupts off: the trace stops at that spike --------------
echo 1 >$T/tracing_on
clock0=$(sed 's/.*\[\(.*\)\].*/\1/' $T/trace_clock)
$C --trace=$W/spike.trace --stop-above $STOP --quiet --interval 1 \
	--duration 60 --log $W/run.jsonl >$W/out 2>$W/err &
cpid=$!
until_ok 60 armed
tap $? "armed: stop_tracing_ns 100000000, tracing on"
sh -c "echo $HOLD_US >$K" &
kpid=$!
wait $kpid
wait $cpid
rc=$?
cat $W/out $W/err
[ $rc = 3 ]
tap $? "the spike ends the run with exit status 3 (exit $rc)"

cause=$(grep '^  cause: ' $W/out)
seq=$(sed -n 's/^spike: rt_eval_tmu[0-9]* seq \([0-9]*\) .*/\1/p' $W/out)
# (its comm when the span began may be another: busybox execs the shell)
echo "$cause" | grep -q "while task sh (pid ${kpid}[,)]"
tap $? "the analysis names the task that held interrupts off: sh (pid $kpid)"

# duration within 10 % of the delay plus the usual latency (the run's p50)
d_us=$(echo "$cause" | sed -n 's/.* for \([0-9]*\)\.[0-9]* us while .*/\1/p')
p50_ns=$(grep '"type":"summary"' $W/run.jsonl | jnum p50_ns)
want=$((HOLD_US + ${p50_ns:-0} / 1000))
[ -n "$d_us" ] && [ $((d_us * 10)) -ge $((want * 9)) ] &&
	[ $((d_us * 10)) -le $((want * 11)) ]
tap $? "interrupts off for ${d_us:-?} us, within 10 % of $want us (delay + p50)"

last=$(grep ' sample: dev=' $W/spike.trace | tail -n 1)
echo "last event: $last"
lseq=$(echo "$last" | sed -n 's/.* seq=\([0-9]*\) .*/\1/p')
lns=$(echo "$last" | sed -n 's/.* irq_ns=\([0-9]*\) .*/\1/p')
[ -n "$seq" ] && [ "$lseq" = "$seq" ] && [ "${lns:-0}" -gt 100000000 ]
tap $? "the saved trace's last sample event is the spike's, seq ${seq:-?}, ${lns:-?} ns"

[ "$(cat "$S"/stop_tracing_ns)" = 0 ] && [ "$(cat $T/tracing_on)" = 1 ] &&
	grep -q "\[$clock0\]" $T/trace_clock &&
	[ "$(cat $T/events/rt_eval_tmu/sample/enable)" = 0 ]
tap $? "stop_tracing_ns, tracing_on, trace_clock and the events are put back"

# --- --trace-continue: two spikes, two traces, then exit 3 ------------------
rm -f $W/spike.trace*
$C --trace=$W/spike.trace --stop-above $STOP --trace-continue --quiet \
	--duration 300 >$W/out 2>$W/err &
cpid=$!
until_ok 60 armed
sh -c "echo $HOLD_US >$K"
# saved and traced again (a debug kernel's trace takes a while to save)
until_ok 120 saved $W/spike.trace
sh -c "echo $HOLD_US >$K"
until_ok 120 saved $W/spike.trace.2
sleep 0.5
kill -TERM $cpid
wait $cpid
rc=$?
cat $W/err
[ $rc = 3 ] && [ -s $W/spike.trace ] && [ -s $W/spike.trace.2 ] &&
	[ "$(grep -c '^  cause: ' $W/out)" = 2 ] &&
	grep -q '2 spike(s) stopped tracing' $W/out
tap $? "--trace-continue: two spikes, two traces and analyses, exit 3 (exit $rc)"
exit $fail
