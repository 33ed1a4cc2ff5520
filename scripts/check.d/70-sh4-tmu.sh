#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The R-Car TMU backend on QEMU's r2d board (SH7751R, TMU3 channel 0):
# scripts/sh4/tmu-check.sh builds (or reuses, in $RTE_CACHE/sh4) the sh4
# test kernel, musl and json-c, boots the board and runs the kselftests
# and a short collection there.  Every guest TAP line becomes one line
# here, named after its program; the collector's log, written on sh4, is
# read back by the host's rt-eval-compare.  Figures are the emulator's.
# The first run builds the kernel (10-25 minutes on 2 cores); later
# runs take about a minute.  TAP lines for scripts/check.sh.
set -uo pipefail
RTE_PROG=70-sh4-tmu.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init sh4-tmu

"$RTE_REPO/scripts/sh4/tmu-check.sh" >"$W/out" 2>&1
rc=$?
# its own copy of the guest's TAP lines is not counted: commented out
sed -E 's/^((not )?ok [0-9]+ )/# guest: \1/' "$W/out"
LOG=$RTE_REPO/build/sh4/tmu-check/boot.log
tap $rc "r2d booted; every rc line and kselftest passed (tmu-check.sh exit $rc)"

# the guest's TAP lines, under the name of the program that printed them
prog=
ntap=0
while IFS= read -r line; do
	case $line in
	"tmu-check: program "*) prog=${line#tmu-check: program } ;;
	"ok "[0-9]* | "not ok "[0-9]*)
		ntap=$((ntap + 1))
		desc=${line#not }
		desc=${desc#ok }
		desc=${desc#* }
		[[ $line == not* ]]
		tap $((!$?)) "r2d $prog: $desc"
		;;
	esac
done < <(tr -d '\r' <"$LOG" 2>/dev/null)
[[ $ntap -ge 27 ]]
tap $? "r2d: the three kselftest programs reported ($ntap results, 27 expected)"

# The collector's log, from sh4 to the host's reader.
sed -n '/^tmu-check: log begins/,/^tmu-check: log ends/p' "$LOG" 2>/dev/null |
	tr -d '\r' | grep '^{' >"$W/r2d.json"
grep -q '"type":"summary"' "$W/r2d.json" &&
	grep -q '"backend":"tmu"' "$W/r2d.json" &&
	grep -q '"emulated":true' "$W/r2d.json"
tap $? "r2d rt-eval-collect: a log with a summary, backend tmu, labelled emulated"
make -s -C "$RTE_REPO/tools" OUT="$W/tools" "$W/tools/rt-eval-compare" >"$W/make.log" 2>&1 ||
	cat "$W/make.log"
"$W/tools/rt-eval-compare" "$W/r2d.json" >"$W/compare.out" 2>&1
rc=$?
cat "$W/compare.out"
tap $rc "r2d rt-eval-collect: the host's rt-eval-compare reads the sh4 log"
exit "$FAIL"
