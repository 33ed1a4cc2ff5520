#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rt-eval-collect against the live driver, inside the emulated board
# (busybox sh, cwd /payload, module loaded by guest-check.sh): windows,
# sequence gaps, counts and statistics against sysfs, SIGHUP, SIGTERM, the
# raw file's replay, the --prom and --histogram files, the daemon mode,
# --irq-cpu, --dma-latency and --per-cpu, a device that goes away, the
# probe effect at a 1 kHz sample rate, and the thread stage (--thread).
# Prints TAP lines; exit status 0 only if all passed.  Every figure here is
# emulated (QEMU TCG), not a hardware result.

C=./rt-eval-collect
DRV=/sys/bus/platform/drivers/rt_eval_tmu
S=$DRV/ff120000.timer
W=/tmp/collect
TAP_PREFIX=collect
# shellcheck source=scripts/board/guest-lib.sh
. /payload/guest-lib.sh

# jnum FIELD: the numeric FIELD of the JSON line on stdin
jnum() { sed -n "s/.*[{,]\"$1\":\([0-9]*\).*/\1/p"; }
summary_of() { grep '"type":"summary"' "$1"; }

# wait_for FILE PATTERN: up to 5 s for PATTERN to appear in FILE
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Where the board runs, as guest-check.sh established it (it mounts xenfs
# in Dom0): what the collector's header must say.
if [ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ] &&
	grep -q control_d /proc/xen/capabilities 2>/dev/null; then
	where="Xen Dom0"
	xen="$(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra)"
else
	where="bare metal"
	xen=
fi

mkdir -p $W
[ -x $C ] && [ -d $S ]
tap $? "rt-eval-collect and $S are there"

# --- errors ---------------------------------------------------------------
$C --device /dev/rt_eval_tmu7 >/dev/null 2>$W/err
rc=$?
[ $rc = 1 ] && grep -q insmod $W/err && grep -q 'Device tree' $W/err
tap $? "a missing device: exit 1 naming insmod and the device tree (exit $rc)"
$C --interval 0 >/dev/null 2>$W/err
rc=$?
[ $rc = 2 ] && grep -q '^usage:' $W/err
tap $? "a bad argument: usage and exit 2 (exit $rc)"

# --- windows, SIGHUP, SIGTERM against sysfs --------------------------------
echo 0 >$S/enable
echo 1 >$S/reset
dropped0=$(cat $S/dropped)
$C --interval 1 --label board-check --log $W/run.jsonl --raw $W/run.raw \
	--prom $W/run.prom --histogram $W/run.hist >$W/out.txt 2>$W/err.txt &
pid=$!
wait_for $W/run.jsonl '"type":"header"'
echo 1 >$S/enable
sleep 2
mv $W/run.jsonl $W/run.jsonl.1	# as logrotate does, then SIGHUP
kill -HUP $pid
sleep 2.3
echo 0 >$S/enable
sleep 0.5
kill -TERM $pid
wait $pid
rc=$?
cat $W/err.txt
tap $rc "SIGTERM ends the run with exit status 0"

sum=$(summary_of $W/run.jsonl)
echo "$sum" | grep -q '"end":"SIGTERM"'
tap $? "SIGTERM leaves a complete summary in the --log file"
[ "$(head -n1 $W/run.jsonl.1 | cut -c1-17)" = '{"type":"header",' ] &&
	[ "$(head -n1 $W/run.jsonl | cut -c1-17)" = '{"type":"header",' ]
tap $? "SIGHUP reopens the log: the rotated and the new file each start with the header"
windows=$(cat $W/run.jsonl.1 $W/run.jsonl | grep '"type":"window"' |
	grep -c '"samples":[1-9]')
[ "$windows" -ge 3 ]
tap $? "at least 3 windows with samples ($windows)"
[ "$(grep -c '^Mean: ' $W/out.txt)" -ge 3 ] && grep -q '^summary (SIGTERM)' $W/out.txt
tap $? "window lines and the summary on stdout"

samples=$(echo "$sum" | jnum samples)
lost=$(cat $W/run.jsonl.1 $W/run.jsonl | jnum lost | awk '{ s += $1 } END { print s + 0 }')
[ "$lost" = 0 ] && [ "$(cat $S/dropped)" = "$dropped0" ]
tap $? "no sequence gaps: lost $lost, driver drops unchanged"
wsum=$(cat $W/run.jsonl.1 $W/run.jsonl | grep '"type":"window"' | jnum samples |
	awk '{ s += $1 } END { print s + 0 }')
[ "$samples" = "$(cat $S/count)" ] && [ "$samples" = "$wsum" ] && [ "$samples" -gt 300 ]
tap $? "counts match sysfs: $samples samples, sysfs count $(cat $S/count), windows sum $wsum"
bad=
for f in mean_ns stddev_ns min_ns max_ns missed above; do
	a=$(echo "$sum" | jnum "$f")
	case $f in
	above) b=$(cat $S/above_threshold) ;;
	*) b=$(cat $S/$f) ;;
	esac
	[ "$a" = "$b" ] || bad="$bad $f=$a/sysfs:$b"
