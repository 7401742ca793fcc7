/*
 * The portable printf formatter: parses each conversion specification and
 * lays out its field, handing characters one at a time to the caller's
 * callback.  printk, snprintk and anything else that formats text come
 * through here.
 *
 * All state lives on the caller's stack, so the formatter is reentrant and
 * needs no lock; it is as safe in an ISR or on the fatal path as the
 * callback it is given.  It calls no libc function and never divides a
 * 64-bit value with the compiler's helpers (__udivdi3 and friends), so
 * linking it pulls nothing else into the image.
 *
 * Invariant: once the callback has returned a negative value it is never
 * called again, and that value is what cbvprintf() returns.  The count
 * is kept in unsigned arithmetic so that output longer than INT_MAX turns
 * it negative (and stops formatting) instead of overflowing.
 */

#include <stdbool.h>
#include <vireo/sys/cbprintf.h>

/* Conversion flags; F_PREC records that a precision was given at all. */
#define F_MINUS 0x01u
#define F_ZERO  0x02u
#define F_SPACE 0x04u
#define F_PLUS  0x08u
#define F_ALT   0x10u
#define F_PREC  0x20u

struct sink {
	cbprintf_cb out;
	void *ctx;
	int count;      /* characters emitted, or the callback's first error */
};

struct spec {
	unsigned int flags;
	unsigned int width;
	unsigned int prec;
	unsigned int size;      /* bytes of the integer argument */
};

static void emit(struct sink *s, int c)
{
	int rc;

	if (s->count >= 0) {
		rc = s->out((unsigned char)c, s->ctx);
		s->count = rc < 0 ? rc : (int)((unsigned int)s->count + 1u);
	}
}

/*
 * Emits n characters from p, stepping through p only if step is 1; with
 * step 0 it repeats *p.  One loop for both padding and text keeps a single
 * out-of-line copy of it on the target.
 */
static void emit_run(struct sink *s, const char *p, unsigned int n,
		     unsigned int step)
{
	for (; n > 0u; n--, p += step) {
		emit(s, *p);
	}
}

/*
 * Lays out [spaces] prefix [zeros] body [spaces] within the field width.
 * The '0' flag turns the padding into zeros after the prefix, but C says a
 * precision or '-' cancels it; callers that never zero-pad clear F_ZERO.
 */
static void emit_field(struct sink *s, const struct spec *sp,
		       const char *pre, unsigned int npre, unsigned int zeros,
		       const char *body, unsigned int nbody)
{
	unsigned int used = npre + zeros + nbody;
	unsigned int pad = sp->width > used ? sp->width - used : 0u;
	unsigned int lead;

	if ((sp->flags & (F_ZERO | F_MINUS | F_PREC)) == F_ZERO) {
		zeros += pad;
		pad = 0u;
	}
	lead = (sp->flags & F_MINUS) != 0u ? 0u : pad;
	emit_run(s, " ", lead, 0u);
	emit_run(s, pre, npre, 1u);
	emit_run(s, "0", zeros, 0u);
	emit_run(s, body, nbody, 1u);
	emit_run(s, " ", pad - lead, 0u);
}

/*
 * Divides *v by base (at most 16) and returns the remainder.  Splitting the
 * dividend into 32- and 16-bit pieces keeps every step a native 32-bit
 * divide: each partial dividend is below base << 16, so each partial
 * quotient fits in 16 bits.
 */
static unsigned int div_small(unsigned long long *v, unsigned int base)
{
	uint32_t hi = (uint32_t)(*v >> 32);
	uint32_t lo = (uint32_t)*v;
	uint32_t qh = hi / base;
	uint32_t mid = ((hi % base) << 16) | (lo >> 16);
	uint32_t qm = mid / base;
	uint32_t low = ((mid % base) << 16) | (lo & 0xffffu);

	*v = ((unsigned long long)qh << 32) | (qm << 16) | (low / base);
	return low % base;
}

