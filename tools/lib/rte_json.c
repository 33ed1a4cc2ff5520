// SPDX-License-Identifier: GPL-2.0
/* One-object-per-line JSON writer and reader: see rte_json.h. */
#include <stdio.h>
#include <string.h>

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
		if (c == '"' || c == '\\') {
			rte_buf_printf(b, "\\%c", c);
		} else if (c < 0x20) {
			rte_buf_printf(b, "\\u%04x", c);
		} else if (c < 0x80) {
			rte_buf_add(b, s, 1);
		} else {
			n = rte_utf8_len(s, left);
			if (n) {
				rte_buf_add(b, s, n);
			} else {
				rte_buf_add(b, "\\ufffd", 6);
				n = 1;
			}
		}
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
/* Reader                                                                  */

struct rte_jcur {
	const char *s;
	const char *end;
	const char *base;
	struct rte_jobj *o;
	int depth;
};

static int rte_jfail(struct rte_jcur *c, const char *what)
{
	if (c->s >= c->end)
		snprintf(c->o->err, sizeof(c->o->err),
			 "truncated JSON: %s at the end of the line", what);
	else
		snprintf(c->o->err, sizeof(c->o->err),
			 "malformed JSON at column %zu: %s",
			 (size_t)(c->s - c->base) + 1, what);
	return -1;
}

static void rte_jspace(struct rte_jcur *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
				 *c->s == '\r' || *c->s == '\n'))
		c->s++;
}

static int rte_jstring(struct rte_jcur *c)
{
	c->s++;			/* opening quote */
	while (c->s < c->end && *c->s != '"') {
		if ((unsigned char)*c->s < 0x20)
			return rte_jfail(c, "control character in a string");
		if (*c->s == '\\') {
			c->s++;
			if (c->s >= c->end)
				break;
			if (*c->s == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (c->s + i >= c->end ||
					    !strchr("0123456789abcdefABCDEF", c->s[i]))
						return rte_jfail(c, "bad \\u escape");
				c->s += 4;
			} else if (!strchr("\"\\/bfnrt", *c->s)) {
				return rte_jfail(c, "bad escape in a string");
			}
		}
		c->s++;
	}
	if (c->s >= c->end)
		return rte_jfail(c, "unterminated string");
	c->s++;
	return 0;
}

static int rte_jdigits(struct rte_jcur *c)
{
	const char *p = c->s;

	while (c->s < c->end && *c->s >= '0' && *c->s <= '9')
		c->s++;
	return c->s > p ? 0 : rte_jfail(c, "expected a digit");
}

static int rte_jnumber(struct rte_jcur *c)
{
	if (*c->s == '-')
		c->s++;
	if (rte_jdigits(c))
		return -1;
	if (c->s < c->end && *c->s == '.') {
		c->s++;
		if (rte_jdigits(c))
			return -1;
	}
	if (c->s < c->end && (*c->s == 'e' || *c->s == 'E')) {
		c->s++;
		if (c->s < c->end && (*c->s == '+' || *c->s == '-'))
			c->s++;
		if (rte_jdigits(c))
			return -1;
	}
	return 0;
}

static int rte_jvalue(struct rte_jcur *c, struct rte_jval *v);

/* Object or array; top-level object fields are recorded in c->o. */
static int rte_jcompound(struct rte_jcur *c, bool object)
{
	char close = object ? '}' : ']';
	bool top = object && c->depth == 0;
	struct rte_jval v;

	if (++c->depth > 16)
		return rte_jfail(c, "nested too deeply");
	c->s++;
	rte_jspace(c);
	if (c->s < c->end && *c->s == close) {
		c->s++;
		c->depth--;
		return 0;
	}
	for (;;) {
		const char *key = c->s + 1;

		if (object) {
			if (c->s >= c->end || *c->s != '"')
				return rte_jfail(c, "expected a field name");
			if (rte_jstring(c))
				return -1;
			if (top) {
				size_t klen = (size_t)(c->s - 1 - key);

				if (c->o->n >= RTE_JSON_MAX_FIELDS)
					return rte_jfail(c, "too many fields");
				if (klen >= RTE_JSON_MAX_KEY)
					return rte_jfail(c, "field name too long");
				memcpy(c->o->key[c->o->n], key, klen);
				c->o->key[c->o->n][klen] = '\0';
			}
			rte_jspace(c);
			if (c->s >= c->end || *c->s != ':')
				return rte_jfail(c, "expected ':'");
			c->s++;
		}
		if (rte_jvalue(c, &v))
			return -1;
		if (top)
			c->o->val[c->o->n++] = v;
		rte_jspace(c);
		if (c->s < c->end && *c->s == ',') {
			c->s++;
			rte_jspace(c);
			continue;
		}
		if (c->s < c->end && *c->s == close) {
			c->s++;
			c->depth--;
			return 0;
		}
		return rte_jfail(c, object ? "expected ',' or '}'" :
					     "expected ',' or ']'");
	}
}

