// SPDX-License-Identifier: GPL-2.0
/* One-object-per-line JSON writer and reader: see rte_json.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "rte_json.h"

/* ---------------------------------------------------------------------- */
/* Writer                                                                  */

static void rte_json_sep(struct rte_buf *b)
{
	if (b->len && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[')
		rte_buf_add(b, ",", 1);
}

/* A JSON string; bytes that are not UTF-8 become U+FFFD, escaped. */
static void rte_json_quoted(struct rte_buf *b, const char *s)
{
	size_t left = strlen(s), n;

	rte_buf_add(b, "\"", 1);
	for (; left; s += n, left -= n) {
		unsigned char c = (unsigned char)*s;

		n = 1;
		if (c == '"' || c == '\\')
			rte_buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			rte_buf_printf(b, "\\u%04x", c);
		else if (c < 0x80)
			rte_buf_add(b, s, 1);
		else
			n = rte_buf_add_utf8(b, s, left, "\\ufffd");
	}
	rte_buf_add(b, "\"", 1);
}

void rte_json_open(struct rte_buf *b, const char *type)
{
	rte_buf_add(b, "{", 1);
	rte_json_str(b, "type", type);
}

void rte_json_key(struct rte_buf *b, const char *key)
{
	rte_json_sep(b);
	rte_json_quoted(b, key);
	rte_buf_add(b, ":", 1);
}

void rte_json_obj_open(struct rte_buf *b, const char *key)
{
	rte_json_key(b, key);
	rte_buf_add(b, "{", 1);
}

void rte_json_obj_close(struct rte_buf *b)
{
	rte_buf_add(b, "}", 1);
}

void rte_json_str(struct rte_buf *b, const char *key, const char *val)
{
	rte_json_key(b, key);
	rte_json_quoted(b, val);
}

void rte_json_u64(struct rte_buf *b, const char *key, u64 val)
{
	char digits[20];
	size_t n = sizeof(digits);

	rte_json_key(b, key);
	do {
		digits[--n] = (char)('0' + val % 10);
		val /= 10;
	} while (val);
	rte_buf_add(b, digits + n, sizeof(digits) - n);
}

void rte_json_s32(struct rte_buf *b, const char *key, s32 val)
{
	rte_json_key(b, key);
	rte_buf_printf(b, "%d", (int)val);
}

void rte_json_bool(struct rte_buf *b, const char *key, bool val)
{
	rte_json_key(b, key);
	rte_buf_printf(b, "%s", val ? "true" : "false");
}

void rte_json_close(struct rte_buf *b)
{
	rte_buf_add(b, "}\n", 2);
}

/* ---------------------------------------------------------------------- */
/* Reader: json-c, strict, behind a check of what json-c lets through      */

static int rte_jfail(struct rte_jobj *o, size_t col, const char *what)
{
	snprintf(o->err, sizeof(o->err), "malformed JSON at column %zu: %s",
		 col + 1, what);
	return -1;
}

/*
 * What json-c accepts even with JSON_TOKENER_STRICT and our files never
 * hold: leading zeros after a minus sign, control characters inside
 * strings, single quotes, NaN and Infinity, and integers beyond 64 bits
 * (json-c saturates them).
 */
static int rte_jlex(struct rte_jobj *o, const char *s, size_t len)
{
	bool in_str = false;
	u64 v = 0;
	bool digits = false;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (in_str) {
			if (c < 0x20)
				return rte_jfail(o, i, "control character in a string");
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c >= '0' && c <= '9') {
			/* 01, -01: json-c takes them even when strict */
			if (!digits && c == '0' && i + 1 < len &&
			    s[i + 1] >= '0' && s[i + 1] <= '9' &&
			    (!i || !strchr(".eE+", s[i - 1])))
				return rte_jfail(o, i, "a number with a leading zero");
			if (digits && v > (U64_MAX - (c - '0')) / 10)
				return rte_jfail(o, i, "number out of range");
			v = (digits ? v * 10 : 0) + (c - '0');
			digits = true;
			continue;
		}
		digits = false;
		if (c == '"')
			in_str = true;
		else if (c >= 0x80 || c == '\'' ||
			 ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' &&
			  !strchr("truefalsnE", c)))
			return rte_jfail(o, i, "unexpected character");
	}
	return 0;
}

void rte_jobj_release(struct rte_jobj *o)
{
	json_object_put(o->root);
	o->root = NULL;
}

