/*
 * Host tests of the formatter (subsys/console/cbprintf.c) and of snprintk
 * on top of it (subsys/console/snprintk.c).
 *
 * Three parts: a table of directed cases with hand-written expected
 * strings (every conversion, modifier and flag, width and precision
 * combinations, extremes such as INT_MIN, LLONG_MIN and UINT64_MAX, and
 * the Vireo-specific choices for NULL %s, %p and unknown conversions);
 * snprintk truncation and callback-error cases; and a randomized
 * cross-check of integer, string and pointer conversions against the
 * host's own snprintf, over formats and values drawn from a fixed seed so
 * every run is the same.  Formats C leaves undefined ('#' with %d, '0'
 * with %s, ...) are never cross-checked.
 *
 * Each failed case prints one line with the format and both strings; the
 * run ends with "N passed, N failed" and exits nonzero if any case failed.
 */

#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <vireo/sys/cbprintf.h>
#include <vireo/sys/printk.h>

#define BUF_SIZE 512
#define RANDOM_CASES 200000U
#define MAX_REPORTS 40U

static unsigned int passed;
static unsigned int failed;

static void record(bool ok, int line, const char *fmt, const char *got,
		   int got_rc, const char *want, int want_rc)
{
	if (ok) {
		passed++;
		return;
	}
	if (failed++ < MAX_REPORTS) {
		printf("FAIL line %d: format \"%s\": got \"%s\" (%d), want \"%s\" (%d)\n",
		       line, fmt, got, got_rc, want, want_rc);
	}
}

/* Collects cbprintf output into a fixed buffer, to check cbprintf itself. */
struct collect {
	char buf[BUF_SIZE];
	size_t len;
};

static int collect_put(int c, void *ctx)
{
	struct collect *col = ctx;

	if (c < 0 || c > UCHAR_MAX) {
		return -1000;   /* a character must arrive as unsigned char */
	}
	if (col->len + 1U < sizeof(col->buf)) {
		col->buf[col->len++] = (char)c;
	}
	return c;
}

/*
 * Formats through both cbvprintf and vsnprintk and checks each against
 * want, string and return value.  One call is one test case.
 */
static void expect_v(int line, const char *want, const char *fmt, va_list ap)
{
	struct collect col = { .len = 0 };
	char buf[BUF_SIZE];
	int want_rc = (int)strlen(want);
	va_list ap2;
	int rc;
	int cb_rc;

	va_copy(ap2, ap);
	rc = vsnprintk(buf, sizeof(buf), fmt, ap);
	cb_rc = cbvprintf(collect_put, &col, fmt, ap2);
	va_end(ap2);
	col.buf[col.len] = '\0';
	if (rc == want_rc && strcmp(buf, want) == 0) {
		record(cb_rc == want_rc && strcmp(col.buf, want) == 0, line, fmt,
		       col.buf, cb_rc, want, want_rc);
	} else {
		record(false, line, fmt, buf, rc, want, want_rc);
	}
}

/* The compiler checks these formats against their arguments. */
__attribute__((format(printf, 3, 4)))
static void expect(int line, const char *want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	expect_v(line, want, fmt, ap);
	va_end(ap);
}

/*
 * For formats the compiler warns about: unknown conversions, flags C says
 * are ignored, the NULL %s that Vireo defines, and ints too wide for hh or
 * h (which C narrows).
 */
static void expect_raw(int line, const char *want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	expect_v(line, want, fmt, ap);
	va_end(ap);
}

#define EXPECT(want, ...) expect(__LINE__, want, __VA_ARGS__)
#define EXPECT_RAW(want, ...) expect_raw(__LINE__, want, __VA_ARGS__)

static void test_plain_and_percent(void)
{
	EXPECT("", "%s", "");
	EXPECT("hello, world", "hello, world");
	EXPECT("100%", "100%%");
	EXPECT("%%", "%%%%");
	EXPECT("a%b", "a%cb", '%');
	EXPECT("tab\there\n", "tab\there\n");
}