static int rte_jliteral(struct rte_jcur *c, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n))
		return rte_jfail(c, "expected a value");
	c->s += n;
	return 0;
}

static int rte_jvalue(struct rte_jcur *c, struct rte_jval *v)
{
	int ret;

	rte_jspace(c);
	if (c->s >= c->end)
		return rte_jfail(c, "expected a value");
	v->start = c->s;
	switch (*c->s) {
	case '"':
		v->type = RTE_JSTR;
		ret = rte_jstring(c);
		break;
	case '{':
	case '[':
		v->type = *c->s == '{' ? RTE_JOBJ : RTE_JARR;
		ret = rte_jcompound(c, *c->s == '{');
		break;
	case 't':
	case 'f':
		v->type = RTE_JBOOL;
		ret = rte_jliteral(c, *c->s == 't' ? "true" : "false");
		break;
	case 'n':
		v->type = RTE_JNULL;
		ret = rte_jliteral(c, "null");
		break;
	default:
		v->type = RTE_JNUM;
		ret = rte_jnumber(c);
		break;
	}
	v->len = (size_t)(c->s - v->start);
	return ret;
}

int rte_json_parse(struct rte_jobj *o, const char *text, size_t len)
{
	struct rte_jcur c = { .s = text, .end = text + len, .base = text, .o = o };
	struct rte_jval v;

	o->n = 0;
	o->err[0] = '\0';
	rte_jspace(&c);
	if (c.s >= c.end || *c.s != '{')
		return rte_jfail(&c, "expected '{'");
	if (rte_jvalue(&c, &v))
		return -1;
	rte_jspace(&c);
	if (c.s != c.end)
		return rte_jfail(&c, "text after the object");
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                 */

const struct rte_jval *rte_jobj_get(const struct rte_jobj *o, const char *key)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->key[i], key))
			return &o->val[i];
	return NULL;
}

static const struct rte_jval *rte_jobj_want(struct rte_jobj *o,
					    const char *key,
					    enum rte_jtype type,
					    const char *what)
{
	const struct rte_jval *v = rte_jobj_get(o, key);

	if (!v)
		snprintf(o->err, sizeof(o->err), "field \"%s\" is missing", key);
	else if (v->type != type)
		snprintf(o->err, sizeof(o->err), "field \"%s\" is not %s",
			 key, what);
	else
		return v;
	return NULL;
}

