/*
 * The small harness the host unit tests share: named cases, checks that
 * report the first failures of a case with their line and a "where"
 * context (set by randomized runs), and the closing "N passed, N failed"
 * line. Header-only: a test program includes it once, in its one file.
 */
#ifndef VIREO_TESTS_UNIT_CHECK_H_
#define VIREO_TESTS_UNIT_CHECK_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#define MAX_REPORTS_PER_CASE 8U

static const char *case_name;
static unsigned int case_arg;
static unsigned int case_failures;
static unsigned int cases_passed;
static unsigned int cases_failed;

/* Where a randomized run is, printed with each failure it reports. */
static char where[200];

/* Called after a failed case, to print what reproduces it (optional). */
static void (*unit_failed_case_hook)(void);

/*
 * Count a failed check and print it, unless the case already printed
 * enough; returns true when it printed (the caller may add details).
 */
static bool unit_report(int line, const char *fmt, va_list ap)
{
	if (case_failures++ >= MAX_REPORTS_PER_CASE) {
		return false;
	}
	printf("FAIL %s(%u) line %d: ", case_name, case_arg, line);
	vprintf(fmt, ap);
	printf("%s%s\n", where[0] != '\0' ? " at " : "", where);
	return true;
}

__attribute__((format(printf, 3, 4), unused))
static bool check(bool ok, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		return true;
	}
	va_start(ap, fmt);
	(void)unit_report(line, fmt, ap);
	va_end(ap);
	return false;
}

__attribute__((unused))
static bool check_eq(long long got, long long want, int line, const char *expr)
{
	return check(got == want, line, "%s: got %lld (0x%llx), expected %lld (0x%llx)", expr, got,
		     (unsigned long long)got, want, (unsigned long long)want);
}

#define CHECK(cond) check((cond), __LINE__, "%s", #cond)
#define CHECK_EQ(got, want) check_eq((long long)(got), (long long)(want), __LINE__, #got)

__attribute__((unused))
static void run_case(const char *name, void (*fn)(unsigned int), unsigned int arg)
{
	case_name = name;
	case_arg = arg;
	case_failures = 0U;
	where[0] = '\0';
	fn(arg);
	if (case_failures == 0U) {
		cases_passed++;
		return;
	}
	if (case_failures > MAX_REPORTS_PER_CASE) {
		printf("     %s(%u): %u failed checks in all\n", name, arg, case_failures);
	}
	if (unit_failed_case_hook != NULL) {
		unit_failed_case_hook();
	}
	cases_failed++;
}

/* The closing line; the program's exit status. */
__attribute__((unused))
static int unit_summary(void)
{
	printf("%u passed, %u failed\n", cases_passed, cases_failed);
	return cases_failed == 0U ? 0 : 1;
}

#endif /* VIREO_TESTS_UNIT_CHECK_H_ */
