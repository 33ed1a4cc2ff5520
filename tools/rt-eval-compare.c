// SPDX-License-Identifier: GPL-2.0
/*
 * rt-eval-compare - put finished runs side by side: one table, a column per
 * run labelled with where it ran, each run's ratio to the first, and
 * optionally their latency histograms overlaid in one gnuplot picture.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rte_fields.h"
#include "rte_fmt_text.h"
#include "rte_load.h"

#define PROG		"rt-eval-compare"
#define PLOT_DECADE_BINS	20

/**
 * struct compare - the runs and what to do with them
 * @runs: the loaded runs
 * @paths: their files
 * @n: how many
 * @plot: --plot output, or NULL
 * @title: --title, or NULL for the default
 */
struct compare {
	struct rte_loaded **runs;
	char **paths;
	int n;
	const char *plot;
	const char *title;
};

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [--plot OUT.png|OUT.svg] [--title TEXT] RUN [RUN...]\n"
		"  RUN           a --log (JSON lines) or --raw file of rt-eval-collect;\n"
		"                the first is the reference for the ratios\n"
		"  --plot FILE   overlay the runs' latency histograms (needs gnuplot)\n"
		"  --title TEXT  the plot's title\n"
		"  -h, --help    this text\n"
		"Exit status: 0 ok, 1 unreadable run or plot failure, 2 bad arguments.\n");
}

static const char *run_name(const struct compare *c, int i)
{
	const char *label = c->runs[i]->hdr.label;
	const char *base = strrchr(c->paths[i], '/');

	return label[0] ? label : base ? base + 1 : c->paths[i];
}

static bool any_emulated(const struct compare *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (c->runs[i]->hdr.env.emulated)
			return true;
	return false;
}

/* ---------------------------------------------------------------------- */
/* The table                                                               */

/*
 * The rows of numbers: the fields of a report that the field table
 * (rte_fields.c) gives a row, in its order.  Latencies are shown in
 * microseconds from the exact ns.
 */
#define NROWS	10

static const struct rte_field *row_field(int r)
{
	return rte_fields_row(&rte_report_fields, r + 1);
}

/*
 * The thread stage's rows, when a run has one: the same fields up to
 * "above threshold" (missed periods and lost samples are the IRQ stage's),
 * then its late count.
 */
#define NTHREAD_ROWS	8

static const struct rte_field thread_late = {
	"late", RTE_F_U64, offsetof(struct rte_report, late), sizeof(u64),
	"late", RTE_SHOW_COUNT, 0, false
};

static const struct rte_field *thread_row_field(int r)
{
	return r < NTHREAD_ROWS ? row_field(r) : &thread_late;
}

static bool any_thread(const struct compare *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (c->runs[i]->thread)
			return true;
	return false;
}

/* Each run's value over the first's, as "x1.23"; "x-" when undefined. */
static void ratio(char *buf, size_t len, const struct rte_field *row,
		  const struct rte_report *first, const struct rte_report *r)
{
	double a = (double)rte_field_u64(row, first), b = (double)rte_field_u64(row, r);

	if (row->show == RTE_SHOW_PCT) {	/* fractions of each run's samples */
		a = first->samples ? a / (double)first->samples : 0;
		b = r->samples ? b / (double)r->samples : 0;
	}
	if (a > 0)
		snprintf(buf, len, "x%.2f", b / a);
	else
		snprintf(buf, len, "x-");
}

static void cell(char *buf, size_t len, const struct rte_field *row,
		 const struct rte_report *r)
{
	char us[32];

	switch (row->show) {
	case RTE_SHOW_US:
		rte_fmt_us(us, sizeof(us), rte_field_u64(row, r));
		snprintf(buf, len, "%s us", us);
		break;
	case RTE_SHOW_PCT:
		snprintf(buf, len, "%s", r->above_pct);
		break;
	default:
		snprintf(buf, len, "%llu", (unsigned long long)rte_field_u64(row, r));
		break;
	}
}

#define CELL 160

/* Print rows of cells, column 0 left-aligned, the rest right-aligned. */
static void print_grid(char (*grid)[CELL], int nrows, int ncols)
{
	int r, col, width[32] = { 0 };

	for (r = 0; r < nrows; r++)
		for (col = 0; col < ncols; col++) {
			int w = (int)strlen(grid[r * ncols + col]);

			if (w > width[col])
				width[col] = w;
		}
	for (r = 0; r < nrows; r++) {
		for (col = 0; col < ncols; col++)
			printf(col ? "  %*s" : "%-*s", width[col],
			       grid[r * ncols + col]);
		printf("\n");
	}
}