done
[ -z "$bad" ]
tap $? "mean, stddev, min, max, missed, above threshold equal sysfs${bad:+:$bad}"

$C --replay $W/run.raw --log $W/replay.jsonl -q >/dev/null
rc=$?
rsum=$(summary_of $W/replay.jsonl)
bad=
for f in samples mean_ns stddev_ns min_ns max_ns p50_ns p99_ns p999_ns above missed lost; do
	[ "$(echo "$sum" | jnum $f)" = "$(echo "$rsum" | jnum $f)" ] || bad="$bad $f"
done
rwindows=$(grep '"type":"window"' $W/replay.jsonl | grep -c '"samples":[1-9]')
[ "$rwindows" = "$windows" ] || bad="$bad windows($rwindows)"
[ $rc = 0 ] && [ -z "$bad" ]
tap $? "the --raw file replays to the same windows and statistics${bad:+ (differ:$bad)}"
$C --raw $W/run.raw >/dev/null 2>$W/err
rc=$?
[ $rc = 1 ] && grep -q 'run.raw: exists and is not empty' $W/err
tap $? "a new run does not append to an old raw file: exit 1 (exit $rc)"

[ "$(sed -n 's/^rt_eval_latency_seconds_count{.*} //p' $W/run.prom)" = "$samples" ] &&
	grep -q "^rt_eval_info{.*environment=\"$where\",emulated=\"true\"" $W/run.prom
tap $? "--prom: the run's count, $where, emulated"
# (busybox awk would read "00150" as octal: strip the zeros with sed)
total=$(sed -n 's/^# Total: 0*\([0-9][0-9]*\)$/\1/p' $W/run.hist)
over=$(sed -n 's/^# Histogram Overflows: 0*\([0-9][0-9]*\)$/\1/p' $W/run.hist)
hist=$((total + over))
[ "$hist" = "$samples" ]
tap $? "--histogram: total plus overflows is the sample count ($hist)"
grep '"type":"header"' $W/run.jsonl | grep '"environment":"'"$where"'"' |
	grep -q '"xen_version":"'"$xen"'"'
tap $? "the header says $where${xen:+, Xen $xen}, on the emulated board"
if [ -n "$xen" ]; then
	# Dom0 has no xl here: the collector asks Xen through privcmd
	sched=$(grep '"type":"header"' $W/run.jsonl |
		sed -n 's/.*"xen_scheduler":"\([a-z0-9]*\)".*/\1/p')
	case $sched in credit | credit2 | rtds | null | arinc653) true ;; *) false ;; esac
	tap $? "the header names Xen's scheduler (${sched:-none})"
fi
echo "# [emulated] $(grep '^#' $W/out.txt | tr '\n' ' ')"
echo "# [emulated] $(grep '^Mean:' $W/out.txt | tail -n1)"

