/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The JSON the tools write and read back: one object per line.  The writer
 * appends fields to an rte_buf; the reader is json-c, strict, with the
 * lookups the file formats need.
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
void rte_json_s32(struct rte_buf *b, const char *key, s32 val);
/* "key": then the caller appends a value (an array, say) itself. */
void rte_json_key(struct rte_buf *b, const char *key);
/* "key":{ then fields, then rte_json_obj_close() for its "}". */
void rte_json_obj_open(struct rte_buf *b, const char *key);
void rte_json_obj_close(struct rte_buf *b);
void rte_json_close(struct rte_buf *b);

/* Nested arrays and objects in a line, at most */
#define RTE_JSON_MAX_DEPTH	16

struct json_object;

/**
 * struct rte_jobj - one parsed line
 * @root: the object, json-c's; rte_jobj_release() frees it
 * @err: why parsing or a lookup failed
 */
struct rte_jobj {
	struct json_object *root;
	char err[160];
};

/*
 * Parse @len bytes holding exactly one object (and white space), with
 * json-c in its strict mode: no leading zeros, no trailing commas, \u
 * escapes decoded to UTF-8 (a lone surrogate to U+FFFD); and
 * neither control characters in strings, single quotes, NaN, Infinity nor
 * integers beyond 64 bits.  0, or -1 with o->err.  A parsed line is kept
 * until the next rte_json_parse() or rte_jobj_release().
 */
int rte_json_parse(struct rte_jobj *o, const char *text, size_t len);
void rte_jobj_release(struct rte_jobj *o);

/* Lookups: 0, or -1 with o->err naming the field (missing, wrong type). */
int rte_jobj_u64(struct rte_jobj *o, const char *key, u64 *out);
int rte_jobj_u32(struct rte_jobj *o, const char *key, u32 *out);
int rte_jobj_bool(struct rte_jobj *o, const char *key, bool *out);
int rte_jobj_str(struct rte_jobj *o, const char *key, char *out, size_t len);
int rte_jobj_s32(struct rte_jobj *o, const char *key, s32 *out);
/* Is there a field @key (of any type)? */
bool rte_jobj_has(struct rte_jobj *o, const char *key);

/*
 * The object in field @key as @sub, for the same lookups; release @sub
 * with rte_jobj_release() (the line itself stays).  0, or -1 with o->err.
 */
int rte_jobj_obj(struct rte_jobj *o, const char *key, struct rte_jobj *sub);

/*
 * Walk an array of [u64, u64] pairs (the "hist" field); @fn gets each pair
 * and returns 0 to go on.  0, or -1 with o->err.
 */
int rte_jobj_pairs(struct rte_jobj *o, const char *key,
		   int (*fn)(void *ctx, u64 a, u64 b), void *ctx);

#endif
