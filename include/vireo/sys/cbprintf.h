/*
 * Callback-driven printf formatting: the one formatter behind printk,
 * snprintk and every other text output in Vireo.  The formatter keeps no
 * state of its own between calls and calls no library function, so it may
 * run from any context its callback tolerates, including ISRs and the fatal
 * path.
 */

#ifndef VIREO_INCLUDE_SYS_CBPRINTF_H_
#define VIREO_INCLUDE_SYS_CBPRINTF_H_

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Sink for one formatted character.
 *
 * @param c   The character, as an unsigned char value converted to int.
 * @param ctx The context pointer given to cbprintf() or cbvprintf().
 *
 * @return The character written on success, or a negative error code.
 *         A negative return stops formatting; the formatter then returns
 *         that same value to its caller.
 */
typedef int (*cbprintf_cb)(int c, void *ctx);

/**
 * @brief Format a string and emit it one character at a time.
 *
 * Supports the conversions %d %i %u %x %X %o %p %s %c and %%; the length
 * modifiers hh h l ll z j t; the flags '-', '0', ' ', '+' and '#' (for
 * x, X and o); field width and precision, each as digits or '*'.
 * Floating-point conversions are not supported.
 *
 * Vireo-specific behaviour, where C leaves it open:
 * - %p prints "0x" and the pointer in lowercase hex without leading
 *   zeros (NULL prints "0x0").
 * - %s with a NULL pointer prints "(null)", cut to the precision if one
 *   is given.
 * - An unknown conversion is emitted verbatim, from its '%' through the
 *   conversion character; so is a specification cut short by the end of
 *   the format.
 * - The '0' flag is ignored for %s and %c, and a precision for %c.
 * - "%%" prints one '%' whatever flags or width stand between the two.
 *
 * @param out    Character sink; must not be NULL.
 * @param ctx    Passed unchanged to @p out.
 * @param format printf-style format string; must not be NULL.
 * @param ap     Arguments for @p format.
 *
 * @return The number of characters emitted, or the first negative value
 *         @p out returned (no character is emitted after that).  Output
 *         longer than INT_MAX characters stops at that point and returns
 *         a negative value.
 */
int cbvprintf(cbprintf_cb out, void *ctx, const char *format, va_list ap);

/**
 * @brief Format a string and emit it one character at a time.
 *
 * Variadic form of cbvprintf(); see there for the supported format.
 *
 * @param out    Character sink; must not be NULL.
 * @param ctx    Passed unchanged to @p out.
 * @param format printf-style format string; must not be NULL.
 *
 * @return The number of characters emitted, or the first negative value
 *         @p out returned.
 */
int cbprintf(cbprintf_cb out, void *ctx, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif /* VIREO_INCLUDE_SYS_CBPRINTF_H_ */