static void test_signed(void)
{
	EXPECT("0", "%d", 0);
	EXPECT("42", "%d", 42);
	EXPECT("-42", "%i", -42);
	EXPECT("2147483647", "%d", INT_MAX);
	EXPECT("-2147483648", "%d", INT_MIN);
	EXPECT("-2147483648", "%i", INT_MIN);
	EXPECT("-128", "%hhd", (signed char)SCHAR_MIN);
	EXPECT("127", "%hhd", (signed char)SCHAR_MAX);
	EXPECT_RAW("-1", "%hhd", 255);      /* C: narrowed to signed char */
	EXPECT_RAW("44", "%hhi", 300);
	EXPECT("-32768", "%hd", (short)SHRT_MIN);
	EXPECT_RAW("-1", "%hd", 65535);
	EXPECT_RAW("4464", "%hi", 70000);
	EXPECT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT("9223372036854775807", "%lli", LLONG_MAX);
	EXPECT("-1", "%lld", -1LL);
	EXPECT("-4294967296", "%lld", -4294967296LL);
	EXPECT("4294967296", "%lld", 4294967296LL);
	if (sizeof(long) == 8) {
		EXPECT("-9223372036854775808", "%ld", LONG_MIN);
	} else {
		EXPECT("-2147483648", "%ld", LONG_MIN);
	}
	EXPECT("-2147483648", "%ld", (long)INT_MIN);
	EXPECT("-9223372036854775808", "%jd", INTMAX_MIN);
	EXPECT("-5", "%zd", (ssize_t)-5);
	EXPECT("-7", "%td", (ptrdiff_t)-7);
	EXPECT("123456789012", "%jd", (intmax_t)123456789012LL);
}

static void test_unsigned(void)
{
	EXPECT("0", "%u", 0U);
	EXPECT("4294967295", "%u", UINT_MAX);
	EXPECT("4294967295", "%u", -1);
	EXPECT("255", "%hhu", (unsigned char)255);
	EXPECT_RAW("0", "%hhu", 256);
	EXPECT("65535", "%hu", (unsigned short)65535);
	EXPECT_RAW("1", "%hu", 65537);
	EXPECT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT("18446744073709551615", "%" PRIu64, UINT64_MAX);
	EXPECT("18446744073709551615", "%ju", UINTMAX_MAX);
	EXPECT("10000000000000000000", "%llu", 10000000000000000000ULL);
	EXPECT("4294967296", "%llu", 4294967296ULL);
	EXPECT("4294967295", "%lu", 4294967295UL);
	EXPECT("12345", "%zu", (size_t)12345);
	EXPECT("9", "%tu", (size_t)9);
}

static void test_hex_octal(void)
{
	EXPECT("0", "%x", 0U);
	EXPECT("deadbeef", "%x", 0xdeadbeefU);
	EXPECT("DEADBEEF", "%X", 0xdeadbeefU);
	EXPECT("ffffffff", "%x", UINT_MAX);
	EXPECT_RAW("ff", "%hhx", 0x1ff);
	EXPECT("FFFF", "%hX", (unsigned short)0xffff);
	EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT("123456789ABCDEF0", "%llX", 0x123456789abcdef0ULL);
	EXPECT("8000000000000000", "%llx", 0x8000000000000000ULL);
	EXPECT("0", "%o", 0U);
	EXPECT("777", "%o", 0777U);
	EXPECT("37777777777", "%o", UINT_MAX);
	EXPECT("1777777777777777777777", "%llo", ULLONG_MAX);
	EXPECT("0x1f", "%#x", 0x1fU);
	EXPECT("0X1F", "%#X", 0x1fU);
	EXPECT("0", "%#x", 0U);             /* C: no prefix on zero */
	EXPECT("017", "%#o", 017U);
	EXPECT("0", "%#o", 0U);
	EXPECT("01777777777777777777777", "%#llo", ULLONG_MAX);
	EXPECT("0xffffffffffffffff", "%#llx", ULLONG_MAX);
	EXPECT("cafe", "%zx", (size_t)0xcafe);
	EXPECT("beef", "%jx", (uintmax_t)0xbeef);
}

