/*
 * printk: formats with cbvprintf straight into the console hook, one
 * character at a time, with no buffer and no lock, so it works from any
 * context, including the fatal path. Output before the console driver has
 * installed its hook is dropped.
 *
 * From user mode the hook is out of reach: the text is formatted into a
 * small buffer on the caller's stack and handed over with the k_str_out()
 * syscall, a chunk at a time.
 */
#include <stdarg.h>
#include <vireo/kernel.h>
#include <vireo/sys/cbprintf.h>
#include <vireo/sys/printk.h>

#define USER_CHUNK 32

static int drop_char(int c)
{
	return c;
}

static int (*printk_hook)(int c) = drop_char;

void __printk_hook_install(int (*fn)(int c))
{
	printk_hook = fn;
}

static int hook_out(int c, void *ctx)
{
	(void)ctx;
	return printk_hook(c);
}

struct user_buf {
	char data[USER_CHUNK];
	size_t len;
};

static int user_out(int c, void *ctx)
{
	struct user_buf *b = ctx;

	b->data[b->len++] = (char)c;
	if (b->len == sizeof(b->data)) {
		k_str_out(b->data, b->len);
		b->len = 0;
	}
	return c;
}

void vprintk(const char *fmt, va_list ap)
{
	if (k_is_user_context()) {
		struct user_buf b = { .len = 0 };

		(void)cbvprintf(user_out, &b, fmt, ap);
		if (b.len > 0) {
			k_str_out(b.data, b.len);
		}
		return;
	}
	(void)cbvprintf(hook_out, NULL, fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void z_impl_k_str_out(char *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		(void)printk_hook(c[i]);
	}
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

static inline void z_vrfy_k_str_out(char *c, size_t n)
{
	char copy[USER_CHUNK];

	/* All of it checked before any is printed: refused means nothing shown. */
	K_OOPS(K_SYSCALL_MEMORY_READ(c, n));
	/* Then copied before use, a chunk at a time: never read twice. */
	while (n > 0) {
		size_t len = n < sizeof(copy) ? n : sizeof(copy);

		K_OOPS(k_usermode_from_copy(copy, c, len) != 0);
		z_impl_k_str_out(copy, len);
		c += len;
		n -= len;
	}
}
#include <syscalls/k_str_out_mrsh.c>
#endif /* CONFIG_USERSPACE */
