// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs and interrupts of a run: see rte_env.h.  Every file is read under a
 * root directory ("" for the running system) so that the unit tests can
 * feed fake /proc and /sys trees.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_env.h"

/* A decimal CPU number below RTE_MAX_CPUS at *p; -1 if none. */
static long rte_cpu_num(const char **p)
{
	long v = 0;

	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		if (v >= RTE_MAX_CPUS)
			return -1;
		(*p)++;
	}
	return v;
}

int rte_cpulist_parse(const char *text, struct rte_cpuset *s)
{
	const char *p = text;

	memset(s, 0, sizeof(*s));
	while (*p == ' ' || *p == '\n')
		p++;
	while (*p && *p != '\n') {
		long a = rte_cpu_num(&p), b = a, i;

		if (a < 0)
			return -1;
		if (*p == '-') {
			p++;
			b = rte_cpu_num(&p);
			if (b < a)
				return -1;
		}
		for (i = a; i <= b; i++)
			s->bits[i / 64] |= 1ULL << (i % 64);
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -1;
	}
	return 0;
}

/* '-' and '_' are the same in a parameter's name, as the kernel has it. */
static bool rte_param_eq(const char *a, size_t n, const char *key)
{
	size_t i;

	if (strlen(key) != n)
		return false;
	for (i = 0; i < n; i++) {
		char x = a[i] == '-' ? '_' : a[i];
		char y = key[i] == '-' ? '_' : key[i];

		if (x != y)
			return false;
	}
	return true;
}

/*
 * Copy @n bytes of untrusted text into @out (which may be @s): whole UTF-8
 * characters that fit, '?' for other bytes and control characters.
 */
static void rte_copy_text(char *out, size_t len, const char *s, size_t n)
{
	size_t o = 0, k;

	while (n) {
		k = rte_utf8_len(s, n);
		if (k == 1 && ((unsigned char)*s < 0x20 || *s == 0x7f))
			k = 0;
		if (!k) {		/* not UTF-8, or a control character */
			if (o + 1 >= len)
				break;
			out[o++] = '?';
			s++;
			n--;
			continue;
		}
		if (o + k >= len)
			break;
		memmove(out + o, s, k);
		o += k;
		s += k;
		n -= k;
	}
	out[o] = '\0';
}

bool rte_cmdline_param(const char *cmdline, const char *key, char *out,
		       size_t len)
{
	const char *p = cmdline;
	bool found = false;

	out[0] = '\0';
	for (;;) {
		const char *tok, *end, *eq, *val;
		bool quoted = false;

		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		tok = p;
		for (; *p && (quoted || !isspace((unsigned char)*p)); p++)
			if (*p == '"')
				quoted = !quoted;
		end = p;
		/* "--": the rest is for init */
		if (end - tok == 2 && tok[0] == '-' && tok[1] == '-')
			break;
		if (*tok == '"') {
			tok++;
			if (end > tok && end[-1] == '"')
				end--;
		}
		eq = memchr(tok, '=', (size_t)(end - tok));
		if (!eq || !rte_param_eq(tok, (size_t)(eq - tok), key))
			continue;
		val = eq + 1;
		if (val < end && *val == '"') {
			val++;
			if (end > val && end[-1] == '"')
				end--;
		}
		rte_copy_text(out, len, val, (size_t)(end - val));
		found = true;
	}
	return found;
}

/* Is @name one of the comma-separated names of @list? */
static bool rte_in_list(const char *list, const char *name, const char *seps)
{
	size_t n = strlen(name);
	const char *p = list;

	while (*p) {
		size_t k;

		p += strspn(p, seps);
		k = strcspn(p, seps);
		if (k == n && !memcmp(p, name, n))
			return true;
		p += k;
	}
	return false;
}

/* /sys/kernel/irq/N/actions (CONFIG_SPARSE_IRQ): the lowest match, or 0. */
static u32 rte_irq_find_sys(const char *root, const char *name)
{
	char dir[512], path[320], actions[512];
	struct dirent *d;
	u32 best = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/sys/kernel/irq", root);
	dp = opendir(dir);
	if (!dp)
		return 0;
	while ((d = readdir(dp))) {
		u64 irq;

		if (rte_parse_u64(d->d_name, &irq) || !irq || irq > U32_MAX ||
		    (best && irq >= best))
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/irq/%s/actions", d->d_name);
		rte_read_text_at(root, path, actions, sizeof(actions));
		if (rte_in_list(actions, name, ",\n"))
			best = (u32)irq;
	}
	closedir(dp);
	return best;
}