static void test_width_and_flags(void)
{
	EXPECT("   42", "%5d", 42);
	EXPECT("42   |", "%-5d|", 42);
	EXPECT("00042", "%05d", 42);
	EXPECT("-0042", "%05d", -42);
	EXPECT("+0042", "%+05d", 42);
	EXPECT(" 0042", "% 05d", 42);
	EXPECT("+42", "%+d", 42);
	EXPECT("-42", "%+d", -42);
	EXPECT("+0", "%+d", 0);
	EXPECT(" 42", "% d", 42);
	EXPECT("-42", "% d", -42);
	EXPECT_RAW("+42", "%+ d", 42);          /* C: '+' overrides ' ' */
	EXPECT_RAW("+42", "% +d", 42);
	EXPECT("42", "%1d", 42);
	EXPECT("-2147483648", "%5d", INT_MIN);
	EXPECT("   -2147483648", "%14d", INT_MIN);
	EXPECT("-0002147483648", "%014d", INT_MIN);
	EXPECT("0x00001f", "%#08x", 0x1fU);
	EXPECT("0X00001F", "%#08X", 0x1fU);
	EXPECT("    0x1f", "%#8x", 0x1fU);
	EXPECT("0x1f    |", "%-#8x|", 0x1fU);
	EXPECT("00000017", "%#08o", 017U);
	EXPECT("   42", "%*d", 5, 42);
	EXPECT("42   |", "%*d|", -5, 42); /* C: negative '*' width is '-' */
	EXPECT("42   |", "%-*d|", 5, 42);
	EXPECT("0000000000000000000000000000042", "%031d", 42);
	EXPECT("00000000ffffffff", "%016x", UINT_MAX);
	EXPECT("-9223372036854775808   |", "%-23lld|", LLONG_MIN);
	EXPECT("18446744073709551615", "%5llu", ULLONG_MAX);
	EXPECT("  18446744073709551615", "%22llu", ULLONG_MAX);
}

static void test_precision(void)
{
	EXPECT("00042", "%.5d", 42);
	EXPECT("-00042", "%.5d", -42);
	EXPECT("  00042", "%7.5d", 42);
	EXPECT_RAW("  00042", "%07.5d", 42);    /* C: precision cancels '0' */
	EXPECT_RAW(" -00042", "%07.5d", -42);
	EXPECT("00042  |", "%-7.5d|", 42);
	EXPECT("+00042", "%+.5d", 42);
	EXPECT("", "%.0d", 0);              /* C: no digits for zero */
	EXPECT("", "%.d", 0);
	EXPECT("   ", "%3.0d", 0);
	EXPECT("+", "%+.0d", 0);
	EXPECT(" ", "% .0d", 0);
	EXPECT("", "%.0u", 0U);
	EXPECT("", "%.0x", 0U);
	EXPECT("", "%#.0x", 0U);
	EXPECT("0", "%#.0o", 0U);           /* C: '#' forces the leading 0 */
	EXPECT("7", "%.0d", 7);
	EXPECT("0000ff", "%.6x", 0xffU);
	EXPECT("0x0000ff", "%#.6x", 0xffU);
	EXPECT("  0x0000ff", "%#10.6x", 0xffU);
	EXPECT_RAW("  0x0000ff", "%#010.6x", 0xffU);
	EXPECT("000017", "%#.6o", 017U);
	EXPECT("017", "%#.2o", 017U);
	EXPECT("017", "%#.3o", 017U);
	EXPECT("0017", "%#.4o", 017U);
	EXPECT("0042", "%.*d", 4, 42);
	EXPECT("42", "%.*d", -4, 42);       /* C: negative '*' precision: none */
	EXPECT_RAW("00042", "%0*.*d", 5, -1, 42);
	EXPECT("   0042", "%*.*d", 7, 4, 42);
	EXPECT("0042   |", "%*.*d|", -7, 4, 42);
	EXPECT("000000000000000000000000000042", "%.30d", 42);
	EXPECT("-000000009223372036854775808", "%.27lld", LLONG_MIN);
	EXPECT("0000018446744073709551615", "%.25llu", ULLONG_MAX);
}

static void test_strings_and_chars(void)
{
	EXPECT("abc", "%s", "abc");
	EXPECT("  abc", "%5s", "abc");
	EXPECT("abc  |", "%-5s|", "abc");
	EXPECT("ab", "%.2s", "abc");
	EXPECT("", "%.0s", "abc");
	EXPECT("abc", "%.10s", "abc");
	EXPECT("   ab", "%5.2s", "abc");
	EXPECT("ab   |", "%-5.2s|", "abc");
	EXPECT("   ab", "%*.*s", 5, 2, "abc");
	EXPECT("ab   |", "%*.*s|", -5, 2, "abc");
	EXPECT("abc", "%.*s", -1, "abc");
	EXPECT("abc", "%1s", "abc");
	EXPECT_RAW("(null)", "%s", (char *)NULL);
	EXPECT_RAW("    (null)", "%10s", (char *)NULL);
	EXPECT_RAW("(nu", "%.3s", (char *)NULL);
	EXPECT("x", "%c", 'x');
	EXPECT("    x", "%5c", 'x');
	EXPECT("x    |", "%-5c|", 'x');
	EXPECT("AB", "%c%c", 'A', 'B');
	EXPECT("\xe9", "%c", 0xe9);          /* converted to unsigned char */
	EXPECT("A", "%c", 0x141);
	EXPECT("[  hi]", "[%*s]", 4, "hi");
	EXPECT("\xc3\xa9t\xc3\xa9", "%s", "\xc3\xa9t\xc3\xa9");
	/* Not cross-checked against C: '0' is undefined with %s and %c. */
	EXPECT_RAW("   ab", "%05s", "ab");
	EXPECT_RAW("    c", "%05c", 'c');
}