# --- daemon ---------------------------------------------------------------
echo 1 >$S/enable
$C --daemon --pidfile $W/d.pid --interval 1 --log $W/d.jsonl
rc=$?
dpid=$(cat $W/d.pid 2>/dev/null)
[ $rc = 0 ] && [ -n "$dpid" ] && kill -0 "$dpid"
tap $? "--daemon detaches and writes its pidfile (pid ${dpid:-none})"
sleep 1.5
kill -TERM "$dpid"
wait_for $W/d.jsonl '"type":"summary"'
rc=$?
i=0
while kill -0 "$dpid" 2>/dev/null && [ $i -lt 30 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ $rc = 0 ] && [ ! -e $W/d.pid ] && ! kill -0 "$dpid" 2>/dev/null
tap $? "the daemon ends at SIGTERM with a summary and removes its pidfile"

# --- comparable runs: --irq-cpu, --dma-latency, --per-cpu -------------------
# The interrupt moved to CPU 1 for a 3 s run and put back after; the header
# says where it went; every sample was taken on CPU 1.  A kernel may refuse
# to move it (a Xen guest's event channel): then the collector must say so
# naming the file, and the rest is skipped.  Invariants only.
irq=$(grep -lx 'rt_eval_tmu0' /sys/kernel/irq/*/actions 2>/dev/null | head -n1 | cut -d/ -f5)
[ -n "$irq" ] ||
	irq=$(sed -n 's/^ *\([0-9][0-9]*\):.*[ ,]rt_eval_tmu0$/\1/p' /proc/interrupts | head -n1)
aff=/proc/irq/$irq/smp_affinity_list
before=$(cat "$aff" 2>/dev/null)
[ -n "$irq" ] && [ -n "$before" ]
tap $? "the device's interrupt: ${irq:-not found}, on CPUs ${before:-?}"
$C --irq-cpu 1x >/dev/null 2>$W/err
rc=$?
$C --irq-cpu 4000 --duration 1 >/dev/null 2>$W/err2
rc2=$?
[ $rc = 2 ] && grep -q '^usage:' $W/err && [ $rc2 = 1 ] && grep -q 'CPU 4000 is not online' $W/err2 &&
	[ "$(cat "$aff" 2>/dev/null)" = "$before" ]
tap $? "--irq-cpu: bad syntax exit 2 ($rc), an offline CPU exit 1 before measuring ($rc2)"
echo 1 >$S/enable
# PM QoS's device exists where the kernel has CPU idle states (the debug
# kernel has none): there, --dma-latency must fail before measuring
dma="--dma-latency 0"
dmaj='"dma_latency_us":0'
if [ ! -e /dev/cpu_dma_latency ]; then
	$C --dma-latency 0 --duration 1 >$W/dma.out 2>$W/dma.err
	rc=$?
	cat $W/dma.err
	[ $rc = 1 ] && grep -q 'cpu_dma_latency' $W/dma.err && [ ! -s $W/dma.out ]
	tap $? "no /dev/cpu_dma_latency here: --dma-latency exits 1 before measuring (exit $rc)"
	dma=
	dmaj='"dma_latency_us":-1'
fi
# shellcheck disable=SC2086 # $dma is two words or none
$C --irq-cpu 1 $dma --per-cpu --duration 3 --interval 1 \
	--log $W/cpu.jsonl >$W/cpu.out 2>$W/cpu.err
rc=$?
cat $W/cpu.err
if [ $rc = 1 ] && grep -q "cannot write \"1\" to $aff" $W/cpu.err; then
	why="the kernel refused the affinity write ($(sed -n 's/.*smp_affinity_list: \([^:]*\):.*/\1/p' $W/cpu.err | head -n1))"
	[ "$(cat "$aff")" = "$before" ] && [ ! -s $W/cpu.jsonl ]
	tap $? "a refused --irq-cpu: exit 1 naming $aff, nothing measured, affinity unchanged"
	skip "--irq-cpu 1 --dma-latency 0 --per-cpu: a 3 s run" "$why"
	skip "the interrupt's affinity is put back" "$why"
	skip "the header records the interrupt on CPU 1 and the PM QoS request" "$why"
	skip "--per-cpu: every sample on CPU 1" "$why"
elif [ $rc = 1 ] && grep -q 'CPU 1 is not online' $W/cpu.err; then
	skip "--irq-cpu 1 --dma-latency 0 --per-cpu: a 3 s run" "CPU 1 is not online here"
else
	tap $rc "--irq-cpu 1 ${dma:+$dma }--per-cpu: a 3 s run, exit 0 (exit $rc)"
	after=$(cat "$aff")
	[ "$after" = "$before" ]
	tap $? "the interrupt's affinity is put back: $after (was $before)"
	hdr=$(grep '"type":"header"' $W/cpu.jsonl)
	echo "$hdr" | grep -q "\"irq\":$irq," && echo "$hdr" | grep -q '"irq_cpus":"1"' &&
		echo "$hdr" | grep -qF "$dmaj" &&
		echo "$hdr" | grep -q '"cpufreq_governor":"[a-z]' && grep -q "^# interrupt $irq on CPU 1, " $W/cpu.out
	tap $? "the header records the interrupt $irq on CPU 1 and the PM QoS request ($(sed -n 's/^# \(interrupt .*\)/\1/p' $W/cpu.out))"
	# the run's count, not a CPU's (jnum takes the last "samples")
	samples=$(summary_of $W/cpu.jsonl | sed -n 's/^{"type":"summary","samples":\([0-9]*\),.*/\1/p')
	sum=$(summary_of $W/cpu.jsonl)
	echo "$sum" | grep -qF "\"per_cpu\":[{\"cpu\":1,\"samples\":$samples," &&
		! echo "$sum" | grep -qF '},{"cpu":' && ! echo "$sum" | grep -qF per_cpu_other &&
		[ "${samples:-0}" -gt 0 ] && grep -q "^per CPU: all $samples samples on CPU 1$" $W/cpu.out
	tap $? "--per-cpu: all ${samples:-?} samples on CPU 1"
fi

# --- probe effect at 1 kHz --------------------------------------------------
# Three 4 s windows of one run: wake-ups are voluntary context switches
# (/proc/PID/status); CPU is utime + stime (/proc/PID/stat, USER_HZ = 100
# ticks/s, 1 tick = 0.25 % of 4 s) with the run time in ns
# (/proc/PID/schedstat) as a finer cross-check; elapsed time from
# /proc/uptime; system calls from /proc/PID/io.  Under TCG a busy host
# slows the emulated CPU, and emulated time follows the host: the CPU
# share is shown, not asserted (a loaded host inflates it without bound).
# What holds whatever the load is asserted: wake-ups and system calls
# come in batches, never per sample, and every period is a sample or a
# counted miss.
probe() {	# probe PID: "switches ticks centiseconds samples ns syscalls missed"
	echo "$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' /proc/"$1"/status)" \
		"$(awk '{ print $14 + $15 }' /proc/"$1"/stat)" \
		"$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)" "$(cat $S/count)" \
		"$(cut -d' ' -f1 /proc/"$1"/schedstat 2>/dev/null || echo -)" \
		"$(if [ -r /proc/"$1"/io ]; then
			awk '/^sysc[rw]:/ { n += $2 } END { print n + 0 }' /proc/"$1"/io
		else echo -; fi)" \
		"$(cat $S/missed)"
}
fmt2() { echo "$(($1 / 100)).$(($1 % 100 / 10))$(($1 % 10))"; }
# The driver as users load it: the default ring (4096 records, woken every
# 200 ms), not the 256 records guest-check.sh chose for its overflow test;
# reloaded as it was afterwards.
ring=$(cat /sys/module/rt_eval_tmu/parameters/ring_records)
rmmod rt_eval_tmu && insmod ./rt_eval_tmu.ko
tap $? "reload the module with its default ring for the probe"
echo 1000000 >$S/period_ns
$C --log $W/probe.jsonl --raw $W/probe.raw >/dev/null 2>&1 &
pid=$!
sleep 1
p0=$(probe $pid)
pfirst=$p0
best=
most=0
worst_sys=0
acct_ok=0
figures=
for _ in 1 2 3; do
	sleep 4
	p1=$(probe $pid)
	# shellcheck disable=SC2086 # word splitting wanted
	set -- $p0 $p1	# seven fields each: the second probe from $8 on
	cs=$((${10} - $3))
	wake10=$((($8 - $1) * 1000 / cs))
	cpu100=$((($9 - $2) * 10000 / cs))
	rate=$(((${11} - $4) * 100 / cs))
	# system calls per 1000 samples ("-": no /proc/PID/io in this kernel)
	if [ "$6" = - ]; then
		sys1k=-
		worst_sys=-
	else
		sys1k=$(((${13} - $6) * 1000 / (${11} - $4 + 1)))
		[ $sys1k -gt $worst_sys ] && worst_sys=$sys1k
	fi
	exact=$(awk -v a="$5" -v b="${12}" -v cs="$cs" 'BEGIN {
		if (a == "-") print "n/a"; else printf "%.2f%%", (b - a) / (cs * 100000) }')
	figures="$figures [$((wake10 / 10)).$((wake10 % 10)) wake-ups/s, $(fmt2 $cpu100)% (schedstat $exact), $rate samples/s, $sys1k syscalls per 1000 samples]"
	if [ -z "$best" ] || [ $cpu100 -lt "$best" ]; then best=$cpu100; fi
	if [ $wake10 -gt $most ]; then most=$wake10; fi
	p0=$p1
