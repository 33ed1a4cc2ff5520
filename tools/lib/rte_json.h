/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON the tools write and read back: one object per line.  The writer
 * appends fields to an rte_buf; the reader validates a whole line and
 * indexes its top-level fields, keeping nested values as text spans.
 */
#ifndef RTE_JSON_H
#define RTE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "rte_util.h"

/* Writer: rte_json_open(), fields, rte_json_close() ("}\n"). */
void rte_json_open(struct rte_buf *b, const char *type);
void rte_json_str(struct rte_buf *b, const char *key, const char *val);
void rte_json_u64(struct rte_buf *b, const char *key, u64 val);
void rte_json_bool(struct rte_buf *b, const char *key, bool val);
/* "key": then the caller appends a value (an array, say) itself. */
void rte_json_key(struct rte_buf *b, const char *key);
void rte_json_close(struct rte_buf *b);

enum rte_jtype { RTE_JSTR, RTE_JNUM, RTE_JBOOL, RTE_JNULL, RTE_JARR, RTE_JOBJ };

/**
 * struct rte_jval - one top-level value, as a span of the parsed line
 * @type: what it is
 * @start: first character (the opening quote of a string)
 * @len: length of the span
 */
struct rte_jval {
	enum rte_jtype type;
	const char *start;
	size_t len;
};

#define RTE_JSON_MAX_FIELDS	96
#define RTE_JSON_MAX_KEY	48

/**
 * struct rte_jobj - the top-level fields of one object
 * @n: fields
 * @key: their names (longer names are malformed for our files)
 * @val: their values, pointing into the parsed text
 * @err: why parsing or a lookup failed
 */
struct rte_jobj {
	int n;
	char key[RTE_JSON_MAX_FIELDS][RTE_JSON_MAX_KEY];
	struct rte_jval val[RTE_JSON_MAX_FIELDS];
	char err[160];
};

/* Parse @len bytes holding exactly one object; 0, or -1 with o->err. */
int rte_json_parse(struct rte_jobj *o, const char *text, size_t len);

/* Lookups: 0, or -1 with o->err naming the field (missing, wrong type). */
const struct rte_jval *rte_jobj_get(const struct rte_jobj *o, const char *key);
int rte_jobj_u64(struct rte_jobj *o, const char *key, u64 *out);
int rte_jobj_u32(struct rte_jobj *o, const char *key, u32 *out);
int rte_jobj_bool(struct rte_jobj *o, const char *key, bool *out);
int rte_jobj_str(struct rte_jobj *o, const char *key, char *out, size_t len);

/*
 * Walk an array of [u64, u64] pairs (the "hist" field); @fn gets each pair
 * and returns 0 to go on.  0, or -1 with o->err.
 */
int rte_jobj_pairs(struct rte_jobj *o, const char *key,
		   int (*fn)(void *ctx, u64 a, u64 b), void *ctx);

#endif