static void test_pointers(void)
{
	EXPECT("0x80001234", "%p", (void *)(uintptr_t)0x80001234U);
	EXPECT("0x1", "%p", (void *)(uintptr_t)1U);
	EXPECT("0xdeadbeef", "%p", (void *)(uintptr_t)0xdeadbeefU);
	EXPECT("0x0", "%p", NULL);          /* Vireo: glibc prints "(nil)" */
	EXPECT("      0x1234", "%12p", (void *)(uintptr_t)0x1234U);
	EXPECT("0x1234      |", "%-12p|", (void *)(uintptr_t)0x1234U);
	if (sizeof(void *) == 8) {
		EXPECT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	} else {
		EXPECT("0xffffffff", "%p", (void *)UINTPTR_MAX);
	}
}

/* Cases a correct compiler would flag, so they bypass format checking. */
static void test_unknown_conversions(void)
{
	EXPECT_RAW("%y", "%y");
	EXPECT_RAW("a%yb", "a%yb");
	EXPECT_RAW("%-5y|", "%-5y|");
	EXPECT_RAW("%lly", "%lly");
	EXPECT_RAW("%f 3", "%f %d", 3);    /* no floating point */
	EXPECT_RAW("%", "%");              /* a lone '%' ends the format */
	EXPECT_RAW("ab%", "ab%");
	EXPECT_RAW("%5", "%5");
	EXPECT_RAW("%-0.3l", "%-0.3l");
	EXPECT_RAW("%", "%5%");            /* as glibc: the spec is ignored */
	EXPECT_RAW("%1$c", "%1$c", 'x');   /* positional arguments are not */
}

static void check_snprintk(int line, char *buf, size_t bufsize, size_t size,
			   int rc, const char *want_text, int want_rc)
{
	bool ok = rc == want_rc && strcmp(buf, want_text) == 0;
	size_t i;

	/* Invariant: nothing past str[size - 1] is written. */
	for (i = size; i < bufsize; i++) {
		ok = ok && buf[i] == '#';
	}
	record(ok, line, "snprintk truncation", buf, rc, want_text, want_rc);
}

static void test_snprintk_truncation(void)
{
	char buf[16];
	int rc;
	size_t size;
	/* want[size]; size 0 is checked on its own below. */
	static const char *const want[] = {
		"", "", "h", "he", "hel", "hell", "hello", "hello ",
		"hello -", "hello -1", "hello -12", "hello -123", "hello -123",
	};

	for (size = 1; size < sizeof(want) / sizeof(want[0]); size++) {
		memset(buf, '#', sizeof(buf));
		rc = snprintk(buf, size, "hello %d", -123);
		check_snprintk(__LINE__, buf, sizeof(buf), size, rc, want[size], 10);
	}
	memset(buf, '#', sizeof(buf));
	rc = snprintk(buf, 0, "hello %d", -123);
	record(rc == 10 && buf[0] == '#', __LINE__, "size 0", buf[0] == '#' ?
	       "(untouched)" : "(written)", rc, "(untouched)", 10);
	rc = snprintk(NULL, 0, "%s=%lld", "long", LLONG_MIN);
	record(rc == 25, __LINE__, "NULL, 0", "", rc, "", 25);
	memset(buf, '#', sizeof(buf));
	rc = snprintk(buf, 4, "%10s", "x");
	check_snprintk(__LINE__, buf, sizeof(buf), 4, rc, "   ", 10);
	memset(buf, '#', sizeof(buf));
	rc = snprintk(buf, 5, "%s", "");
	check_snprintk(__LINE__, buf, sizeof(buf), 5, rc, "", 0);
}

/* Fails after a set number of characters, to check error propagation. */
struct failing {
	int budget;
	int calls_after_error;
};

