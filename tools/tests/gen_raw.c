// SPDX-License-Identifier: GPL-2.0
/*
 * rte-gen-raw - write a --raw file of a known distribution, for the
 * checks of scripts/check.d/20-tools.sh (test fixture, not installed).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_gen.h"

static void print_usage(void)
{
	fprintf(stderr,
		"usage: rte-gen-raw OUT.raw [--dist const|uniform|bimodal|tail|spike]\n"
		"         [--samples N] [--tick-hz HZ] [--period-ticks N] [--base N]\n"
		"         [--spread N] [--seed N] [--gap-every N] [--label TEXT]\n"
		"         [--environment TEXT] [--emulated] [--thread BASE]\n"
		"         [--late-every N] [--cpus N]\n"
		"         (latencies in ticks; --cpus: sample i on CPU i %% N)\n");
	exit(2);
}

static u64 parse_number(const char *arg)
{
	u64 v;

	if (rte_parse_u64(arg, &v)) {
		fprintf(stderr, "rte-gen-raw: '%s' is not a number\n", arg);
		print_usage();
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dist", required_argument, NULL, 'd' },
		{ "samples", required_argument, NULL, 'n' },
		{ "tick-hz", required_argument, NULL, 'z' },
		{ "period-ticks", required_argument, NULL, 'p' },
		{ "base", required_argument, NULL, 'b' },
		{ "spread", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "gap-every", required_argument, NULL, 'g' },
		{ "label", required_argument, NULL, 'l' },
		{ "environment", required_argument, NULL, 'e' },
		{ "emulated", no_argument, NULL, 'E' },
		{ "thread", required_argument, NULL, 'T' },
		{ "late-every", required_argument, NULL, 'L' },
		{ "cpus", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct rte_gen g = {
		.dist = RTE_GEN_UNIFORM, .samples = 1000, .tick_hz = 33275000,
		.period_ticks = 332750, .base = 40, .spread = 20, .seed = 1,
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if (rte_gen_dist_parse(optarg, &g.dist))
				print_usage();
			break;
		case 'n':
			g.samples = parse_number(optarg);
			break;
		case 'z':
			g.tick_hz = parse_number(optarg);
			break;
		case 'p':
			g.period_ticks = (u32)parse_number(optarg);
			break;
		case 'b':
			g.base = parse_number(optarg);
			break;
		case 's':
			g.spread = parse_number(optarg);
			break;
		case 'S':
			g.seed = parse_number(optarg);
			break;
		case 'g':
			g.gap_every = parse_number(optarg);
			break;
		case 'l':
			g.label = optarg;
			break;
		case 'e':
			g.environment = optarg;
			break;
		case 'E':
			g.emulated = true;
			break;
		case 'T':
			g.thread = true;
			g.thread_base = parse_number(optarg);
			break;
		case 'L':
			g.late_every = parse_number(optarg);
			break;
		case 'c':
			g.cpus = (u32)parse_number(optarg);
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc - 1 || !g.tick_hz || !g.period_ticks)
		print_usage();
	if (rte_gen_write(argv[optind], &g, NULL)) {
		perror(argv[optind]);
		return 1;
	}
	return 0;
}