#define MSG_RATIOS "\nRatios (xN) are each run over the first (%s). Percentiles: nearest rank from a log-linear histogram, within 0.4%%.\n"
#define MSG_THRESHOLDS "Thresholds differ: the \"above threshold\" row compares different limits.\n"
#define MSG_EMULATED_NOTE "* emulated: measured on an emulated board (QEMU); the figures are the emulator's, not hardware results.\n"

/* Rows from @first on: the thread stage's of each run, "-" without one */
static void thread_rows(const struct compare *c, char (*grid)[CELL],
			int ncols, int first)
{
	int i, r;

	for (r = 0; r <= NTHREAD_ROWS; r++) {
		const struct rte_field *f = thread_row_field(r);
		char *name = grid[(first + r) * ncols];

		snprintf(name, CELL, "thread %s", f->row);
		for (i = 0; i < c->n; i++) {
			int col = 1 + 2 * i - (i > 0);
			char *v = grid[(first + r) * ncols + col];
			char *x = grid[(first + r) * ncols + col + 1];

			if (c->runs[i]->thread)
				cell(v, CELL, f, &c->runs[i]->thr_rep);
			else
				snprintf(v, CELL, "-");
			if (!i)
				continue;
			if (c->runs[0]->thread && c->runs[i]->thread)
				ratio(x, CELL, f, &c->runs[0]->thr_rep,
				      &c->runs[i]->thr_rep);
			else
				snprintf(x, CELL, "x-");
		}
	}
}

/* "1, performance": where the interrupt went and its governor, or "-" */
static void irq_cell(char *buf, size_t len, const struct rte_header *h)
{
	struct rte_buf b = { 0 };

	if (!h->env.irq_cpus[0] && !h->env.cpufreq_governor[0]) {
		snprintf(buf, len, "-");	/* a file from before these facts */
		return;
	}
	rte_text_line(&b, h->env.irq_cpus[0] ? h->env.irq_cpus : "?");
	rte_buf_printf(&b, ", ");
	rte_text_line(&b, h->env.cpufreq_governor[0] ? h->env.cpufreq_governor : "?");
	snprintf(buf, len, "%s", b.p);
	rte_buf_free(&b);
}

/* Do two runs' CPU setups differ (beyond the row the table shows)? */
static bool cpus_differ(const struct rte_header *a, const struct rte_header *b)
{
	return strcmp(a->env.irq_cpus, b->env.irq_cpus) ||
	       strcmp(a->env.cpufreq_governor, b->env.cpufreq_governor) ||
	       strcmp(a->env.isolcpus, b->env.isolcpus) ||
	       strcmp(a->env.nohz_full, b->env.nohz_full) ||
	       strcmp(a->env.irqaffinity, b->env.irqaffinity) ||
	       a->dma_latency_us != b->dma_latency_us;
}

#define MSG_CPU_SETUPS "CPU setups differ (the interrupt's CPUs, kernel command line, PM QoS):\n"

/* "CPU setups differ:" and a line per run, if they do. */
static void print_cpu_setups(const struct compare *c)
{
	struct rte_buf b = { 0 };
	int i;

	for (i = 1; i < c->n; i++)
		if (cpus_differ(&c->runs[0]->hdr, &c->runs[i]->hdr))
			break;
	if (i == c->n)
		return;
	rte_buf_printf(&b, MSG_CPU_SETUPS);
	for (i = 0; i < c->n; i++) {
		rte_buf_printf(&b, "  ");
		rte_text_line(&b, run_name(c, i));
		rte_buf_printf(&b, ": ");
		rte_text_cpu_setup(&b, &c->runs[i]->hdr);
		rte_buf_printf(&b, "\n");
	}
	fputs(b.p, stdout);
	rte_buf_free(&b);
}

