// SPDX-License-Identifier: GPL-2.0
/*
 * 64-bit division for the sh4 userland of the r2d tests, in place of
 * libgcc's __udivdi3, __umoddi3, __divdi3 and __moddi3.
 *
 * SH has no 64-bit divide, so GCC calls these.  Debian's libgcc.a for sh4
 * builds them from C (libgcc2.c) with the gcc-sh4 12.2 whose
 * sh_treg_combine pass drops tests of loaded values (see README.md);
 * compiled here with the workaround plugin, and linked before libgcc.a,
 * they keep libgcc's C code out of the programs (tmu-check.sh checks the
 * link map).  Plain shift-and-subtract: no variable 64-bit shift or clz,
 * which would call libgcc again.
 *
 * RTE_DIVDI3_PREFIX renames them, for a native test against the
 * compiler's own division.
 */
#ifndef RTE_DIVDI3_PREFIX
#define RTE_DIVDI3_PREFIX
#endif
#define RTE_CAT2(a, b) a##b
#define RTE_CAT(a, b) RTE_CAT2(a, b)
#define RTE_FN(name) RTE_CAT(RTE_DIVDI3_PREFIX, name)

typedef unsigned long long u64;
typedef long long s64;

u64 RTE_FN(__udivdi3)(u64 n, u64 d);
u64 RTE_FN(__umoddi3)(u64 n, u64 d);
s64 RTE_FN(__divdi3)(s64 a, s64 b);
s64 RTE_FN(__moddi3)(s64 a, s64 b);

/* n / d, and n % d in *rem; d == 0 gives ~0 and n */
static u64 udivmod(u64 n, u64 d, u64 *rem)
{
	u64 q = 0, bit = 1;

	if (d == 0) {
		*rem = n;
		return ~0ULL;
	}
	while (d <= n && !(d >> 63) && (d << 1) <= n) {
		d <<= 1;
		bit <<= 1;
	}
	while (bit) {
		if (n >= d) {
			n -= d;
			q |= bit;
		}
		d >>= 1;
		bit >>= 1;
	}
	*rem = n;
	return q;
}

static u64 uabs(s64 v)
{
	return v < 0 ? -(u64)v : (u64)v;
}

u64 RTE_FN(__udivdi3)(u64 n, u64 d)
{
	u64 r;

	return udivmod(n, d, &r);
}

u64 RTE_FN(__umoddi3)(u64 n, u64 d)
{
	u64 r;

	udivmod(n, d, &r);
	return r;
}

s64 RTE_FN(__divdi3)(s64 a, s64 b)
{
	u64 r, q = udivmod(uabs(a), uabs(b), &r);

	return (s64)((a < 0) != (b < 0) ? -q : q);
}

s64 RTE_FN(__moddi3)(s64 a, s64 b)
{
	u64 r;

	udivmod(uabs(a), uabs(b), &r);
	return (s64)(a < 0 ? -r : r);
}
