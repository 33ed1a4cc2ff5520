#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test of the project, from a fresh Debian 12 machine.
#
#   1. host set-up and the Debian kernels, headers and busybox (cached)
#   2. native unit tests of the shared arithmetic
#   3. checkpatch --strict on the kernel-style sources, shellcheck on scripts
#   4. scripts/check.d/*.sh, further native checks printing TAP lines
#   5. per kernel flavour (standard, PREEMPT_RT): the module built with W=1
#      and sparse without a warning, then the emulated ZCU102 booted with it
#      to run the kselftests, rmmod and a kernel-log scan, bare metal and
#      as Xen Dom0, and in a dom0less Xen guest that has the TTC
#
# Each check counts once; the board's TAP lines count one each.  The last
# line is "check: N passed, N failed"; the exit status is 1 on any failure.
set -uo pipefail
RTE_PROG=check.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/board/lib.sh"

usage() {
	cat <<EOF
usage: scripts/check.sh [--flavours "std rt std-xen rt-xen std-xen-domu rt-xen-domu"]
  Runs every test; logs go to build/check/.  Needs root for the first
  apt-get install (scripts/setup-host.sh); later runs work offline.
  --flavours  kernels to run the board checks on: std, rt (Debian's) and
              debug (built from linux-source-6.1 with lockdep, KASAN,
              kmemleak; what make check-debug runs); NAME-xen runs that
              kernel as Dom0 of Debian's Xen 4.17, NAME-xen-domu also as a
              dom0less guest next to Dom0, with the TTC passed through
EOF
}

FLAVOURS="std rt std-xen rt-xen std-xen-domu rt-xen-domu"
LOGDIR=$RTE_REPO/build/check
PASSED=0
FAILED=0
FAILURES=()

pass() { PASSED=$((PASSED + 1)); printf 'PASS %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); printf 'FAIL %s\n' "$1"; }

# run NAME CMD...: one check; output to build/check/NAME.log, shown on failure
run() {
	local name=$1 log=$LOGDIR/$1.log
	shift
	if "$@" >"$log" 2>&1; then
		pass "$name"
	else
		tail -n 40 "$log"
		fail "$name (log: ${log#"$RTE_REPO"/})"
		return 1
	fi
}

unit_tests() {
	make -s -C "$RTE_REPO" unit KSFT_DIR="$LINUX_SRC/tools/testing/selftests"
}

checkpatch() {
	local cp=$LINUX_SRC/scripts/checkpatch.pl out
	out=$(cd "$RTE_REPO" && "$cp" --strict --no-tree --quiet -f \
		driver/*.c driver/*.h include/uapi/linux/*.h common/*.h \
		common/tests/*.[ch] scripts/board/nodt/*.c scripts/board/*.c \
		selftests/rt_eval_tmu/*.c selftests/rt_eval_tmu/*.h \
		scripts/sh4/*.c scripts/sh4/smoke-modules/*.c \
		tools/*.c tools/lib/*.[ch] tools/include/linux/*.h \
		tools/tests/*.[ch] tools/tests/fuzz/*.[ch] 2>&1)
	[[ -z $out ]] || { echo "$out"; return 1; }
}

shell_lint() {
	local bash_scripts sh_scripts
	cd "$RTE_REPO" || return 1
	mapfile -t bash_scripts < <(compgen -G 'scripts/*.sh'
		compgen -G 'scripts/board/*.sh'; compgen -G 'scripts/check.d/*.sh'
		compgen -G 'scripts/sh4/*.sh')
	mapfile -t sh_scripts < <(compgen -G 'scripts/board/guest-*.sh'
		compgen -G 'scripts/board/guest.d/*.sh')
	shellcheck "${bash_scripts[@]}" .ci/run &&
		shellcheck -s sh "${sh_scripts[@]}"
}

# count_tap LABEL LOG RC: one check per TAP line in LOG, plus the run itself
count_tap() {
	local label=$1 log=$2 rc=$3 line
	while IFS= read -r line; do
		case $line in
		"not ok "*) fail "$label: ${line#not ok }" ;;
		"ok "*"# SKIP"*) printf 'SKIP %s: %s\n' "$label" "${line#ok }" ;;
		"ok "*) pass "$label: ${line#ok }" ;;
		esac
	done < <(grep -aE '^(not )?ok [0-9]+ ' "$log")
	grep -a -B2 -A6 -E '^# .*(Expected|FAIL)' "$log" | head -n 60
	if [[ $rc -eq 0 ]]; then
		pass "$label: run (log: ${log#"$RTE_REPO"/})"
	else
		tail -n 30 "$log"
		fail "$label: run exited $rc (log: ${log#"$RTE_REPO"/})"
	fi
}

# board_run KERNEL: boot the emulated board with guest-check.sh; a kernel
# named FLAVOUR-xen runs as Xen Dom0; FLAVOUR-xen-domu as Dom0
# (guest-domu-dom0.sh) next to a dom0less guest that has the TTC
# (guest-domu.sh; boot.sh writes its lines to the -guest log).
board_run() {
	local k=$1 f=${1%%-*} rc grc args
	local log=$LOGDIR/board-$k.log glog=$LOGDIR/board-$k-guest.log
	local s=$RTE_REPO/scripts/board
	case $k in
	*-xen-domu) args=(--xen --script "$s/guest-domu-dom0.sh"
		--guest-payload "$RTE_REPO/build/$f/payload"
		--guest-script "$s/guest-domu.sh") ;;
	*-xen) args=(--xen --script "$s/guest-check.sh") ;;
	*) args=(--script "$s/guest-check.sh") ;;
	esac
	"$s/boot.sh" --flavour "$f" "${args[@]}" \
		--payload "$RTE_REPO/build/$f/payload" --log "$log" >/dev/null 2>&1
	rc=$?
	count_tap "$k" "$log" "$rc"
	[[ $k == *-xen-domu ]] || return 0
	grc=$(sed -n 's/^RTE-GUEST-EXIT: \([0-9]*\)$/\1/p' "$glog" 2>/dev/null | tail -n1)
	count_tap "$k-guest" "$glog" "${grc:-125}"
}

# Further native checks: each scripts/check.d/*.sh prints TAP lines and
# exits non-zero on failure.
extra_checks() {
	local s name rc
	for s in "$RTE_REPO"/scripts/check.d/*.sh; do
		[[ -e $s ]] || continue
		name=$(basename "$s" .sh)
		bash "$s" >"$LOGDIR/$name.log" 2>&1
		rc=$?
		count_tap "$name" "$LOGDIR/$name.log" "$rc"
	done
}

main() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--flavours) [[ $# -ge 2 ]] || rte_usage_error "--flavours needs a value"
			FLAVOURS=$2; shift 2 ;;
		*) rte_usage_error "unknown argument '$1'" ;;
		esac
	done
	for f in $FLAVOURS; do
		[[ $f =~ ^[a-z]+(-xen|-xen-domu)?$ ]] || rte_usage_error "unknown flavour '$f'"
		rte_is_kernel "${f%%-*}" || rte_usage_error "unknown flavour '$f'"
	done
	mkdir -p "$LOGDIR"

	"$RTE_REPO/scripts/setup-host.sh" || rte_die "host set-up failed"
	"$RTE_REPO/scripts/board/fetch.sh" std >/dev/null ||
		rte_die "fetching busybox and linux-source failed"
	for f in $(tr ' ' '\n' <<<"$FLAVOURS" | sed 's/-.*//' | sort -u); do
		if [[ $f == debug ]]; then
			"$RTE_REPO/scripts/debug-kernel/build.sh" ||
				rte_die "building the debug kernel failed"
		else
			"$RTE_REPO/scripts/board/fetch.sh" "$f" ||
				rte_die "fetching the Debian $f kernel failed"
		fi
	done
	rte_source_env "$RTE_CACHE/env-common"

	run unit-tests unit_tests
	run checkpatch checkpatch
	run shellcheck shell_lint
	extra_checks
	local built=" "
	for k in $FLAVOURS; do
		f=${k%%-*}
		if [[ $built != *" $f "* ]]; then
			run "$f-module-W1-sparse-and-kselftest-build" \
				"$RTE_REPO/scripts/board/build.sh" "$f" \
				"$RTE_REPO/build/$f" || continue
			built+="$f "
		fi
		board_run "$k"
	done

	echo
	if [[ $FAILED -gt 0 ]]; then
		printf 'failed: %s\n' "${FAILURES[@]}"
	fi
	echo "check: $PASSED passed, $FAILED failed"
	[[ $FAILED -eq 0 ]]
}

main "$@"