static void print_table(const struct compare *c)
{
	/* columns: name, then per run a value and (after the first) a ratio */
	bool thread = any_thread(c);
	int ncols = 1 + 2 * c->n - 1;
	int nrows = 7 + NROWS + (thread ? NTHREAD_ROWS + 1 : 0);
	char (*grid)[CELL] = rte_xcalloc((size_t)(nrows * ncols), CELL);
	int i, r;

	for (i = 0; i < c->n; i++) {
		const struct rte_header *h = &c->runs[i]->hdr;
		int col = 1 + 2 * i - (i > 0);
		u64 ps = rte_mul_div_round(1000, RTE_NSEC_PER_SEC, h->info.tick_hz);
		char thr[32];

		snprintf(grid[0 * ncols + col], CELL, "%s", run_name(c, i));
		snprintf(grid[1 * ncols + col], CELL, "%s%s", h->env.environment,
			 h->env.emulated ? " (emulated*)" : "");
		snprintf(grid[2 * ncols + col], CELL, "%s%s", h->env.kernel_release,
			 h->env.preempt_rt ? " (PREEMPT_RT)" : "");
		snprintf(grid[3 * ncols + col], CELL, "%llu.%03llu ns",
			 (unsigned long long)(ps / 1000), (unsigned long long)(ps % 1000));
		rte_fmt_us(thr, sizeof(thr), h->info.period_ns);
		snprintf(grid[4 * ncols + col], CELL, "%s us", thr);
		rte_fmt_us(thr, sizeof(thr), h->threshold_ns);
		snprintf(grid[5 * ncols + col], CELL, "%s us", thr);
		irq_cell(grid[6 * ncols + col], CELL, h);
		for (r = 0; r < NROWS; r++) {
			cell(grid[(7 + r) * ncols + col], CELL, row_field(r),
			     &c->runs[i]->rep);
			if (i)
				ratio(grid[(7 + r) * ncols + col + 1], CELL, row_field(r),
				      &c->runs[0]->rep, &c->runs[i]->rep);
		}
	}
	snprintf(grid[0], CELL, "run");
	for (i = 1; i < c->n; i++)
		snprintf(grid[2 * i + 1], CELL, "ratio");
	snprintf(grid[ncols], CELL, "environment");
	snprintf(grid[2 * ncols], CELL, "kernel");
	snprintf(grid[3 * ncols], CELL, "tick");
	snprintf(grid[4 * ncols], CELL, "period");
	snprintf(grid[5 * ncols], CELL, "threshold");
	snprintf(grid[6 * ncols], CELL, "IRQ CPU, cpufreq");
	for (r = 0; r < NROWS; r++)
		snprintf(grid[(7 + r) * ncols], CELL, "%s", row_field(r)->row);
	if (thread)
		thread_rows(c, grid, ncols, 7 + NROWS);
	print_grid(grid, nrows, ncols);
	free(grid);

	printf(MSG_RATIOS,
	       run_name(c, 0));
	for (i = 1; i < c->n; i++)
		if (c->runs[i]->hdr.threshold_ns != c->runs[0]->hdr.threshold_ns)
			printf(MSG_THRESHOLDS);
	print_cpu_setups(c);
	for (i = 0; i < c->n; i++)
		if (c->runs[i]->note[0])
			printf("Note: %s\n", c->runs[i]->note);
	if (any_emulated(c))
		printf(MSG_EMULATED_NOTE);
}

/* ---------------------------------------------------------------------- */
/* The plot                                                                */

/*
 * A file name as a gnuplot single-quoted string: no backquote substitution,
 * no escapes, '' for a quote.  Only our own paths (the command line's
 * --plot, $TMPDIR) are written so: text from a run's file never enters
 * the script, it is read by gnuplot as data (see plot_labels()).
 */
static void gp_path(struct rte_buf *b, const char *s)
{
	rte_buf_add(b, "'", 1);
	for (; *s; s++) {
		if (*s == '\'')
			rte_buf_add(b, "'", 1);
		if (*s != '\n')
			rte_buf_add(b, s, 1);
	}
	rte_buf_add(b, "'", 1);
}

/* Log-spaced bin of a latency in ns: bin k starts at 10^(k / PLOT_DECADE_BINS) ns. */
static int log_bin(u64 ns)
{
	return (int)floor(log10((double)(ns ? ns : 1)) * PLOT_DECADE_BINS);
}

/*
 * Re-bin each run's histogram into common log-spaced bins from @first to
 * @last: a latency range of decades stays readable on a log axis.  Each
 * run is one data block (index i) of three columns: the bin's start in us,
 * the fraction of the run's samples in it, and the fraction of samples
 * above the bin's end (the exceedance), NaN where it is 0 (log axes).
 * Runs of different lengths compare: every curve is normalised to 1.
 */