done
# samples + missed per 1000 periods over the 12 s: within 5 % (the edges
# are /proc/uptime reads, not underflows; a late sample's missed periods
# may fall just outside)
# shellcheck disable=SC2086 # word splitting wanted
set -- $pfirst $p0
acct1k=$(((${11} - $4 + ${14} - $7) * 1000 / ((${10} - $3) * 10)))
[ $acct1k -ge 950 ] && [ $acct1k -le 1050 ] || acct_ok=1
kill -TERM $pid
wait $pid
rc=$?
rmmod rt_eval_tmu && insmod ./rt_eval_tmu.ko ring_records="$ring"
tap $? "reload the module as it was (ring_records=$ring)"
echo "# probe effect [emulated, QEMU TCG]: period 1 ms, default ring, --log and --raw, three 4 s windows:$figures"
lost=$(summary_of $W/probe.jsonl | jnum lost)
[ $rc = 0 ] && [ "$rate" -gt 0 ] && [ "$lost" = 0 ] && [ $acct_ok = 0 ]
tap $? "1 kHz run: $rate samples/s, $acct1k of 1000 periods a sample or a counted miss, no sequence gaps (lost ${lost:-?}, exit $rc)"
[ "$most" -le 100 ]
tap $? "probe effect: at most 10 wake-ups/s at 1 kHz (most $((most / 10)).$((most % 10))/s)"
# a collector that read or wrote per sample would make 1000 per 1000
if [ "$worst_sys" = - ]; then
	skip "probe effect: system calls in batches" "no /proc/PID/io (CONFIG_TASK_IO_ACCOUNTING) in this kernel"
