/*
 * printk: formatted output on the console (Zephyr's sys/printk.h).
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%, modifiers hh h l ll z j t,
 * flags - 0 + space #, width and precision (also as *). No floating point.
 */
#ifndef VIREO_INCLUDE_SYS_PRINTK_H_
#define VIREO_INCLUDE_SYS_PRINTK_H_

#include <stdarg.h>
#include <stddef.h>
#include <vireo/toolchain.h>

#ifdef CONFIG_PRINTK
/** @brief Print a formatted string on the console (polled, usable anywhere). */
__printf_like(1, 2) void printk(const char *fmt, ...);
/** @brief printk with a va_list. */
void vprintk(const char *fmt, va_list ap);
#else
static inline __printf_like(1, 2) void printk(const char *fmt, ...) { (void)fmt; }
static inline void vprintk(const char *fmt, va_list ap) { (void)fmt; (void)ap; }
#endif /* CONFIG_PRINTK */

/**
 * @brief Format into a buffer, C99 snprintf semantics.
 * @return the length the whole output would have, excluding the NUL.
 */
int snprintk(char *str, size_t size, const char *fmt, ...) __printf_like(3, 4);
/** @brief snprintk with a va_list. */
int vsnprintk(char *str, size_t size, const char *fmt, va_list ap);

/**
 * @brief Install the function printk sends each character to.
 * Called by the console driver once its UART is ready; before that, output
 * is dropped.
 */
void __printk_hook_install(int (*fn)(int c));

#endif /* VIREO_INCLUDE_SYS_PRINTK_H_ */