/*
 * /proc/interrupts: "  45:  1203  0  GICv2  74 Level  rt_eval_tmu0"; the
 * names of a line's actions end it, after the counts, the chip, the
 * hardware number and the trigger.
 */
static u32 rte_irq_find_proc(const char *root, const char *name)
{
	char full[512], *line = NULL;
	size_t cap = 0;
	u32 best = 0;
	FILE *f;

	snprintf(full, sizeof(full), "%s/proc/interrupts", root);
	f = fopen(full, "re");
	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		char *p = line, *colon;
		u64 irq;

		while (*p == ' ')
			p++;
		colon = strchr(p, ':');
		if (!colon)
			continue;
		*colon = '\0';
		if (rte_parse_u64(p, &irq) || !irq || irq > U32_MAX ||
		    (best && irq >= best))
			continue;
		if (rte_in_list(colon + 1, name, ", \t\n"))
			best = (u32)irq;
	}
	free(line);
	fclose(f);
	return best;
}

u32 rte_irq_find(const char *root, const char *name)
{
	u32 irq;

	if (!name || !name[0])
		return 0;
	irq = rte_irq_find_sys(root, name);
	return irq ? irq : rte_irq_find_proc(root, name);
}

void rte_irq_cpus(const char *root, u32 irq, char *out, size_t len)
{
	char path[64], text[256];
	struct rte_cpuset s;

	out[0] = '\0';
	if (!irq)
		return;
	snprintf(path, sizeof(path), "/proc/irq/%u/effective_affinity_list", irq);
	rte_read_text_at(root, path, text, sizeof(text));
	if (!text[0]) {
		snprintf(path, sizeof(path), "/proc/irq/%u/smp_affinity_list", irq);
		rte_read_text_at(root, path, text, sizeof(text));
	}
	/* only a well-formed list is recorded */
	if (!rte_cpulist_parse(text, &s))
		rte_copy(out, len, text);
}

void rte_cpufreq_governor(const char *root, const char *cpus, char *out,
			  size_t len)
{
	char online[256], path[96], gov[32];
	struct rte_cpuset s;
	bool first = true;
	u32 cpu;

	if (!cpus[0] || rte_cpulist_parse(cpus, &s)) {
		rte_read_text_at(root, "/sys/devices/system/cpu/online", online,
				 sizeof(online));
		if (rte_cpulist_parse(online, &s))
			memset(&s, 0, sizeof(s));
	}
	rte_copy(out, len, "none");
	for (cpu = 0; cpu < RTE_MAX_CPUS; cpu++) {
		if (!rte_cpuset_has(&s, cpu))
			continue;
		snprintf(path, sizeof(path),
			 "/sys/devices/system/cpu/cpu%u/cpufreq/scaling_governor", cpu);
		rte_read_text_at(root, path, gov, sizeof(gov));
		rte_copy_text(gov, sizeof(gov), gov, strlen(gov));
		if (!gov[0])
			rte_copy(gov, sizeof(gov), "none");
		if (first)
			rte_copy(out, len, gov);
		else if (strcmp(out, gov))
			rte_copy(out, len, "mixed");
		first = false;
	}
}

void rte_env_detect_cpus(struct rte_env *env, const char *root,
			 const char *irq_name)
{
	char cmdline[4097];

	env->irq = rte_irq_find(root, irq_name);
	rte_irq_cpus(root, env->irq, env->irq_cpus, sizeof(env->irq_cpus));
	rte_read_text_at(root, "/proc/cmdline", cmdline, sizeof(cmdline));
	rte_cmdline_param(cmdline, "isolcpus", env->isolcpus, sizeof(env->isolcpus));
	rte_cmdline_param(cmdline, "nohz_full", env->nohz_full, sizeof(env->nohz_full));
	rte_cmdline_param(cmdline, "irqaffinity", env->irqaffinity,
			  sizeof(env->irqaffinity));
	rte_cpufreq_governor(root, env->irq_cpus, env->cpufreq_governor,
			     sizeof(env->cpufreq_governor));
}
