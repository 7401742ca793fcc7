/*
 * printk: formats with cbvprintf straight into the console hook, one
 * character at a time, with no buffer and no lock, so it works from any
 * context, including the fatal path. Output before the console driver has
 * installed its hook is dropped.
 */
#include <stdarg.h>
#include <vireo/sys/cbprintf.h>
#include <vireo/sys/printk.h>

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

void vprintk(const char *fmt, va_list ap)
{
	(void)cbvprintf(hook_out, NULL, fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
