/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one table of the fields the tools write, read and show: the run
 * header (a log's first line, a raw file's header) and the statistics of
 * a window or a run (struct rte_report: the log's window and summary
 * lines, rt-eval-compare's rows).  A field is named once: its JSON key,
 * its C member, and, if rt-eval-compare shows it, its row and unit.
 */
#ifndef RTE_FIELDS_H
#define RTE_FIELDS_H

#include "rte_json.h"

enum rte_fkind { RTE_F_STR, RTE_F_U64, RTE_F_U32, RTE_F_BOOL, RTE_F_S32 };

/* How rt-eval-compare shows a field: not, a count, us from ns, a percent */
enum rte_fshow { RTE_SHOW_NONE, RTE_SHOW_COUNT, RTE_SHOW_US, RTE_SHOW_PCT };

/**
 * struct rte_field - one field
 * @key: its JSON key
 * @kind: its C type
 * @off: offset of the member in its struct
 * @size: a string's buffer size
 * @row: rt-eval-compare's row name, or NULL
 * @show: how that row shows it (RTE_SHOW_PCT: the "above_pct" text, and
 *	the ratio of the parts of each run's samples)
 * @order: the row's place in rt-eval-compare's table, from 1
 * @optional: files written before the field existed lack it: a missing
 *	key leaves the member as the reader set it (its "unknown" value)
 */
struct rte_field {
	const char *key;
	enum rte_fkind kind;
	size_t off;
	size_t size;
	const char *row;
	enum rte_fshow show;
	int order;
	bool optional;
};

/**
 * struct rte_fields - a table
 * @f: its fields, in the order they are written
 * @n: how many
 */
struct rte_fields {
	const struct rte_field *f;
	size_t n;
};

/* struct rte_header's fields and struct rte_report's */
extern const struct rte_fields rte_header_fields;
extern const struct rte_fields rte_report_fields;

/* The fields of @base (a struct of @t) into an open JSON object. */
void rte_fields_json(struct rte_buf *b, const struct rte_fields *t,
		     const void *base);
/* Every field of @t from @o into @base; 0, or -1 with o->err. */
int rte_fields_parse(struct rte_jobj *o, const struct rte_fields *t,
		     void *base);
/* The field of @t shown in rt-eval-compare's row @order, or NULL. */
const struct rte_field *rte_fields_row(const struct rte_fields *t, int order);
/* A u64 field's value */
static inline u64 rte_field_u64(const struct rte_field *f, const void *base)
{
	return *(const u64 *)((const char *)base + f->off);
}

#endif