else
	[ "$worst_sys" -le 50 ]
	tap $? "probe effect: system calls in batches, at most 50 per 1000 samples (most $worst_sys)"
fi
echo "# probe effect [emulated]: least loaded window $(fmt2 "$best")% CPU at 1 kHz (shown, not asserted: emulated CPU time grows with the host's load)"

# --- the thread stage --------------------------------------------------------
# --thread for 3 s: the invariants of the two stages, not their rates (under
# TCG a loaded host delays the thread without bound, and may make many late).
# summary part: the summary line's IRQ stage, or its "thread" object
irq_part() { sed 's/,"thread":{.*//'; }
thr_part() { sed -n 's/.*,"thread":{/{/p'; }
$C --thread-priority 0 --thread >/dev/null 2>$W/err
rc=$?
[ $rc = 2 ] && grep -q 'thread-priority 0: expected 1 to 99' $W/err
tap $? "--thread-priority 0: a usage error, exit 2 (exit $rc)"
echo 1 >$S/enable
stage0=$(cat $S/thread_stage)
prio0=$(cat $S/thread_priority)
$C --thread --thread-priority 90 --duration 3 --interval 1 --log $W/thr.jsonl \
	--raw $W/thr.raw --histogram $W/thr.hist --prom $W/thr.prom \
	>$W/thr.txt 2>$W/thr.err
