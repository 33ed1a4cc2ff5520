#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The udev rule and the collector's unit against the live device, inside
# the emulated board (busybox sh, cwd /payload, module loaded by
# guest-check.sh).  The board has neither udev nor systemd, so this checks
# what they would see: every match key of 60-rt-eval-tmu.rules against the
# device's sysfs entry as udevadm reports it (SUBSYSTEM from the subsystem
# link, KERNEL the sysname, DEVNAME/MAJOR/MINOR from uevent), that it
# matches no other misc device, that %k makes a systemd instance name that
# needs no escaping (dev-%i.device is the device's unit), and that the
# unit's ExecStart, run by hand, measures.  Prints TAP lines; exit status 0
# only if all passed.
#
# RTE_SYSFS (default /sys), RTE_DEV (/dev), RTE_PAYLOAD (/payload) let
# this run on a fake tree (scripts/check.d/65-udev-guest.sh); ExecStart
# runs only on the real one, or with RTE_UDEV_RUN=1 (a fake collector in
# the current directory).

SYSFS=${RTE_SYSFS:-/sys}
DEVDIR=${RTE_DEV:-/dev}
PAYLOAD=${RTE_PAYLOAD:-/payload}
RULES=$PAYLOAD/60-rt-eval-tmu.rules
UNIT=$PAYLOAD/rt-eval-collect@.service
NAME=rt_eval_tmu0
TAP_PREFIX=udev
# shellcheck source=scripts/board/guest-lib.sh
. "$PAYLOAD/guest-lib.sh"

# keys RULE-LINE: one "KEY OP VALUE" line per key of the rule
keys() {
	echo "$1" | sed 's/", */"\
/g' | sed -nE 's/^ *([A-Z_]+(\{[A-Za-z_]+\})?) *(==|!=|\+=|:=|=) *"(.*)"$/\1 \3 \4/p'
}

# udev_sees SYSDIR: "SUBSYSTEM KERNEL DEVNAME MAJOR:MINOR", as udevadm
# info reports them for the device
udev_sees() {
	real=$(cd -P "$1" 2>/dev/null && pwd)
	sub=$(cd -P "$1/subsystem" 2>/dev/null && pwd)
	devname=$(sed -n 's/^DEVNAME=//p' "$1/uevent" 2>/dev/null)
	major=$(sed -n 's/^MAJOR=//p' "$1/uevent" 2>/dev/null)
	minor=$(sed -n 's/^MINOR=//p' "$1/uevent" 2>/dev/null)
	echo "${sub##*/} ${real##*/} ${devname:--} ${major:--}:${minor:--}"
}

# matches SUBSYSTEM KERNEL: 0 if every match key of the rule holds
matches() {
	ok=0
	while read -r k op v; do
		case $k in
		SUBSYSTEM) got=$1 ;;
		KERNEL) got=$2 ;;
		*) continue ;;
		esac
		# udev's globs are fnmatch(3) patterns, as case's are
		# shellcheck disable=SC2254
		case $got in
		$v) hit=1 ;;
		*) hit=0 ;;
		esac
		{ [ "$op" = "==" ] && [ $hit = 1 ]; } ||
			{ [ "$op" = "!=" ] && [ $hit = 0 ]; } || ok=1
	done <<EOF
$(keys "$rule")
EOF
	return $ok
}

rule=$(grep -v '^ *#' "$RULES" 2>/dev/null | grep .)
[ -n "$rule" ] && [ "$(echo "$rule" | wc -l)" = 1 ]
tap $? "60-rt-eval-tmu.rules is in the payload, one rule"
keys "$rule" | sed 's/^/# key: /'

# every match key is one this check evaluates (else it proves nothing)
unknown=$(keys "$rule" | awk '$2 == "==" || $2 == "!=" { print $1 }' |
	grep -vx -e SUBSYSTEM -e KERNEL)
[ -z "$unknown" ]
tap $? "the rule matches only on SUBSYSTEM and KERNEL${unknown:+ (also: $unknown)}"

dir=$SYSFS/class/misc/$NAME
seen=$(udev_sees "$dir")
echo "# udevadm would see: $seen"
# shellcheck disable=SC2086 # the fields, word split
set -- $seen
[ "$1" = misc ] && [ "$2" = "$NAME" ] && [ "$3" = "$NAME" ]
tap $? "$dir: SUBSYSTEM=$1 KERNEL=$2 DEVNAME=$3"
dev=$DEVDIR/$3
[ -c "$dev" ] &&
	[ "$(stat -c '%t:%T' "$dev" 2>/dev/null)" = "$(printf '%x:%x' "${4%%:*}" "${4##*:}" 2>/dev/null)" ]
tap $? "$dev is the character device $4 that GROUP and MODE would apply to"
matches "$1" "$2"
tap $? "every match key of the rule holds for $NAME"

others=
for d in "$SYSFS"/class/misc/*; do
	# the driver's own devices (rt_eval_tmu<N>: another TTC bound) count
	echo "${d##*/}" | grep -qx 'rt_eval_tmu[0-9][0-9]*' && continue
	[ -e "$d/uevent" ] || continue
	# shellcheck disable=SC2046 # the fields, word split
	set -- $(udev_sees "$d")
	matches "$1" "$2" && others="$others $2"
done
[ -z "$others" ]
tap $? "the rule matches no misc device but rt_eval_tmu<N>${others:+ (matches:$others)}"

# %k is the instance: systemd escapes anything but [A-Za-z0-9:_.\]
wants=$(keys "$rule" | sed -n 's/^ENV{SYSTEMD_WANTS} += //p')
inst=$(echo "$wants" | sed "s/%k/$NAME/")
echo "$NAME" | grep -qx '[A-Za-z0-9_]*' && [ "$inst" = "rt-eval-collect@$NAME.service" ] &&
	keys "$rule" | grep -qx 'TAG += systemd'
tap $? "udev wants $inst; systemd would call the device dev-$NAME.device"
grep -qx 'BindsTo=dev-%i.device' "$UNIT" && grep -qx 'DeviceAllow=/dev/%i r' "$UNIT"
tap $? "the unit binds to dev-%i.device and allows only /dev/%i"

# ExecStart as systemd would run it (%i, %H), its paths moved to /tmp,
# for 3 seconds: the options exist and the device measures
if [ "$SYSFS" != /sys ] && [ -z "${RTE_UDEV_RUN:-}" ]; then
	skip "ExecStart run by hand" "not on the board"
	exit "$fail"
fi
W=${TMPDIR:-/tmp}/udev-unit
rm -rf "$W" && mkdir -p "$W"
cmd=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$UNIT" | sed 's/\\$//' | tr -d '\n\t' |
	sed -e 's/^ExecStart=//' -e "s#%i#$NAME#g" -e "s#%H#$(hostname)#g" \
		-e "s#/var/log/rt-eval/#$W/#" -e "s#/var/lib/prometheus/node-exporter/#$W/#" \
		-e "s#^[^ ]*/rt-eval-collect #./rt-eval-collect #")
echo "# $cmd --duration 3s"
# shellcheck disable=SC2086 # the command line, word split
$cmd --duration 3s >"$W/out" 2>&1
rc=$?
cat "$W/out"
[ $rc = 0 ] && grep -q '"type":"summary"' "$W/$NAME.jsonl" &&
	grep -q '^rt_eval_irq_latency_seconds_count{' "$W/$NAME.prom"
tap $? "ExecStart run by hand for 3 s: exit $rc, the log has a summary, the textfile a histogram"
exit "$fail"