static void plot_data(const struct compare *c, struct rte_buf *d, int first,
		      int last)
{
	int nbins = last - first + 1, i, b;
	u64 *count = rte_xcalloc((size_t)nbins, sizeof(*count));

	for (i = 0; i < c->n; i++) {
		const struct rte_loaded *run = c->runs[i];
		u64 hz = run->hdr.info.tick_hz, total = 0, above;
		unsigned int k;

		memset(count, 0, (size_t)nbins * sizeof(*count));
		for (k = 0; k < RTE_HIST_BUCKETS; k++) {
			u64 t = rte_hist_mid(k);

			if (!run->hist.count[k])
				continue;
			if (t < run->rep.min)
				t = run->rep.min;
			if (t > run->rep.max)
				t = run->rep.max;
			count[log_bin(rte_ticks_to_ns(t, hz)) - first] +=
				run->hist.count[k];
			total += run->hist.count[k];
		}
		above = total;
		for (b = 0; b < nbins; b++) {
			double x = pow(10, (double)(first + b) / PLOT_DECADE_BINS) / 1000;

			above -= count[b];
			rte_buf_printf(d, "%.6g\t", x);
			if (count[b])
				rte_buf_printf(d, "%.6g\t", (double)count[b] / total);
			else
				rte_buf_printf(d, "NaN\t");
			if (above)
				rte_buf_printf(d, "%.6g\n", (double)above / total);
			else
				rte_buf_printf(d, "NaN\n");
		}
		rte_buf_printf(d, "\n\n");
	}
	free(count);
}

/*
 * The texts of the plot, one a line: the title, the line under it, then
 * each run's key.  They come from the runs' files, so gnuplot reads them as
 * data (strcol() into a variable), never as part of its command language:
 * backquotes, system() or macros in them are only text.  Each line is
 * plain UTF-8 with neither tab nor control character, after a '>' that
 * keeps it from being blank (gnuplot drops that character again).  A
 * title naming every run fits two or three runs; more get a count.
 */
static void plot_labels(const struct compare *c, struct rte_buf *l)
{
	int i;

	rte_buf_add(l, ">", 1);
	if (c->title) {
		rte_text_line(l, c->title);
	} else if (c->n > 3) {
		rte_buf_printf(l, "Interrupt latency of %d runs", c->n);
	} else {
		rte_buf_printf(l, "Interrupt latency:");
		for (i = 0; i < c->n; i++) {
			rte_buf_printf(l, "%s ", i ? " vs" : "");
			rte_text_line(l, run_name(c, i));
			rte_buf_printf(l, " (");
			rte_text_line(l, c->runs[i]->hdr.env.environment);
			rte_buf_printf(l, ")");
		}
	}
	rte_buf_printf(l, "\n>%s\n", any_emulated(c) ?
		       "emulated board (QEMU): the pipeline at work, not hardware figures" : "");
	for (i = 0; i < c->n; i++) {
		const struct rte_header *h = &c->runs[i]->hdr;
		char max[32];

		rte_fmt_us(max, sizeof(max), c->runs[i]->rep.max_ns);
		rte_buf_add(l, ">", 1);
		rte_text_line(l, run_name(c, i));
		rte_buf_printf(l, ": ");
		rte_text_line(l, h->env.environment);
		rte_buf_printf(l, "%s, %llu samples, max %s µs\n",
			       h->env.emulated ? " (emulated)" : "",
			       (unsigned long long)c->runs[i]->rep.samples, max);
	}
}

#define TERM_SVG "set terminal svg size 1000,960 dynamic noenhanced font 'sans,11' background rgb 'white'\n"
#define TERM_PNG "set terminal pngcairo size 1000,960 noenhanced font 'sans,10'\n"

#define GP_VLINE	"set arrow from %.6g, graph 0 to %.6g, graph 1 nohead linewidth 1.5 "
#define GP_GREY		"linecolor rgb '#606060'"
#define GP_THR_LABEL	"set label 'threshold %.6g µs' at %.6g, graph 0.94 left offset 0.5,0"

/*
 * Vertical markers: each distinct threshold (dashed, grey, labelled), and
 * each run's largest latency (dotted, in the run's colour).  Only numbers
 * of ours enter the script.
 */
