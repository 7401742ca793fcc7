/*
 * snprintk and vsnprintk: formatting into a caller's buffer with C99
 * snprintf semantics, as a thin sink on top of cbvprintf().
 *
 * Invariant: nothing is written at or beyond str[size - 1] except the
 * terminating NUL, and nothing at all when size is 0 (str may then be
 * NULL).  The return value is the length the whole output would have had,
 * so callers detect truncation by comparing it with size.  All state is on
 * the caller's stack; there is nothing to lock.
 */

#include <vireo/sys/cbprintf.h>
#include <vireo/sys/printk.h>

struct str_sink {
	char *buf;
	size_t cap;     /* characters that fit before the NUL */
	size_t len;     /* characters produced so far, stored or not */
};

/* Keeps counting past the end: the return value must be the full length. */
static int str_put(int c, void *ctx)
{
	struct str_sink *sink = ctx;

	if (sink->len < sink->cap) {
		sink->buf[sink->len] = (char)c;
	}
	sink->len++;
	return c;
}

int vsnprintk(char *str, size_t size, const char *fmt, va_list ap)
{
	struct str_sink sink = { str, size > 0u ? size - 1u : 0u, 0u };
	int n = cbvprintf(str_put, &sink, fmt, ap);

	if (size > 0u) {
		str[sink.len < sink.cap ? sink.len : sink.cap] = '\0';
	}
	return n;
}

int snprintk(char *str, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintk(str, size, fmt, ap);
	va_end(ap);
	return n;
}