rc=$?
cat $W/thr.err
tsum=$(summary_of $W/thr.jsonl)
isamples=$(echo "$tsum" | irq_part | jnum samples)
imin=$(echo "$tsum" | irq_part | jnum min_ns)
tsamples=$(echo "$tsum" | thr_part | jnum samples)
tmin=$(echo "$tsum" | thr_part | jnum min_ns)
tlate=$(echo "$tsum" | thr_part | jnum late)
[ $rc = 0 ] && [ "${tsamples:-0}" -gt 0 ] && [ -n "$tlate" ]
tap $? "--thread: the summary has thread samples (exit $rc; $isamples samples, thread ${tsamples:-none}, late ${tlate:-none})"
[ "${tmin:-0}" -ge "${imin:-1}" ]
tap $? "--thread: the thread's minimum is not below the IRQ's ($tmin >= $imin ns)"
[ $((${tsamples:-0} + ${tlate:-0})) -le "${isamples:-0}" ]
tap $? "--thread: thread samples + late <= IRQ samples ($tsamples + $tlate <= $isamples)"
[ "$(cat $S/thread_stage)" = "$stage0" ] && [ "$(cat $S/thread_priority)" = "$prio0" ]
tap $? "--thread: sysfs thread_stage and thread_priority put back ($(cat $S/thread_stage), $(cat $S/thread_priority))"
head -n1 $W/thr.jsonl | grep -q '"thread_stage":true,"thread_priority":90' &&
	[ "$(grep '"type":"window"' $W/thr.jsonl | grep -vc '"thread":{')" = 0 ] &&
	grep -q '^thread Mean: ' $W/thr.txt &&
	grep -q '^# Thread 1:' $W/thr.hist &&
	grep -q "^rt_eval_thread_latency_seconds_count{.*} $tsamples\$" $W/thr.prom
tap $? "--thread: header, every window, stdout, --histogram and --prom carry the thread stage"
$C --replay $W/thr.raw --log $W/thr-replay.jsonl -q >/dev/null
rc=$?
[ $rc = 0 ] && [ -n "$tsamples" ] &&
	[ "$(summary_of $W/thr-replay.jsonl | thr_part)" = "$(echo "$tsum" | thr_part)" ]
tap $? "--thread: the raw file replays to the same thread stage (exit $rc)"
echo "# [emulated] $(grep '^# thread stage' $W/thr.txt)"
echo "# [emulated] $(grep '^Mean:' $W/thr.txt | tail -n1)"
echo "# [emulated] $(grep '^thread Mean:' $W/thr.txt | tail -n1)"
echo "# [emulated] $(grep -A1 '^thread: ' $W/thr.txt | tr '\n' ' ')"

# --- the device goes away ---------------------------------------------------
$C --interval 1 --log $W/gone.jsonl >/dev/null 2>$W/gone.err &
pid=$!
sleep 1.2
echo ff120000.timer >$DRV/unbind
wait $pid
rc=$?
[ $rc = 1 ] && grep -q 'went away' $W/gone.err &&
	summary_of $W/gone.jsonl | grep -q '"end":"device gone"'
tap $? "unbinding the device: reported, summary kept, exit 1 (exit $rc)"
echo ff120000.timer >$DRV/bind
[ -c /dev/rt_eval_tmu0 ]
tap $? "the device is bound again"

rm -rf $W
exit $fail
