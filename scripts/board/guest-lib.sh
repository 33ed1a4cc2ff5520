# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2034 # fail and n are for the sourcing script
#
# Sourced by the scripts that run inside the emulated board (busybox sh;
# build.sh puts this file in /payload).  Set TAP_PREFIX first, e.g.
# "board", then:
#   tap STATUS DESCRIPTION   one TAP line ("ok N PREFIX: ..." when STATUS is
#                            0, "not ok ..." otherwise) that make check
#                            counts; a failure sets fail=1 for the exit.
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
