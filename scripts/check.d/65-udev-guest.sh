#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/board/guest.d/udev.sh on this machine, under Debian's busybox
# (the board's version, built for this machine: its sh and applets), against fake sysfs and /dev trees laid out
# as the kernel lays out a misc device: it must pass on the right tree and
# fail when the rule or the tree is wrong.  The board runs it against the
# real device.  TAP lines for scripts/check.sh.
set -uo pipefail
RTE_PROG=65-udev-guest.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init udev-guest

# misc_dev ROOT NAME MINOR [SUBSYSTEM]: /sys/devices/virtual/misc/NAME,
# its class link, and /dev/NAME (10:MINOR)
misc_dev() {
	local root=$1 name=$2 minor=$3 sub=${4:-misc}
	local d=$root/sys/devices/virtual/misc/$name
	mkdir -p "$d" "$root/sys/class/$sub" "$root/sys/class/misc" "$root/dev"
	printf 'MAJOR=10\nMINOR=%s\nDEVNAME=%s\n' "$minor" "$name" >"$d/uevent"
	ln -s "../../../../class/$sub" "$d/subsystem"
	ln -s "../../devices/virtual/misc/$name" "$root/sys/class/misc/$name"
	mknod "$root/dev/$name" c 10 "$minor"
}

# tree NAME [RULE]: a board tree and payload; RULE replaces the rule line
tree() {
	local t=$W/$1
	mkdir -p "$t/payload"
	cp "$RTE_REPO/scripts/board/guest-lib.sh" "$RTE_REPO/tools/rt-eval-collect@.service" \
		"$t/payload/"
	if [[ $# -ge 2 ]]; then
		printf '%s\n' "$2" >"$t/payload/60-rt-eval-tmu.rules"
	else
		cp "$RTE_REPO/udev/60-rt-eval-tmu.rules" "$t/payload/"
	fi
	printf '%s\n' "$FAKE_COLLECT" >"$t/payload/rt-eval-collect"
	chmod +x "$t/payload/rt-eval-collect"
	misc_dev "$t" vga_arbiter 127
	misc_dev "$t" rt_eval_tmux 120
	misc_dev "$t" rt_eval_tmu1 119
}

# guest NAME: the guest script on tree NAME, in its payload directory
# with a fake collector; its output in NAME.log
guest() {
	local t=$W/$1
	(cd "$t/payload" && PATH=$W/bb RTE_SYSFS=$t/sys RTE_DEV=$t/dev \
		RTE_PAYLOAD=$t/payload RTE_UDEV_RUN=1 TMPDIR=$t \
		"$W/bb/sh" "$RTE_REPO/scripts/board/guest.d/udev.sh") >"$W/$1.log" 2>&1
}

# A stand-in for rt-eval-collect: it records its arguments and writes
# what the real one would to --log and --prom.
# shellcheck disable=SC2016 # expanded by the fake's own shell
FAKE_COLLECT='#!/bin/sh
echo "$*" >args
while [ $# -gt 0 ]; do
	case $1 in
	--log) echo "{\"type\":\"summary\"}" >"$2" ;;
	--prom) echo "rt_eval_irq_latency_seconds_count{device=\"x\"} 1" >"$2" ;;
	esac
	shift
done'


main() {
	local rule rc
	rte_need_cmd mknod busybox
	mkdir -p "$W/bb"
	busybox --install -s "$W/bb"
	[[ -x $W/bb/sh && -x $W/bb/sed && -x $W/bb/stat ]]
	tap $? "$(busybox | head -n1 | cut -d' ' -f1-2) as sh and applets"

	tree good
	misc_dev "$W/good" rt_eval_tmu0 121
	guest good
	rc=$?
	sed 's/^/# /' "$W/good.log"
	[[ $rc == 0 ]] && ! grep -q '^not ok' "$W/good.log" &&
		[[ $(grep -c '^ok ' "$W/good.log") -ge 9 ]]
	tap $? "udev.sh passes on a tree like the board's (exit $rc)"
	grep -qx -- "--quiet --device /dev/rt_eval_tmu0 --label [^ ]* --log $W/good/udev-unit/rt_eval_tmu0.jsonl --prom $W/good/udev-unit/rt_eval_tmu0.prom --duration 3s" \
		"$W/good/payload/args"
	tap $? "it runs the unit's ExecStart with %i and %H expanded: $(cat "$W/good/payload/args" 2>/dev/null)"

	# the rule or the device wrong: each must fail the script
	rule=$(grep -v '^#' "$RTE_REPO/udev/60-rt-eval-tmu.rules")
	tree glob "${rule/rt_eval_tmu\[0-9\]\*/rt_eval_tmu*}"
	misc_dev "$W/glob" rt_eval_tmu0 121
	! guest glob && grep -q '^not ok .*matches no misc device but rt_eval_tmu<N> (matches: rt_eval_tmux)' "$W/glob.log"
	tap $? "a KERNEL glob that also takes rt_eval_tmux fails"

	tree subsys "${rule/SUBSYSTEM==\"misc\"/SUBSYSTEM==\"tty\"}"
	misc_dev "$W/subsys" rt_eval_tmu0 121
	! guest subsys && grep -q '^not ok .*every match key of the rule holds' "$W/subsys.log"
	tap $? "a rule for another subsystem fails"

	local attr='ATTR{foo}=="1", KERNEL=='
	tree attr "${rule/KERNEL==/$attr}"
	misc_dev "$W/attr" rt_eval_tmu0 121
	! guest attr && grep -q '^not ok .*only on SUBSYSTEM and KERNEL' "$W/attr.log"
	tap $? "a match key the script cannot evaluate fails"

	tree wants "${rule/@%k.service/@%k-x.service}"
	misc_dev "$W/wants" rt_eval_tmu0 121
	! guest wants && grep -q '^not ok .*udev wants' "$W/wants.log"
	tap $? "SYSTEMD_WANTS naming another unit fails"

	tree nodev
	misc_dev "$W/nodev" rt_eval_tmu0 121
	rm "$W/nodev/dev/rt_eval_tmu0"
	mknod "$W/nodev/dev/rt_eval_tmu0" c 10 99
	! guest nodev && grep -q '^not ok .*is the character device' "$W/nodev.log"
	tap $? "a /dev node that is not the sysfs device's major:minor fails"
	exit $FAIL
}

main "$@"