int rte_json_parse(struct rte_jobj *o, const char *text, size_t len)
{
	struct json_tokener *tok;
	enum json_tokener_error e;
	size_t i = 0, end;

	rte_jobj_release(o);
	o->err[0] = '\0';
	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	if (i >= len) {
		snprintf(o->err, sizeof(o->err),
			 "truncated JSON: expected '{' at the end of the line");
		return -1;
	}
	if (text[i] != '{')
		return rte_jfail(o, i, "expected '{'");
	if (rte_jlex(o, text, len))
		return -1;
	/* json-c's depth counts the top level: 16 nested values at most */
	tok = json_tokener_new_ex(RTE_JSON_MAX_DEPTH + 1);
	if (!tok) {
		fprintf(stderr, "out of memory (JSON parser)\n");
		abort();
	}
	/* not JSON_TOKENER_VALIDATE_UTF8: a label that is not UTF-8 is read
	 * as it is and written back with U+FFFD (rte_json_str())
	 */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o->root = json_tokener_parse_ex(tok, text, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (e == json_tokener_continue) {
		snprintf(o->err, sizeof(o->err),
			 "truncated JSON: the object is not closed at the end of the line");
		return -1;
	}
	if (e != json_tokener_success || !o->root)
		return rte_jfail(o, end, json_tokener_error_desc(e));
	for (i = end; i < len; i++)
		if (!strchr(" \t\r\n", text[i]) || !text[i]) {
			rte_jobj_release(o);
			return rte_jfail(o, i, "text after the object");
		}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                 */

static struct json_object *rte_jobj_want(struct rte_jobj *o, const char *key,
					 enum json_type type, const char *what)
{
	struct json_object *v;

	if (!o->root || !json_object_object_get_ex(o->root, key, &v))
		snprintf(o->err, sizeof(o->err), "field \"%s\" is missing", key);
	else if (!json_object_is_type(v, type))
		snprintf(o->err, sizeof(o->err), "field \"%s\" is not %s",
			 key, what);
	else
		return v;
	return NULL;
}

/* An integer value >= 0 (json-c keeps those above 2^63 as unsigned). */
static int rte_jval_u64(struct json_object *v, u64 *out)
{
	if (!json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return -1;
	*out = json_object_get_uint64(v);
	return 0;
}

int rte_jobj_u64(struct rte_jobj *o, const char *key, u64 *out)
{
	const char *what = "an unsigned 64-bit integer";
	struct json_object *v = rte_jobj_want(o, key, json_type_int, what);

	if (!v)
		return -1;
	if (rte_jval_u64(v, out)) {
		snprintf(o->err, sizeof(o->err), "field \"%s\" is not %s",
			 key, what);
		return -1;
	}
	return 0;
}

int rte_jobj_u32(struct rte_jobj *o, const char *key, u32 *out)
{
	u64 v;

	if (rte_jobj_u64(o, key, &v))
		return -1;
	if (v > U32_MAX) {
		snprintf(o->err, sizeof(o->err), "field \"%s\" is too large",
			 key);
		return -1;
	}
	*out = (u32)v;
	return 0;
}

int rte_jobj_s32(struct rte_jobj *o, const char *key, s32 *out)
{
	struct json_object *v = rte_jobj_want(o, key, json_type_int,
					      "a signed 32-bit integer");
	s64 x;

	if (!v)
		return -1;
	x = json_object_get_int64(v);
	if (x < INT32_MIN || x > INT32_MAX) {
		snprintf(o->err, sizeof(o->err),
			 "field \"%s\" is not a signed 32-bit integer", key);
		return -1;
	}
	*out = (s32)x;
	return 0;
}

bool rte_jobj_has(struct rte_jobj *o, const char *key)
{
	return o->root && json_object_object_get_ex(o->root, key, NULL);
}

int rte_jobj_bool(struct rte_jobj *o, const char *key, bool *out)
{
	struct json_object *v = rte_jobj_want(o, key, json_type_boolean,
					      "true or false");

	if (!v)
		return -1;
	*out = json_object_get_boolean(v);
	return 0;
}

int rte_jobj_str(struct rte_jobj *o, const char *key, char *out, size_t len)
{
	struct json_object *v = rte_jobj_want(o, key, json_type_string,
					      "a string");
	size_t n;

	if (!v)
		return -1;
	n = (size_t)json_object_get_string_len(v);
	if (n >= len) {
		snprintf(o->err, sizeof(o->err),
			 "field \"%s\" is longer than %zu characters",
			 key, len - 1);
		return -1;
	}
	memcpy(out, json_object_get_string(v), n);
	out[n] = '\0';
	return 0;
}

int rte_jobj_obj(struct rte_jobj *o, const char *key, struct rte_jobj *sub)
{
	struct json_object *v = rte_jobj_want(o, key, json_type_object,
					      "an object");

	sub->root = NULL;
	sub->err[0] = '\0';
	if (!v)
		return -1;
	sub->root = json_object_get(v);	/* a reference of its own */
	return 0;
}

int rte_jobj_pairs(struct rte_jobj *o, const char *key,
		   int (*fn)(void *ctx, u64 a, u64 b), void *ctx)
{
	const char *what = "an array of [value, count] pairs";
	struct json_object *v = rte_jobj_want(o, key, json_type_array, what);
	size_t i, n;

	if (!v)
		return -1;
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		struct json_object *p = json_object_array_get_idx(v, i);
		u64 a, b;

		if (!json_object_is_type(p, json_type_array) ||
		    json_object_array_length(p) != 2 ||
		    rte_jval_u64(json_object_array_get_idx(p, 0), &a) ||
		    rte_jval_u64(json_object_array_get_idx(p, 1), &b)) {
			snprintf(o->err, sizeof(o->err),
				 "field \"%s\" is not %s", key, what);
			return -1;
		}
		if (fn(ctx, a, b))
			return -1;	/* fn set o->err */
	}
	return 0;
}
