#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rt-eval-collect and rt-eval-compare on this machine; TAP lines for
# scripts/check.sh.
#
#   1. make -C tools check: the native unit tests, one line per suite
#   2. runs of known distributions (tools/build/rte-gen-raw) replayed into
#      --log, --prom and --histogram files
#   3. the --prom files through promtool and a real
#      prometheus-node-exporter (textfile collector) on 127.0.0.1, scraped
#   4. --fail-above / --fail-p99-above: exit 3 and by how much
#   5. bad arguments, a missing device, malformed and truncated files, a
#      full disk (/dev/full)
#   6. rt-eval-compare: the table against the logs, PNG and SVG plots
#   6b. a generated run with the thread stage through every output
#   7. the man pages: mandoc lint, every option documented
#   8. the systemd unit and the logrotate snippet
#
# The live device is tested inside the emulated board
# (scripts/board/guest.d/collect.sh).
set -uo pipefail
RTE_PROG=20-tools.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

TOOLS=$RTE_REPO/tools
BIN=$TOOLS/build
COLLECT=$BIN/rt-eval-collect
COMPARE=$BIN/rt-eval-compare
W=$(mktemp -d)
EXPORTER_PID=

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	[[ -z $EXPORTER_PID ]] || { kill "$EXPORTER_PID"; wait "$EXPORTER_PID"; } 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init tools

# json FIELD FILE: numeric FIELD of FILE's summary line
json() {
	grep '"type":"summary"' "$2" | sed -n "s/.*[{,]\"$1\":\([0-9]*\).*/\1/p"
}

# expect_fail RC WANT-IN-STDERR CMD...: CMD exits RC and says WANT on stderr
expect_fail() {
	local want_rc=$1 want=$2 rc
	shift 2
	"$@" >"$W/out" 2>"$W/err"
	rc=$?
	[[ $rc == "$want_rc" ]] && grep -qF -- "$want" "$W/err" && return 0
	echo "# exit $rc (want $want_rc), stderr: $(head -c 400 "$W/err")"
	return 1
}