static int failing_put(int c, void *ctx)
{
	struct failing *f = ctx;

	if (f->budget < 0) {
		f->calls_after_error++;
	}
	if (f->budget-- <= 0) {
		return -5;
	}
	return c;
}

static void test_callback_errors(void)
{
	struct failing f;
	int budget;
	int rc;
	char got[64];

	for (budget = 0; budget < 12; budget++) {
		f.budget = budget;
		f.calls_after_error = 0;
		rc = cbprintf(failing_put, &f, "%5d and %s", 42, "more text");
		snprintf(got, sizeof(got), "rc %d, %d calls after error", rc,
			 f.calls_after_error);
		record(rc == -5 && f.calls_after_error == 0, __LINE__,
		       "%5d and %s (failing sink)", got, rc,
		       "rc -5, 0 calls after error", -5);
	}
	f.budget = 100;
	f.calls_after_error = 0;
	rc = cbprintf(failing_put, &f, "%5d and %s", 42, "more text");
	record(rc == 19, __LINE__, "%5d and %s (sink with room)", "", rc, "", 19);
}

/* xorshift64*: deterministic, so a failure reproduces on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned int rng_below(unsigned int n)
{
	return (unsigned int)(rng() % n);
}

/* Values clustered where formatting goes wrong: edges and short numbers. */
static uint64_t random_value(void)
{
	static const uint64_t edges[] = {
		0, 1, 7, 8, 9, 10, 15, 16, 99, 100, 127, 128, 255, 256,
		0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, 0xffffffffffffffffULL,
		999999999, 1000000000, 9999999999ULL, 10000000000ULL,
	};
	uint64_t v;

	switch (rng_below(4)) {
	case 0:
		v = edges[rng_below(sizeof(edges) / sizeof(edges[0]))];
		return rng_below(2) != 0 ? v : 0 - v;
	case 1:
		return rng() >> rng_below(64);
	default:
		return rng();
	}
}

struct random_format {
	char text[48];
	int stars[2];
	unsigned int nstars;
};

/* Appends flags, width and precision, each present or not at random. */
static void random_field(struct random_format *f, size_t *n, const char *flags)
{
	size_t i;

	for (i = 0; flags[i] != '\0'; i++) {
		if (rng_below(4) == 0) {
			f->text[(*n)++] = flags[i];
		}
	}
	switch (rng_below(4)) {
	case 0:
		f->stars[f->nstars++] = (int)rng_below(61) - 30;
		f->text[(*n)++] = '*';
		break;
	case 1:
		*n += (size_t)sprintf(f->text + *n, "%u", rng_below(30) + 1);
		break;
	default:
		break;
	}
	switch (rng_below(5)) {
	case 0:
		f->stars[f->nstars++] = (int)rng_below(41) - 10;
		*n += (size_t)sprintf(f->text + *n, ".*");
		break;
	case 1:
		*n += (size_t)sprintf(f->text + *n, ".%u", rng_below(30));
		break;
	case 2:
		f->text[(*n)++] = '.';
		break;
	default:
		break;
	}
}

/*
 * Formats one typed argument (after any '*' values) with the host's
 * snprintf into host[] and with snprintk into ours[], setting host_rc and
 * ours_rc; all four must be in scope.  arg is evaluated twice.
 */
#define FORMAT_BOTH(f, arg) do { \
	if ((f)->nstars == 0) { \
		host_rc = snprintf(host, BUF_SIZE, (f)->text, arg); \
		ours_rc = snprintk(ours, BUF_SIZE, (f)->text, arg); \
	} else if ((f)->nstars == 1) { \
		host_rc = snprintf(host, BUF_SIZE, (f)->text, (f)->stars[0], arg); \
		ours_rc = snprintk(ours, BUF_SIZE, (f)->text, (f)->stars[0], arg); \
	} else { \
		host_rc = snprintf(host, BUF_SIZE, (f)->text, (f)->stars[0], \
				     (f)->stars[1], arg); \
		ours_rc = snprintk(ours, BUF_SIZE, (f)->text, (f)->stars[0], \
				     (f)->stars[1], arg); \
	} \
} while (0)

static const char *const length_mods[] = { "", "hh", "h", "l", "ll", "z", "j", "t" };

