#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kselftests built natively and run on this machine, which has no
# rt_eval_tmu device (and no module): each program must skip as the
# kselftest convention asks, exit 4 (KSFT_SKIP), with one line saying what
# is missing.  TAP lines for scripts/check.sh.
set -uo pipefail
RTE_PROG=40-kselftest-skip.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
rte_source_env "$RTE_CACHE/env-common"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init kselftest-skip

if [[ -e /sys/bus/platform/drivers/rt_eval_tmu ]]; then
	echo "# this machine has rt_eval_tmu loaded: nothing to check here"
	exit 0
fi

make -s -C "$RTE_REPO/selftests" CC=gcc BUILD="$W/build" \
	KSFT_DIR="$LINUX_SRC/tools/testing/selftests" >"$W/build.log" 2>&1
rc=$?
[[ $rc == 0 ]] || cat "$W/build.log"
tap $rc "native build of the kselftests"

# expect_skip PROG WANT: PROG exits 4, its skip line names WANT
expect_skip() {
	local prog=$1 want=$2 rc line
	"$W/build/rt_eval_tmu/$prog" >"$W/$prog.out" 2>&1
	rc=$?
	line=$(grep -c '^1\.\.0 # SKIP .*'"$want" "$W/$prog.out")
	cat "$W/$prog.out"
	[[ $rc == 4 && $line == 1 ]]
	tap $? "$prog without a device: exit 4 (got $rc), one SKIP line naming $want"
}

# no module loaded, no way to load one: the lifecycle program names it
unset RT_EVAL_TMU_KO
expect_skip rt_eval_tmu_test 'no device bound to rt_eval_tmu'
expect_skip rt_eval_tmu_io 'no device bound to rt_eval_tmu'
expect_skip rt_eval_tmu_lifecycle 'module rt_eval_tmu is not loaded'
exit $FAIL
