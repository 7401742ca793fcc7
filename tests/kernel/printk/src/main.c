/*
 * printk and snprintk on the target: every conversion and modifier the
 * foundation promises, including 64-bit values on a 32-bit hart, compared
 * with exact strings; and printk's output on the console, which
 * testcase.ini matches line by line.
 */
#include <limits.h>
#include <stdint.h>
#include <vireo/ztest.h>

#define CHECK_FMT(expected, ...)                                             \
	do {                                                                 \
		char buf_[64];                                               \
		int n_ = snprintk(buf_, sizeof(buf_), __VA_ARGS__);          \
		zassert_str_equal(buf_, expected, "got \"%s\"", buf_);       \
		zassert_equal(n_, (int)sizeof(expected) - 1, "length %d", n_); \
	} while (0)

ZTEST(printk, test_integers)
{
	CHECK_FMT("42 -42 42", "%d %i %u", 42, -42, 42U);
	CHECK_FMT("-2147483648", "%d", INT_MIN);
	CHECK_FMT("4294967295", "%u", UINT_MAX);
	CHECK_FMT("ff FF 0xff", "%x %X %#x", 255, 255, 255);
	CHECK_FMT("%", "%%");
}

ZTEST(printk, test_length_modifiers)
{
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	CHECK_FMT("-1 4294967295", "%ld %lu", -1L, 4294967295UL);
	CHECK_FMT("65535", "%zu", (size_t)65535);
	CHECK_FMT("-1 255", "%hhd %hhu", (signed char)-1, (unsigned char)255);
}

ZTEST(printk, test_width_and_flags)
{
	CHECK_FMT("   42", "%5d", 42);
	CHECK_FMT("00042", "%05d", 42);
	CHECK_FMT("42   |", "%-5d|", 42);
	CHECK_FMT("-0042", "%05d", -42);
	CHECK_FMT("0000beef", "%08x", 0xbeef);
	CHECK_FMT("  abc|abc  |", "%5s|%-5s|", "abc", "abc");
	CHECK_FMT("   7", "%*d", 4, 7);
	CHECK_FMT("ab", "%.2s", "abcdef");
}

/* Through volatile pointers: the compiler's format checks would refuse them. */
static const char *volatile null_string;
static const char *volatile unknown_conversion = "a%yb";

ZTEST(printk, test_strings_chars_pointers)
{
	CHECK_FMT("x", "%c", 'x');
	CHECK_FMT("(null)", "%s", null_string);
	CHECK_FMT("0x80001234", "%p", (void *)0x80001234);
	CHECK_FMT("a%yb", unknown_conversion);
}

ZTEST(printk, test_snprintk_truncates)
{
	char buf[6];
	int n = snprintk(buf, sizeof(buf), "%s", "truncated");

	zassert_equal(n, 9, "returns the full length");
	zassert_str_equal(buf, "trunc");
	zassert_equal(snprintk(NULL, 0, "%d", 12345), 5);
}

ZTEST(printk, test_console_output)
{
	printk("printk: %d %s %c %x %05u|%-4d|\n", -7, "str", 'c', 0xabcU, 42U, 3);
	printk("printk: %llu\n", 10000000000ULL);
}

ZTEST_SUITE(printk, NULL, NULL, NULL, NULL, NULL);