static void plot_markers(const struct compare *c, struct rte_buf *s)
{
	int i, j;

	for (i = 0; i < c->n; i++) {
		u64 thr = c->runs[i]->hdr.threshold_ns;

		for (j = 0; j < i; j++)
			if (c->runs[j]->hdr.threshold_ns == thr)
				break;
		if (j < i || !thr)
			continue;
		rte_buf_printf(s, GP_VLINE "dashtype 2 " GP_GREY "\n",
			       thr / 1000.0, thr / 1000.0);
		rte_buf_printf(s, GP_THR_LABEL "\n", thr / 1000.0, thr / 1000.0);
	}
	for (i = 0; i < c->n; i++) {
		double max = c->runs[i]->rep.max_ns / 1000.0;

		if (!c->runs[i]->rep.samples)
			continue;
		rte_buf_printf(s, GP_VLINE "dashtype 3 linecolor %d\n", max, max,
			       i + 1);
	}
}

static void plot_script(const struct compare *c, struct rte_buf *s,
			const char *data, const char *labels)
{
	const char *ext = strrchr(c->plot, '.');
	bool svg = ext && !strcmp(ext, ".svg");
	int i;

	rte_buf_printf(s, "set encoding utf8\n");
	rte_buf_printf(s, "%s", svg ? TERM_SVG : TERM_PNG);
	rte_buf_printf(s, "set output ");
	gp_path(s, c->plot);
	rte_buf_printf(s, "\nset datafile separator \"\\t\"\nset datafile commentschars \"\"\n");
	for (i = 0; i <= c->n + 1; i++) {
		rte_buf_printf(s, "stats ");
		gp_path(s, labels);
		rte_buf_printf(s, " every ::%d::%d using (text%d = strcol(1)[2:], 0) nooutput\n",
			       i, i, i);
	}
	/* two panels over one x axis; the keys below, one line a run */
	rte_buf_printf(s, "ttl = text0 . (strlen(text1) ? \"\\n\" . text1 : \"\")\n"
		       "set multiplot title ttl font ',13'\n"
		       "set logscale xy\nset format x '%%g'\nset format y '%%g'\nset grid\n"
		       "set lmargin 12\nset rmargin 4\nset style data steps\n");
	plot_markers(c, s);
	rte_buf_printf(s, "set size 1, 0.42\nset origin 0, 0.5\nunset key\n"
		       "set xlabel 'latency (µs, log scale; %d bins per decade)'\n"
		       "set ylabel 'fraction of samples per bin'\nplot ",
		       PLOT_DECADE_BINS);
	for (i = 0; i < c->n; i++) {
		rte_buf_printf(s, "%s", i ? ", \\\n     " : "");
		gp_path(s, data);
		rte_buf_printf(s, " index %d using 1:2 linewidth 2 linecolor %d", i, i + 1);
	}
	rte_buf_printf(s, "\nset size 1, 0.5\nset origin 0, 0\nset bmargin %d\n"
		       "set key at screen 0.02, screen 0.01 left bottom Left reverse maxrows %d font ',9' samplen 2 width 2\n"
		       "set xlabel 'latency x (µs, log scale)'\n"
		       "set ylabel 'fraction of samples above x'\nset style data lines\nplot ",
		       4 + c->n, c->n);
	for (i = 0; i < c->n; i++) {
		rte_buf_printf(s, "%s", i ? ", \\\n     " : "");
		gp_path(s, data);
		rte_buf_printf(s, " index %d using 1:3 linewidth 2 linecolor %d title text%d",
			       i, i + 1, i + 2);
	}
	rte_buf_printf(s, "\nunset multiplot\n");
}

static int write_file(const char *path, const struct rte_buf *b)
{
	FILE *f = fopen(path, "we");
	int ret;

	if (!f)
		return -1;
	ret = fwrite(b->p, 1, b->len, f) == b->len ? 0 : -1;
	return fclose(f) || ret ? -1 : 0;
}

static int run_gnuplot(const char *script)
{
	char *argv[3];
	int status, err;
	pid_t pid;

	argv[0] = "gnuplot";
	argv[1] = (char *)script;
	argv[2] = NULL;
	err = posix_spawnp(&pid, "gnuplot", NULL, NULL, argv, environ);

	if (err) {
		fprintf(stderr, PROG ": cannot run gnuplot: %s%s\n", strerror(err),
			err == ENOENT ? " (install it: apt-get install gnuplot-nox)" : "");
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, PROG ": gnuplot failed on %s\n", script);
		return -1;
	}
	return 0;
}