/*
 * Formats v in the given base.  For %d and %i, v arrives sign-extended to
 * 64 bits; %p arrives as conv 'p' and always gets "0x".
 */
static void emit_int(struct sink *s, const struct spec *sp,
		     unsigned long long v, char conv, unsigned int base)
{
	char buf[22];   /* the 22 octal digits of UINT64_MAX */
	char *end = buf + sizeof(buf);
	char *p = end;
	char pre[2] = { '0', conv == 'X' ? 'X' : 'x' };
	unsigned int alpha = conv == 'X' ? 'A' - 10u : 'a' - 10u;
	unsigned int npre = 0u;
	/* C: an integer's default precision is 1, so zero alone has digits. */
	unsigned int prec = (sp->flags & F_PREC) != 0u ? sp->prec : 1u;
	unsigned int d;

	if (conv == 'd' || conv == 'i') {
		/* C: '+' wins over ' ', and a '-' sign over both. */
		pre[0] = (sp->flags & F_PLUS) != 0u ? '+' : ' ';
		npre = (sp->flags & (F_PLUS | F_SPACE)) != 0u;
		if ((v >> 63) != 0u) {
			v = 0u - v;
			pre[0] = '-';
			npre = 1u;
		}
	} else if (conv == 'p' || ((sp->flags & F_ALT) != 0u && base == 16u && v != 0u)) {
		npre = 2u;
	}
	/* Invariant: no leading zero here; precision supplies all of them. */
	while (v != 0u) {
		d = div_small(&v, base);
		*--p = (char)(d + (d < 10u ? '0' : alpha));
	}
	d = (unsigned int)(end - p);
	/* C: '#' with %o raises the precision just enough to lead with 0. */
	if ((sp->flags & F_ALT) != 0u && base == 8u && prec <= d) {
		prec = d + 1u;
	}
	emit_field(s, sp, pre, npre, prec > d ? prec - d : 0u, p, d);
}

/*
 * Reads an integer argument of the given size, zero- or sign-extended to
 * 64 bits.  It is read as the unsigned type of its size: every ABI Vireo
 * runs on passes same-sized integers alike, and hh and h were promoted to
 * int by the caller.
 */
_Static_assert(sizeof(int) == sizeof(uint32_t), "fetch_int reads int as 32 bits");

static unsigned long long fetch_int(va_list *ap, unsigned int size, bool is_signed)
{
	uint32_t v;
	unsigned int shift;

	if (size > sizeof(uint32_t)) {
		return va_arg(*ap, unsigned long long);
	}
	/*
	 * Narrow to hh or h width by shifting up and back down, with 32-bit
	 * shifts: a 64-bit one would call a libgcc helper on rv32.  The signed
	 * shift relies on GCC's documented modulo conversion to int32_t and
	 * arithmetic right shift.
	 */
	shift = 32u - size * 8u;
	v = va_arg(*ap, unsigned int) << shift;
	return is_signed ? (unsigned long long)((int32_t)v >> shift) : v >> shift;
}

/* Position of c in set, or -1; never matches the NUL ending a format. */
static int find(const char *set, char c)
{
	int i;

	for (i = 0; set[i] != '\0'; i++) {
		if (set[i] == c) {
			return i;
		}
	}
	return -1;
}

/* Reads digits, or '*' taking an int argument, into *n. */
static const char *parse_num(const char *fmt, int *n, va_list *ap)
{
	unsigned int v = 0u;

	if (*fmt == '*') {
		*n = va_arg(*ap, int);
		return fmt + 1;
	}
	while ((unsigned int)(*fmt - '0') < 10u) {
		v = v * 10u + (unsigned int)(*fmt++ - '0');
	}
	/* Absurd widths wrap instead of overflowing; keep them non-negative. */
	*n = (int)(v & 0x7fffffffu);
	return fmt;
}