/* Parse the unsigned decimal integer at *p (advanced past it). */
static int rte_jscan_u64(const char **p, const char *end, u64 *out)
{
	u64 v = 0;
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s >= end || *s < '0' || *s > '9')
		return -1;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (v > (U64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*p = s;
	*out = v;
	return 0;
}

int rte_jobj_u64(struct rte_jobj *o, const char *key, u64 *out)
{
	const char *what = "an unsigned 64-bit integer";
	const struct rte_jval *v = rte_jobj_want(o, key, RTE_JNUM, what);
	const char *p;

	if (!v)
		return -1;
	p = v->start;
	if (rte_jscan_u64(&p, v->start + v->len, out) ||
	    p != v->start + v->len) {
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

int rte_jobj_bool(struct rte_jobj *o, const char *key, bool *out)
{
	const struct rte_jval *v = rte_jobj_want(o, key, RTE_JBOOL,
						 "true or false");

	if (!v)
		return -1;
	*out = v->start[0] == 't';
	return 0;
}

static unsigned int rte_jhex(const char *p)
{
	unsigned int v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char ch = p[i];

		v = v * 16 + (unsigned int)(ch <= '9' ? ch - '0' :
					    (ch | 0x20) - 'a' + 10);
	}
	return v;
}

/* Code point @u (a surrogate: U+FFFD) as UTF-8 into @out; its length. */
static size_t rte_jutf8(unsigned int u, char *out)
{
	if (u >= 0xd800 && u <= 0xdfff)
		u = 0xfffd;
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xc0 | u >> 6);
		out[1] = (char)(0x80 | (u & 0x3f));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xe0 | u >> 12);
		out[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		out[2] = (char)(0x80 | (u & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | u >> 18);
	out[1] = (char)(0x80 | ((u >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3f));
	out[3] = (char)(0x80 | (u & 0x3f));
	return 4;
}

/* The escape at @p (after the backslash) into @ch; advances *p. */
static size_t rte_junescape(const char **pp, const char *end, char *ch)
{
	const char *p = *pp;
	unsigned int u, lo;

	switch (*p) {
	case 'b':
		*ch = '\b';
		return 1;
	case 'f':
		*ch = '\f';
		return 1;
	case 'n':
		*ch = '\n';
		return 1;
	case 'r':
		*ch = '\r';
		return 1;
	case 't':
		*ch = '\t';
		return 1;
	case 'u':
		break;
	default:
		*ch = *p;
		return 1;
	}
	/* the parser checked the 4 hex digits */
	u = rte_jhex(p + 1);
	*pp = p + 4;
	if (u >= 0xd800 && u < 0xdc00 && end - p >= 11 && p[5] == '\\' &&
	    p[6] == 'u') {
		lo = rte_jhex(p + 7);
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			*pp = p + 10;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
	}
	return rte_jutf8(u, ch);
}

int rte_jobj_str(struct rte_jobj *o, const char *key, char *out, size_t len)
{
	const struct rte_jval *v = rte_jobj_want(o, key, RTE_JSTR, "a string");
	const char *p, *end;
	size_t n = 0, k;

	if (!v)
		return -1;
	end = v->start + v->len - 1;	/* closing quote */
	for (p = v->start + 1; p < end; p++) {
		char ch[4] = { *p };

		k = 1;
		if (*p == '\\') {
			p++;
			k = rte_junescape(&p, end, ch);
		}
		if (n + k >= len) {
			snprintf(o->err, sizeof(o->err),
				 "field \"%s\" is longer than %zu characters",
				 key, len - 1);
			return -1;
		}
		memcpy(out + n, ch, k);
		n += k;
	}
	out[n] = '\0';
	return 0;
}

static bool rte_jskip(const char **p, const char *end, char ch)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p < end && **p == ch) {
		(*p)++;
		return true;
	}
	return false;
}

int rte_jobj_pairs(struct rte_jobj *o, const char *key,
		   int (*fn)(void *ctx, u64 a, u64 b), void *ctx)
{
	const char *what = "an array of [value, count] pairs";
	const struct rte_jval *v = rte_jobj_want(o, key, RTE_JARR, what);
	const char *p, *end;

	if (!v)
		return -1;
	p = v->start + 1;
	end = v->start + v->len - 1;	/* the closing ']' */
	if (!rte_jskip(&p, end, '[')) {
		if (p == end)
			return 0;	/* empty */
	} else {
		for (;;) {
			u64 a, b;

			if (rte_jscan_u64(&p, end, &a) ||
			    !rte_jskip(&p, end, ',') ||
			    rte_jscan_u64(&p, end, &b) ||
			    !rte_jskip(&p, end, ']'))
				break;
			if (fn(ctx, a, b))
				return -1;	/* fn set o->err */
			if (!rte_jskip(&p, end, ',')) {
				if (p == end)
					return 0;
				break;
			}
			if (!rte_jskip(&p, end, '['))
				break;
		}
	}
	snprintf(o->err, sizeof(o->err), "field \"%s\" is not %s", key, what);
	return -1;
}