unit_tests() {
	local out line rc
	out=$(make -s -C "$TOOLS" check 2>&1)
	rc=$?
	while IFS= read -r line; do
		[[ $line =~ ^(tools/test_[a-z]+):\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] || continue
		[[ ${BASH_REMATCH[3]} == 0 ]]
		tap $? "unit tests ${BASH_REMATCH[1]}: ${BASH_REMATCH[2]} passed, ${BASH_REMATCH[3]} failed"
	done <<<"$out"
	[[ $rc == 0 ]] || echo "$out" | grep -v passed | head -n 30
	tap $rc "make -C tools check"
}

# Two runs at the R-Car TMU's 33.275 MHz: a tight one and one with a
# slower core, late interrupts and driver drops.
fixtures() {
	"$BIN/rte-gen-raw" "$W/base.raw" --dist uniform --samples 20000 \
		--base 40 --spread 20 --label baremetal &&
		"$BIN/rte-gen-raw" "$W/dom0.raw" --dist tail --samples 20000 \
			--base 290 --spread 40 --seed 7 --gap-every 4999 --label dom0 \
			--environment "Xen Dom0" &&
		"$COLLECT" --replay "$W/base.raw" --log "$W/base.jsonl" \
			--prom "$W/prom/base.prom" --histogram "$W/base.hist" -q >/dev/null &&
		"$COLLECT" --replay "$W/dom0.raw" --log "$W/dom0.jsonl" \
			--prom "$W/prom/dom0.prom" -q >/dev/null
	tap $? "replay of generated runs into --log, --prom and --histogram files"
	[[ $(json samples "$W/base.jsonl") == 20000 && $(json samples "$W/dom0.jsonl") == 20000 &&
		$(json lost "$W/dom0.jsonl") == 4 ]]
	tap $? "the summaries count every sample, and the dom0 run's 4 sequence gaps"
	local total over
	total=$(sed -n 's/^# Total: 0*\([0-9][0-9]*\)$/\1/p' "$W/base.hist")
	over=$(sed -n 's/^# Histogram Overflows: 0*\([0-9][0-9]*\)$/\1/p' "$W/base.hist")
	[[ $(head -n1 "$W/base.hist") == "# Histogram" && $((total + over)) == 20000 ]] &&
		! grep -vqE '^(# .*|[0-9]{6} [0-9]{6,}|)$' "$W/base.hist"
	tap $? "--histogram is in the cyclictest format and holds every sample"
}

prometheus() {
	local out port url body count
	out=$(promtool check metrics <"$W/prom/base.prom" 2>&1) && [[ -z $out ]]
	tap $? "promtool check metrics accepts the --prom file${out:+: $out}"

	# a real node_exporter on loopback, its textfile collector on prom/
	for _ in 1 2 3; do
		port=$((20000 + RANDOM % 30000))
		prometheus-node-exporter --web.listen-address="127.0.0.1:$port" \
			--collector.disable-defaults --collector.textfile \
			--collector.textfile.directory="$W/prom" >"$W/exporter.log" 2>&1 &
		EXPORTER_PID=$!
		url=http://127.0.0.1:$port/metrics
		for _ in $(seq 50); do
			body=$(curl -sf --max-time 2 "$url") && break
			kill -0 "$EXPORTER_PID" 2>/dev/null || break
			sleep 0.1
		done
		[[ -n ${body:-} ]] && break
		kill "$EXPORTER_PID" 2>/dev/null
		wait "$EXPORTER_PID" 2>/dev/null
		EXPORTER_PID=
	done
	count=$(json samples "$W/base.jsonl")
	grep -qx "node_textfile_scrape_error 0" <<<"${body:-}" &&
		grep -qx "rt_eval_latency_seconds_count{device=\"rt_eval_tmu0\",label=\"baremetal\"} $count" <<<"$body" &&
		grep -q '^rt_eval_info{.*environment="Xen Dom0".*label="dom0".*} 1$' <<<"$body" &&
		grep -q "^rt_eval_latency_seconds{.*label=\"dom0\",quantile=\"0.99\"} " <<<"$body"
	tap $? "prometheus-node-exporter serves both runs' --prom files on 127.0.0.1:${port}"
	[[ -z $EXPORTER_PID ]] || { kill "$EXPORTER_PID"; wait "$EXPORTER_PID"; } 2>/dev/null
	EXPORTER_PID=
}

limits() {
	local max p99 rc
	max=$(json max_ns "$W/dom0.jsonl")
	p99=$(json p99_ns "$W/dom0.jsonl")
	"$COLLECT" --replay "$W/dom0.raw" -q --fail-above 100us >"$W/out"
	rc=$?
	[[ $rc == 3 ]] && grep -q "^FAIL: --fail-above 100000 ns exceeded by $((max - 100000)) ns: max $max ns" "$W/out"
	tap $? "--fail-above below the max: exit 3, saying by how much (exit $rc)"
	"$COLLECT" --replay "$W/dom0.raw" -q --fail-p99-above 5us >"$W/out"
	rc=$?
	[[ $rc == 3 ]] && grep -q "^FAIL: --fail-p99-above 5000 ns exceeded by $((p99 - 5000)) ns: p99 $p99 ns" "$W/out"
	tap $? "--fail-p99-above below the p99: exit 3, saying by how much (exit $rc)"
	# the shown ns are rounded: a limit 1 ns above them holds the exact ticks
	"$COLLECT" --replay "$W/dom0.raw" -q --fail-above $((max + 1))ns \
		--fail-p99-above $((p99 + 1))ns >"$W/out"
	rc=$?
	[[ $rc == 0 ]] && grep -q '^PASS' "$W/out"
	tap $? "limits 1 ns above the max and the p99 pass (exit $rc)"
}

errors() {
	expect_fail 2 "usage:" "$COLLECT" --bogus
	tap $? "rt-eval-collect: an unknown option prints the usage, exit 2"
	expect_fail 2 "--interval 5ms: --interval is 100ms to 1d" "$COLLECT" --interval 5ms
	tap $? "rt-eval-collect: a too short --interval, exit 2"
	expect_fail 2 "usage:" "$COMPARE"
	tap $? "rt-eval-compare: no run, exit 2"
	expect_fail 2 "must end in .png or .svg" "$COMPARE" --plot "$W/x.gif" "$W/base.jsonl"
	tap $? "rt-eval-compare: --plot of an unknown type, exit 2"
	expect_fail 1 "insmod rt_eval_tmu.ko" "$COLLECT" --device "$W/rt_eval_tmu9"
	tap $? "a missing device names the insmod and device-tree steps, exit 1"
	if ! compgen -G '/dev/rt_eval_tmu*' >/dev/null; then
		expect_fail 1 "no /dev/rt_eval_tmu<N> device" "$COLLECT"
		tap $? "no device to find: exit 1"
	fi

	local size
	size=$(stat -c %s "$W/base.raw")
	head -c $((size - 10)) "$W/base.raw" >"$W/cut.raw"
	expect_fail 1 "$W/cut.raw: truncated: the last record is incomplete (54 of 64 bytes" \
		"$COLLECT" --replay "$W/cut.raw"
	tap $? "--replay of a truncated raw file: a clear error, exit 1"
	expect_fail 1 "not a raw file but a JSON log" "$COLLECT" --replay "$W/base.jsonl"
	tap $? "--replay of a log says what it is, exit 1"
	printf 'garbage\n' >"$W/garbage.jsonl"
	expect_fail 1 "$W/garbage.jsonl:1: malformed JSON at column 1" \
		"$COMPARE" "$W/base.jsonl" "$W/garbage.jsonl"
	tap $? "rt-eval-compare of a malformed log: file and line, exit 1"
	head -n 3 "$W/base.jsonl" >"$W/killed.jsonl"
	expect_fail 1 "$W/killed.jsonl: no summary line" "$COMPARE" "$W/killed.jsonl"
	tap $? "rt-eval-compare of a log without summary: replay the raw file instead, exit 1"
	{ head -n 2 "$W/base.jsonl"; sed -n 3p "$W/base.jsonl" | head -c 100; } >"$W/torn.jsonl"
	expect_fail 1 "$W/torn.jsonl:3: truncated JSON" "$COMPARE" "$W/torn.jsonl"
	tap $? "rt-eval-compare of a torn log: truncated, exit 1"

	"$COLLECT" --replay "$W/base.raw" --log /dev/full >"$W/out" 2>"$W/err"
	local rc=$?
	[[ $rc == 1 ]] && grep -q "/dev/full: cannot write its header: No space left on device" "$W/err" &&
		[[ $(wc -l <"$W/err") == 1 ]] && grep -q '^summary (end of file): 20000 samples' "$W/out"
	tap $? "a full disk (--log /dev/full): reported once, the run goes on, exit 1 (exit $rc)"
}

compare() {
	local table m1 m2 want rc
	"$COMPARE" "$W/base.jsonl" "$W/base.raw" >"$W/same.txt"
	rc=$?
	[[ $rc == 0 ]] && ! grep -E '^(samples|mean|stddev|p50|p99|p99\.9|max) ' "$W/same.txt" | grep -qv 'x1\.00$'
	tap $? "a log and its raw file compare equal: every ratio x1.00"

	table=$("$COMPARE" "$W/base.jsonl" "$W/dom0.raw")
	rc=$?
	printf '# %s\n' "${table//$'\n'/$'\n'# }"
	m1=$(json mean_ns "$W/base.jsonl")
	m2=$(json mean_ns "$W/dom0.jsonl")
	want=$(awk -v a="$m1" -v b="$m2" 'BEGIN { printf "x%.2f", b / a }')
	[[ $rc == 0 ]] && grep -q "^environment  *bare metal  *Xen Dom0" <<<"$table" &&
		grep -qE "^mean .* $want$" <<<"$table" &&
		grep -qE "^lost samples  *0  *4  *x-$" <<<"$table" &&
		[[ $(grep -cE '^(samples|mean|stddev|p50|p99|p99\.9|max|above threshold|missed periods|lost samples) ' <<<"$table") == 10 ]]
	tap $? "rt-eval-compare: a column per run with its environment, every row, ratios to the first (mean $want)"

	"$COMPARE" --plot "$W/cmp.png" "$W/base.jsonl" "$W/dom0.jsonl" >/dev/null &&
		[[ $(head -c 8 "$W/cmp.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]
	tap $? "--plot out.png writes a PNG ($(stat -c %s "$W/cmp.png" 2>/dev/null) bytes)"
	"$COMPARE" --plot "$W/cmp.svg" "$W/base.jsonl" "$W/dom0.raw" >/dev/null &&
		python3 -c 'import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
sys.exit(0 if r.tag.endswith("svg") and "dom0" in E.tostring(r, "unicode") else 1)' "$W/cmp.svg"
	tap $? "--plot out.svg writes an SVG that parses, with the runs' labels"

	# eight runs of different lengths: normalised histograms and their
	# exceedance, the threshold and each run's maximum marked, and every
	# key and the title inside the picture
	local i runs=()
	for i in 0 1 2 3 4 5 6 7; do
		"$BIN/rte-gen-raw" "$W/p$i.raw" --dist tail --samples $((2000 + i * 1500)) \
			--base $((800 + i * 90)) --seed "$i" --label "run-$i" \
			--environment "env number $i" >/dev/null &&
			"$COLLECT" --replay "$W/p$i.raw" -q --log "$W/p$i.jsonl" >/dev/null
		runs+=("$W/p$i.jsonl")
	done
	"$COMPARE" --plot "$W/eight.svg" "${runs[@]}" >/dev/null &&
		python3 - "$W/eight.svg" "${runs[@]}" <<'PY'
import json, sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
text = " ".join(t for t in root.itertext())
width = float(root.get("width", "0").rstrip("px") or 0)
need = ["Interrupt latency of 8 runs", "fraction of samples per bin",
        "fraction of samples above x", "threshold 30 µs"]
for i, log in enumerate(sys.argv[2:]):
    need.append("run-%d: env number %d" % (i, i))
missing = [n for n in need if n not in text]
# every text element starts inside the picture
xs = [float(t.get("x", "0")) for t in root.iter() if t.tag.endswith("text") and t.get("x")]
outside = [x for x in xs if x < 0 or (width and x > width)]
if missing or outside:
    print("# missing: %s; outside: %s" % (missing, outside[:5]))
sys.exit(1 if missing or outside else 0)
PY
	tap $? "--plot of eight runs: per-bin fractions and exceedance, threshold marked, every key and the title shown"
	# vertical dashed lines that are not the grid: the threshold and the
	# eight maxima, in each of the two panels
	python3 - "$W/eight.svg" <<'PY'
import re, sys
n = 0
for p in re.findall(r"<path [^>]*stroke-dasharray=[^>]*>", open(sys.argv[1]).read()):
    m = re.search(r"d='M([\d.]+),[\d.]+ L([\d.]+),", p)
    if "gridline" not in p and m and abs(float(m.group(1)) - float(m.group(2))) < 0.01:
        n += 1
print("# %d marker lines" % n)
sys.exit(0 if n == 2 * (1 + 8) else 1)
PY
	tap $? "--plot marks the threshold and each run's maximum, in both panels"
	expect_fail 1 "no directory $W/missing: create it first" \
		"$COMPARE" --plot "$W/missing/x.png" "${runs[0]}"
	tap $? "--plot into a missing directory: a clear error naming it, exit 1"
	! grep -q 'gnuplot\|plot\.gp' "$W/err"
	tap $? "--plot into a missing directory: no gnuplot message, no temporary path"
}

# A generated run with the driver's thread stage (every 250th sample
# late): its statistics in every output, promtool, compare's rows.
thread_stage() {
	local table out
	"$BIN/rte-gen-raw" "$W/thr.raw" --dist tail --samples 20000 --base 290 \
		--spread 40 --seed 3 --thread 400 --late-every 250 --label thread &&
		"$COLLECT" --replay "$W/thr.raw" --log "$W/thr.jsonl" \
			--prom "$W/thr.prom" --histogram "$W/thr.hist" -q >/dev/null
	tap $? "replay of a generated run with the thread stage into --log, --prom and --histogram"
	out=$(promtool check metrics <"$W/thr.prom" 2>&1) && [[ -z $out ]] &&
		grep -q '^rt_eval_thread_latency_seconds_count{.*} 19920$' "$W/thr.prom" &&
		grep -q '^rt_eval_thread_late_total{.*} 80$' "$W/thr.prom"
	tap $? "--prom: promtool accepts rt_eval_thread_latency_seconds (19920) and its 80 late${out:+: $out}"
	grep -q '^# Thread 1:' "$W/thr.hist" &&
		! grep -vqE $'^(# .*|[0-9]{6} [0-9]{6,}\t[0-9]{6,}|)$' "$W/thr.hist"
	tap $? "--histogram: the thread stage as cyclictest's second column"
	table=$("$COMPARE" "$W/thr.jsonl" "$W/thr.raw" "$W/base.jsonl")
	grep -qE '^thread samples  *19920  *19920  *x1\.00  *-  *x-$' <<<"$table" &&
		grep -qE '^thread late  *80  *80  *x1\.00  *-  *x-$' <<<"$table" &&
		[[ $(grep -c '^thread ' <<<"$table") == 9 ]] &&
		! grep -E '^thread ' <<<"$table" | grep -v -- '-  *x-$' | grep -qv 'x1\.00  '
	tap $? "rt-eval-compare: thread rows, log and raw equal, '-' for a run without the stage"
}

man_pages() {
	local page prog out opt missing
	for prog in rt-eval-collect rt-eval-compare; do
		page=$TOOLS/man/$prog.1
		out=$(mandoc -T lint -W warning "$page" 2>&1)
		tap $? "mandoc -T lint $prog.1${out:+: $out}"
		missing=
		for opt in $("$BIN/$prog" --help | grep -oE -- '--[a-z0-9-]+' | sort -u); do
			grep -qF -- "${opt//-/\\-}" "$page" || missing="$missing $opt"
		done
		[[ -z $missing ]]
		tap $? "$prog.1 documents every option of --help${missing:+ (missing:$missing)}"
	done
}

# The systemd unit (systemd-analyze, when this machine has systemd) and
# the logrotate snippet.
service() {
	local unit=$W/unit/rt-eval-collect.service out
	if ! command -v systemd-analyze >/dev/null; then
		echo "ok $((N += 1)) tools: systemd-analyze verify rt-eval-collect.service # SKIP no systemd-analyze"
	else
		mkdir -p "$W/unit" "$W/man/man1"
		cp "$TOOLS"/man/*.1 "$W/man/man1/"
		sed "s#/usr/local/bin/rt-eval-collect#$COLLECT#" \
			"$TOOLS/rt-eval-collect.service" >"$unit"
		out=$(MANPATH=$W/man systemd-analyze verify "$unit" 2>&1)
		tap $? "systemd-analyze verify rt-eval-collect.service${out:+: $out}"
	fi
	out=$(logrotate -d -s "$W/logrotate.state" "$TOOLS/rt-eval-collect.logrotate" 2>&1)
	tap $? "logrotate -d accepts rt-eval-collect.logrotate"
	grep -q 'kill --signal=HUP rt-eval-collect.service' "$TOOLS/rt-eval-collect.logrotate" &&
		grep -qF "ExecReload=/bin/kill -HUP \$MAINPID" "$TOOLS/rt-eval-collect.service"
	tap $? "logrotate and systemctl reload send the collector SIGHUP"
}

# ---------------------------------------------------------------------------
# Hostile files and arguments (issue 10): each check fails on the tools
# before the fix.

# no_pwned: none of the commands planted in labels ran
no_pwned() {
	! compgen -G "$W/PWNED*" >/dev/null
}

# item 1: labels, environments and titles never reach gnuplot's language
hostile_plot() {
	local i rc ok=0 lbl labels=(
		"x\`touch $W/PWNED1\`y"
		"system(\"touch $W/PWNED2\")"
		"\" . system('touch $W/PWNED3') . \""
		$'a\nset output "'"$W"$'/PWNED4"\nb'
		"@x '\"quotes\"' \\\" \\n #hash"
		"$(printf 'L%.0s' {1..127})"
	)
	for i in "${!labels[@]}"; do
		lbl=${labels[$i]}
		# the label goes through the header of a raw file and a log
		"$BIN/rte-gen-raw" "$W/h$i.raw" --samples 200 --label "$lbl" \
			--environment "env\`touch $W/PWNED5\`" || ok=1
		"$COLLECT" --replay "$W/h$i.raw" -q --log "$W/h$i.jsonl" >/dev/null || ok=1
		"$COMPARE" --plot "$W/h$i.svg" "$W/h$i.jsonl" "$W/h$i.raw" >/dev/null 2>"$W/err"
		rc=$?
		[[ $rc == 0 ]] || { ok=1; echo "# label $i: exit $rc: $(head -c 300 "$W/err")"; }
		python3 -c 'import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
t = E.tostring(r, "unicode")
sys.exit(0 if "touch" in t or "LLLL" in t or "quotes" in t else 1)' "$W/h$i.svg" ||
			{ ok=1; echo "# label $i: not in the SVG"; }
	done
	"$COMPARE" --plot "$W/t.png" --title "t\`touch $W/PWNED6\` system('touch $W/PWNED7')" \
		"$W/h0.jsonl" >/dev/null || ok=1
	# an empty or blank title is still a title, not a missing line
	"$COMPARE" --plot "$W/t.svg" --title '' "$W/h0.jsonl" >/dev/null &&
		"$COMPARE" --plot "$W/t.svg" --title $'\t ' "$W/h0.jsonl" >/dev/null || ok=1
	no_pwned || { ok=1; echo "# ran: $(cd "$W" && echo PWNED*)"; }
	[[ $ok == 0 ]]
	tap $? "--plot with hostile labels, environments and --title (backquotes, system(), newlines, quotes, 127 bytes): nothing runs, every label shown"
}

# item 2: only regular files are replaced, never through a symlink
hostile_replace() {
	local rc
	mkfifo "$W/fifo.prom"
	expect_fail 1 "fifo.prom: cannot write: not a regular file" \
		timeout 10 "$COLLECT" --replay "$W/base.raw" -q --prom "$W/fifo.prom"
	rc=$?
	[[ $rc == 0 && -p $W/fifo.prom ]]
	tap $? "--prom FIFO: refused with a clear error, exit 1, the FIFO stays"
	mkdir -p "$W/adir"
	expect_fail 1 "adir: cannot write: not a regular file" \
		"$COLLECT" --replay "$W/base.raw" -q --histogram "$W/adir"
	tap $? "--histogram DIRECTORY: refused, exit 1"
	echo precious >"$W/victim"
	ln -s "$W/victim" "$W/link.prom"
	expect_fail 1 "link.prom: cannot write: not a regular file" \
		"$COLLECT" --replay "$W/base.raw" -q --prom "$W/link.prom" &&
		[[ -L $W/link.prom && $(cat "$W/victim") == precious ]]
	tap $? "--prom SYMLINK: refused, exit 1, neither the link nor its target touched"
	ln -s "$W/victim" "$W/planted.prom.tmp"
	ln -s "$W/victim" "$W/planted.hist.tmp"
	"$COLLECT" --replay "$W/base.raw" -q --prom "$W/planted.prom" \
		--histogram "$W/planted.hist" >/dev/null
	rc=$?
	[[ $rc == 0 && $(cat "$W/victim") == precious && -s $W/planted.prom && -s $W/planted.hist ]]
	tap $? "a symlink planted at PATH.tmp: its target is not truncated (exit $rc)"
}

# raw_header_sub IN OUT OLD NEW: IN with OLD replaced by NEW in its header
raw_header_sub() {
	python3 - "$@" <<'PY'
import sys
src, dst, old, new = sys.argv[1:5]
b = open(src, "rb").read()
size = int.from_bytes(b[12:16], "little")
head = b[16:16 + size].rstrip(b"\0")
assert old.encode() in head
head = head.replace(old.encode(), new.encode(), 1)
size = (16 + len(head) + 63) // 64 * 64 - 16
out = b[:12] + size.to_bytes(4, "little") + head.ljust(size, b"\0") + b[16 + int.from_bytes(b[12:16], "little"):]
open(dst, "wb").write(out)
PY
}

# items 3 and 4: huge times are refused, never wrapped
hostile_times() {
	expect_fail 2 "--interval is 100ms to 1d" timeout 10 "$COLLECT" \
		--replay "$W/base.raw" -q --interval 18446744073709551609ns --log "$W/wrap.jsonl"
	tap $? "--interval 18446744073709551609ns: refused, exit 2"
	[[ ! -s $W/wrap.jsonl ]]
	tap $? "--interval 18446744073709551609ns: no log written"
	expect_fail 2 "--duration is 100ms to 3650d" timeout 10 "$COLLECT" \
		--replay "$W/base.raw" -q --duration 18446744073709551609ns
	tap $? "--duration 18446744073709551609ns: refused, exit 2"
	# the same in a file's header: refused, not wrapped
	raw_header_sub "$W/base.raw" "$W/hdur.raw" '"duration_ns":0,' \
		'"duration_ns":18446744073709551000,'
	raw_header_sub "$W/base.raw" "$W/hint.raw" '"interval_ns":10000000000,' \
		'"interval_ns":18446744073709551609,'
	expect_fail 1 "out of range" timeout 10 "$COLLECT" --replay "$W/hdur.raw" -q
	tap $? "a raw header with a duration that wraps: refused, exit 1"
	expect_fail 1 "out of range" timeout 10 "$COLLECT" --replay "$W/hint.raw" -q
	tap $? "a raw header with an interval that wraps: refused, exit 1"
}

# item 5: a log or raw file whose header cannot be written gets nothing
hostile_full() {
	local rc size
	# a 600-byte file size limit: the 741-byte header fails, and the first
	# 420-byte window line would fit where the header should be
	python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (600, 600))
os.execv(sys.argv[1], sys.argv[1:])' "$COLLECT" --replay "$W/base.raw" --interval 1s -q \
		--log "$W/small.jsonl" >"$W/out" 2>"$W/err"
	rc=$?
	size=$(stat -c %s "$W/small.jsonl")
	[[ $rc == 1 && $size == 0 ]] && grep -q "small.jsonl: cannot write its header: File too large" "$W/err"
	tap $? "header lost to a full disk: the log stays empty (not lines at offset 0), exit 1 (exit $rc, $size bytes)"
}

# item 6: one corrupt timestamp is skipped, not expanded into windows
hostile_jump() {
	local rc lines t0 t1
	"$BIN/rte-gen-raw" "$W/j.raw" --samples 15 --label jump
	python3 - "$W/j.raw" <<'PY'
import sys, struct
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
off = len(b) - 15 * 64 + 7 * 64 + 8
ts, = struct.unpack_from("<Q", b, off)
struct.pack_into("<Q", b, off, ts + 86400 * 10**9)
open(p, "wb").write(b)
PY
	timeout 60 "$COLLECT" --replay "$W/j.raw" --interval 100ms -q --log "$W/j.jsonl" \
		>"$W/out" 2>"$W/err"
	rc=$?
	lines=$(wc -l <"$W/j.jsonl")
	[[ $rc == 1 && $lines -lt 10 && $(json samples "$W/j.jsonl") == 14 ]] &&
		grep -q "record 7: its timestamp jumps 86400.* skipped as corrupt; 1 record(s) skipped" "$W/err"
	tap $? "a raw record a day ahead: reported and skipped, $lines log lines, exit 1 (exit $rc)"
	t0=$(date +%s%N)
	timeout 60 "$COMPARE" "$W/j.raw" >"$W/out" 2>&1
	rc=$?
	t1=$(date +%s%N)
	[[ $rc == 0 ]] && grep -q "^Note: 1 record(s) skipped as corrupt" "$W/out" &&
		((t1 - t0 < 5000000000))
	tap $? "rt-eval-compare of it: a note, in $(((t1 - t0) / 1000000)) ms (exit $rc)"
}

# item 7: a line of any length is not read whole
hostile_line() {
	local rc
	(ulimit -v 400000; exec timeout 30 "$COMPARE" /dev/zero) >"$W/out" 2>"$W/err"
	rc=$?
	[[ $rc == 1 ]] && grep -q "/dev/zero:1: a line longer than 1048576 bytes" "$W/err"
	tap $? "rt-eval-compare /dev/zero: refused after 1 MiB, in 400 MB of address space (exit $rc)"
}

# item 8: --replay ends on SIGTERM with its summary
hostile_signal() {
	local pid rc
	"$BIN/rte-gen-raw" "$W/sig.raw" --samples 200000 --label sig
	# the log goes into a pipe that is not read for a while: the replay
	# blocks there, SIGTERM arrives, then the pipe drains
	"$COLLECT" --replay "$W/sig.raw" --interval 100ms -q --log /dev/stdout \
		2>"$W/err" > >(sleep 2; cat >"$W/sig.jsonl") &
	pid=$!
	sleep 1
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	sleep 2.5
	for _ in $(seq 50); do grep -q '"type":"summary"' "$W/sig.jsonl" && break; sleep 0.1; done
	[[ $rc == 0 ]] && grep -q '"type":"summary".*"end":"SIGTERM"' "$W/sig.jsonl" &&
		(($(json samples "$W/sig.jsonl") < 200000))
	tap $? "--replay stopped by SIGTERM: summary written, end SIGTERM, exit 0 (exit $rc)"
}

# item 9: labels that are not UTF-8
hostile_utf8() {
	local out
	expect_fail 2 "--label: not valid UTF-8" "$COLLECT" --replay "$W/base.raw" --label $'r\xe9gle'
	tap $? "--label \$'r\\xe9gle': refused, exit 2"
	"$BIN/rte-gen-raw" "$W/u.raw" --samples 100 --label rXgle --environment $'Xen\xff'
	python3 -c 'import sys
p = sys.argv[1]; b = open(p, "rb").read()
open(p, "wb").write(b.replace(b"rXgle", b"r\xe9gle", 1))' "$W/u.raw"
	mkdir -p "$W/uprom"
	"$COLLECT" --replay "$W/u.raw" -q --log "$W/u.jsonl" --prom "$W/uprom/u.prom" \
		--histogram "$W/u.hist" >/dev/null
	out=$(promtool check metrics <"$W/uprom/u.prom" 2>&1) && [[ -z $out ]] &&
		grep -q $'label="r\xef\xbf\xbdgle"' "$W/uprom/u.prom"
	tap $? "a raw file with a label that is not UTF-8: promtool accepts the --prom file${out:+: $out}"
	python3 -c 'import sys, json
for line in open(sys.argv[1], encoding="utf-8", errors="strict"):
    json.loads(line)' "$W/u.jsonl" && grep -q '"label":"r\\ufffdgle"' "$W/u.jsonl"
	tap $? "... and its --log is strict UTF-8 JSON, U+FFFD for the bad byte"
}

# item 10: --replay with every output costs little more than without
hostile_speed() {
	local i a b ratios=() med
	"$BIN/rte-gen-raw" "$W/speed.raw" --samples 1000000 --dist tail --base 40 --spread 2000
	TIMEFORMAT=%3U+%3S
	for i in 1 2 3 4 5; do
		a=$({ time "$COLLECT" --replay "$W/speed.raw" -q >/dev/null; } 2>&1)
		b=$({ time "$COLLECT" --replay "$W/speed.raw" -q \
			--log "$W/speed.jsonl" --prom "$W/speed.prom" --histogram "$W/speed.hist" \
			>/dev/null; } 2>&1)
		rm -f "$W/speed.jsonl"
		ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, "+"); split(b, y, "+");
			printf "%.2f", (y[1] + y[2]) / (x[1] + x[2] + 0.001) }')")
	done
	med=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 3p)
	awk -v m="$med" 'BEGIN { exit !(m <= 2.0) }'
	tap $? "--replay of 10^6 samples with --log --prom --histogram: x$med the CPU of a plain replay (median of paired runs: ${ratios[*]}; limit x2.0 here)"
	rm -f "$W/speed.raw"
}

# item 11: time options speak one language: a bare number is seconds
hostile_cli() {
	expect_fail 2 "a latency limit needs its unit, e.g. 30us" \
		"$COLLECT" --replay "$W/base.raw" --threshold 30
	tap $? "--threshold 30: refused, suggesting 30us, exit 2"
	expect_fail 2 "a latency limit needs its unit, e.g. 100us" \
		"$COLLECT" --replay "$W/base.raw" --fail-above 100
	tap $? "--fail-above 100: refused, suggesting 100us, exit 2"
	expect_fail 2 "a latency limit is at most 1s: write the unit, e.g. 30000ns" \
		"$COLLECT" --replay "$W/base.raw" --fail-p99-above 30000
	tap $? "--fail-p99-above 30000: refused, suggesting 30000ns, exit 2"
	"$COLLECT" --replay "$W/base.raw" -q --duration 1d --threshold 30us --interval 1.5m \
		--fail-above 1ms --log "$W/units.jsonl" >/dev/null &&
		grep -q '"duration_ns":86400000000000,' "$W/units.jsonl" &&
		grep -q '"threshold_ns":30000,' "$W/units.jsonl" &&
		grep -q '"interval_ns":90000000000,' "$W/units.jsonl"
	tap $? "--duration 1d --threshold 30us --interval 1.5m --fail-above 1ms: accepted, recorded in ns"
	"$COLLECT" --replay "$W/base.raw" -q --duration 60 --interval 2 --log "$W/bare.jsonl" \
		>/dev/null &&
		grep -q '"duration_ns":60000000000,' "$W/bare.jsonl" &&
		grep -q '"interval_ns":2000000000,' "$W/bare.jsonl"
	tap $? "--duration 60 --interval 2: bare numbers are seconds"
}

hostile() {
	hostile_plot
	hostile_replace
	hostile_times
	hostile_full
	hostile_jump
	hostile_line
	hostile_signal
	hostile_utf8
	hostile_speed
	hostile_cli
}

main() {
	rte_need_cmd make cc promtool prometheus-node-exporter curl gnuplot mandoc python3 logrotate
	mkdir -p "$W/prom"
	unit_tests
	[[ -x $COLLECT && -x $COMPARE && -x $BIN/rte-gen-raw ]] ||
		{ tap 1 "the tools built"; exit 1; }
	fixtures
	prometheus
	limits
	errors
	compare
	thread_stage
	hostile
	man_pages
	service
	exit $FAIL
}

main "$@"
