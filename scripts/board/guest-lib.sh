# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2034 # fail and n are for the sourcing script
#
# Sourced by the scripts that run inside the emulated board (busybox sh;
# build.sh puts this file in /payload).  Set TAP_PREFIX first, e.g.
# "board", then:
#   tap STATUS DESCRIPTION   one TAP line ("ok N PREFIX: ..." when STATUS is
#                            0, "not ok ..." otherwise) that make check
#                            counts; a failure sets fail=1 for the exit.
#   skip DESCRIPTION WHY     an "ok N PREFIX: ... # SKIP WHY" line for a
#                            check this kernel or board cannot run
#   run_kselftests           the installed kselftests, as on a board
fail=0
n=0
tap() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n ${TAP_PREFIX:-guest}: $2"
	else
		echo "not ok $n ${TAP_PREFIX:-guest}: $2"
		fail=1
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n ${TAP_PREFIX:-guest}: $1 # SKIP $2"
}

# The kselftests, installed and run as on a board; the lifecycle tests
# reload the module from /payload.  Two busybox quirks: its timeout lacks
# the --foreground kselftest's runner passes, and its sh opens the runner's
# "4>>/dev/stdout" inside a pipe, so run without timeout and with -s (the
# log goes to kselftest/output.log), then show each test's TAP line at top
# level so that make check counts it.  0 if all three programs passed.
run_kselftests() {
	rm -f /usr/bin/timeout
	RT_EVAL_TMU_KO=/payload/rt_eval_tmu.ko RT_EVAL_TMU_PARAMS=ring_records=256 \
		./kselftest/run_kselftest.sh -s >/tmp/kselftest.out 2>&1
	sed -e 's/^# ok /ok /' -e 's/^# not ok /not ok /' kselftest/output.log
	cat /tmp/kselftest.out
	[ "$(grep -c '^ok .* selftests: rt_eval_tmu: ' /tmp/kselftest.out)" = 3 ]
}