/* Parses flags, width, precision and length; returns the conversion. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	/* Argument sizes for the modifiers "hlzjt", in that order. */
	static const unsigned char sizes[] = {
		sizeof(short), sizeof(long), sizeof(size_t),
		sizeof(intmax_t), sizeof(ptrdiff_t),
	};
	int i;
	int n;

	/* The position in this string is the flag's bit (F_MINUS...F_ALT). */
	while ((i = find("-0 +#", *fmt)) >= 0) {
		sp->flags |= 1u << i;
		fmt++;
	}
	fmt = parse_num(fmt, &n, ap);
	if (n < 0) {    /* C: a negative '*' width means '-' and its magnitude */
		sp->flags |= F_MINUS;
	}
	sp->width = n < 0 ? 0u - (unsigned int)n : (unsigned int)n;
	if (*fmt == '.') {
		fmt = parse_num(fmt + 1, &n, ap);
		if (n >= 0) {   /* C: a negative '*' precision counts as none */
			sp->flags |= F_PREC;
			sp->prec = (unsigned int)n;
		}
	}
	sp->size = sizeof(int);
	i = find("hlzjt", *fmt);
	if (i >= 0) {
		sp->size = sizes[i];
		if (i <= 1 && fmt[1] == fmt[0]) {      /* hh or ll */
			sp->size = i == 0 ? sizeof(char) : sizeof(long long);
			fmt++;
		}
		fmt++;
	}
	return fmt;
}

/*
 * %s and %c: a string cut to the precision, or one character.  For %c the
 * text is conv itself, overwritten with the argument.
 */
static void emit_text(struct sink *s, struct spec *sp, char conv, va_list *ap)
{
	const char *str = &conv;
	unsigned int n = 1u;

	if (conv == 's') {
		str = va_arg(*ap, const char *);
		if (str == NULL) {
			str = "(null)";
		}
		for (n = 0u; ((sp->flags & F_PREC) == 0u || n < sp->prec) &&
			     str[n] != '\0'; n++) {
		}
	} else {
		conv = (char)va_arg(*ap, int);
	}
	sp->flags &= ~F_ZERO;   /* as glibc does; C leaves '0' undefined here */
	emit_field(s, sp, NULL, 0u, 0u, str, n);
}

/*
 * Formats the specification that starts just after a '%' and returns where
 * the format continues.
 */
static const char *format_one(struct sink *s, const char *start, va_list *ap)
{
	struct spec sp = { 0u, 0u, 0u, 0u };
	const char *fmt = parse_spec(start, &sp, ap);
	const char *from;
	char c = *fmt;
	int i = find("oxXdiu", c);

	if (i >= 0) {
		emit_int(s, &sp, fetch_int(ap, sp.size, i >= 3 && i <= 4), c,
			 i == 0 ? 8u : i <= 2 ? 16u : 10u);
	} else if (c == 'p') {
		emit_int(s, &sp, (uintptr_t)va_arg(*ap, void *), c, 16u);
	} else if (c == 's' || c == 'c') {
		emit_text(s, &sp, c, ap);
	} else {
		/* "%%" prints its second '%'; anything unknown echoes whole. */
		from = c == '%' ? fmt : start - 1;
		emit_run(s, from, (unsigned int)(fmt - from) + (c != '\0'), 1u);
	}
	/* A lone '%' ends the format: never step past its NUL. */
	return fmt + (c != '\0');
}

int cbvprintf(cbprintf_cb out, void *ctx, const char *format, va_list ap)
{
	struct sink s = { out, ctx, 0 };
	va_list args;

	/* A copy, so helpers can take its address whatever type va_list is. */
	va_copy(args, ap);
	while (*format != '\0' && s.count >= 0) {
		if (*format != '%') {
			emit(&s, *format++);
		} else {
			format = format_one(&s, format + 1, &args);
		}
	}
	va_end(args);
	return s.count;
}

int cbprintf(cbprintf_cb out, void *ctx, const char *format, ...)
{
	va_list ap;
	int rc;

	va_start(ap, format);
	rc = cbvprintf(out, ctx, format, ap);
	va_end(ap);
	return rc;
}