/* Formats v as the type the length modifier names, signed or not. */
static void format_integer(const struct random_format *f, unsigned int len,
			   bool is_signed, uint64_t v, char *host, char *ours,
			   int *rcs)
{
	int host_rc = 0;
	int ours_rc = 0;

	switch (len * 2 + (is_signed ? 1 : 0)) {
	case 0: FORMAT_BOTH(f, (unsigned int)v); break;
	case 1: FORMAT_BOTH(f, (int)v); break;
	case 2: FORMAT_BOTH(f, (unsigned char)v); break;
	case 3: FORMAT_BOTH(f, (signed char)v); break;
	case 4: FORMAT_BOTH(f, (unsigned short)v); break;
	case 5: FORMAT_BOTH(f, (short)v); break;
	case 6: FORMAT_BOTH(f, (unsigned long)v); break;
	case 7: FORMAT_BOTH(f, (long)v); break;
	case 8: FORMAT_BOTH(f, (unsigned long long)v); break;
	case 9: FORMAT_BOTH(f, (long long)v); break;
	case 10: FORMAT_BOTH(f, (size_t)v); break;
	case 11: FORMAT_BOTH(f, (ssize_t)v); break;
	case 12: FORMAT_BOTH(f, (uintmax_t)v); break;
	case 13: FORMAT_BOTH(f, (intmax_t)v); break;
	case 14: FORMAT_BOTH(f, (size_t)v); break;
	default: FORMAT_BOTH(f, (ptrdiff_t)v); break;
	}
	rcs[0] = host_rc;
	rcs[1] = ours_rc;
}

static void random_integer_case(void)
{
	static const char convs[] = "diuxXo";
	struct random_format f = { .nstars = 0 };
	char host[BUF_SIZE];
	char ours[BUF_SIZE];
	int rcs[2];
	size_t n = 0;
	char conv = convs[rng_below(sizeof(convs) - 1)];
	bool is_signed = conv == 'd' || conv == 'i';
	unsigned int len = rng_below(8);

	f.text[n++] = '%';
	/* C leaves '#' undefined with %d, %i and %u. */
	random_field(&f, &n, conv == 'x' || conv == 'X' || conv == 'o' ?
		     "-0 +#" : "-0 +");
	n += (size_t)sprintf(f.text + n, "%s%c|", length_mods[len], conv);
	format_integer(&f, len, is_signed, random_value(), host, ours, rcs);
	record(rcs[0] == rcs[1] && strcmp(host, ours) == 0, __LINE__, f.text,
	       ours, rcs[1], host, rcs[0]);
}

/* %s with any width and precision; %c and %p with a width only. */
static void random_text_case(void)
{
	static const char *const texts[] = { "", "a", "hello", "0123456789abcdef" };
	struct random_format f = { .nstars = 0 };
	char host[BUF_SIZE];
	char ours[BUF_SIZE];
	int host_rc;
	int ours_rc;
	size_t n = 0;
	unsigned int kind = rng_below(3);
	unsigned int width = rng_below(24);
	const char *text;
	void *ptr;
	int c;

	f.text[n++] = '%';
	if (kind == 0) {
		random_field(&f, &n, "-");
		sprintf(f.text + n, "s|");
		text = texts[rng_below(4)];
		FORMAT_BOTH(&f, text);
	} else {
		/* C leaves '0' and a precision undefined with %c and %p. */
		if (rng_below(2) != 0) {
			f.text[n++] = '-';
		}
		if (width != 0) {
			n += (size_t)sprintf(f.text + n, "%u", width);
		}
		sprintf(f.text + n, "%c|", kind == 1 ? 'c' : 'p');
		if (kind == 1) {
			c = (int)rng_below(255) + 1;
			FORMAT_BOTH(&f, c);
		} else {
			/* Never NULL: glibc prints "(nil)" where Vireo prints 0x0. */
			ptr = (void *)(uintptr_t)(random_value() | 1U);
			FORMAT_BOTH(&f, ptr);
		}
	}
	record(host_rc == ours_rc && strcmp(host, ours) == 0, __LINE__, f.text,
	       ours, ours_rc, host, host_rc);
}

static void test_random_against_host(void)
{
	unsigned int i;

	for (i = 0; i < RANDOM_CASES; i++) {
		if (i % 8U == 7U) {
			random_text_case();
		} else {
			random_integer_case();
		}
	}
}

int main(void)
{
	test_plain_and_percent();
	test_signed();
	test_unsigned();
	test_hex_octal();
	test_width_and_flags();
	test_precision();
	test_strings_and_chars();
	test_pointers();
	test_unknown_conversions();
	test_snprintk_truncation();
	test_callback_errors();
	test_random_against_host();
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0U ? 1 : 0;
}