/*
 * Where the picture goes must be a directory we may write in, and the
 * picture, if it exists, a regular file: say so ourselves rather than
 * leave it to gnuplot's message about a temporary script.
 */
static int plot_target_ok(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	struct stat st;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, PROG ": --plot %s: no directory %s: create it first\n",
			path, dir);
		return -1;
	}
	if (access(dir, W_OK)) {
		fprintf(stderr, PROG ": --plot %s: cannot write in %s: %s\n", path,
			dir, strerror(errno));
		return -1;
	}
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		fprintf(stderr, PROG ": --plot %s: exists and is not a regular file\n",
			path);
		return -1;
	}
	return 0;
}

static int draw_plot(const struct compare *c)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[4096], data[4200], script[4200], labels[4200];
	struct rte_buf d = { 0 }, s = { 0 }, l = { 0 };
	int i, ret, first = INT_MAX, last = 0;
	struct stat st;

	for (i = 0; i < c->n; i++) {
		const struct rte_report *r = &c->runs[i]->rep;

		if (r->samples && log_bin(r->min_ns) - 1 < first)
			first = log_bin(r->min_ns) - 1;
		if (log_bin(r->max_ns) + 1 > last)
			last = log_bin(r->max_ns) + 1;
	}
	if (first > last)
		first = 0;	/* no samples at all */
	if (plot_target_ok(c->plot))
		return -1;

	snprintf(dir, sizeof(dir), "%s/" PROG ".XXXXXX", tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
		return -1;
	}
	snprintf(data, sizeof(data), "%s/runs.dat", dir);
	snprintf(script, sizeof(script), "%s/plot.gp", dir);
	snprintf(labels, sizeof(labels), "%s/labels.txt", dir);
	plot_data(c, &d, first, last);
	plot_labels(c, &l);
	plot_script(c, &s, data, labels);
	ret = write_file(data, &d) || write_file(labels, &l) ||
	      write_file(script, &s) ? -1 : 0;
	if (ret)
		fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
	else
		ret = run_gnuplot(script);
	if (!ret && (stat(c->plot, &st) || !st.st_size)) {
		fprintf(stderr, PROG ": gnuplot wrote no %s\n", c->plot);
		ret = -1;
	}
	unlink(data);
	unlink(labels);
	unlink(script);
	rmdir(dir);
	rte_buf_free(&d);
	rte_buf_free(&s);
	rte_buf_free(&l);
	return ret;
}

/* ---------------------------------------------------------------------- */

static void parse_args(struct compare *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "plot", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ext;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			c->plot = optarg;
			break;
		case 't':
			c->title = optarg;
			break;
		case 'h':
			print_usage(stdout);
			exit(0);
		default:
			fprintf(stderr, PROG ": %s '%s'\n", ch == ':' ?
				"missing value for" : "unknown option", argv[optind - 1]);
			print_usage(stderr);
			exit(2);
		}
	}
	c->n = argc - optind;
	c->paths = argv + optind;
	ext = c->plot ? strrchr(c->plot, '.') : NULL;
	if (c->plot && (!ext || (strcmp(ext, ".png") && strcmp(ext, ".svg")))) {
		fprintf(stderr, PROG ": --plot %s: the name must end in .png or .svg\n", c->plot);
		print_usage(stderr);
		exit(2);
	}
	if (c->n < 1 || c->n > 8) {
		fprintf(stderr, PROG ": expected 1 to 8 runs, got %d\n", c->n);
		print_usage(stderr);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct compare c = { 0 };
	char err[512];
	int i, status = 0;

	parse_args(&c, argc, argv);
	c.runs = rte_xcalloc((size_t)c.n, sizeof(*c.runs));
	for (i = 0; i < c.n; i++) {
		c.runs[i] = rte_xcalloc(1, sizeof(*c.runs[i]));
		if (rte_load(c.paths[i], c.runs[i], err, sizeof(err))) {
			fprintf(stderr, PROG ": %s\n", err);
			status = 1;
		}
	}
	if (!status) {
		print_table(&c);
		if (c.plot && draw_plot(&c))
			status = 1;
	}
	for (i = 0; i < c.n; i++)
		free(c.runs[i]);
	free(c.runs);
	return status;
}
