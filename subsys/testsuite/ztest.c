/*
 * ztest runner: walks the linker-collected suites and cases, runs each
 * case between its suite's before/after hooks, and keeps the tally.
 *
 * A failed assertion (or ztest_test_fail/skip/pass) ends the case at once
 * by a longjmp back to run_case(); this runner owns the whole system while
 * it runs, so nothing else can observe the abandoned frames.
 * Output format (tests/ and scripts/testrunner.py rely on it):
 *   Running suite <suite>
 *    PASS - <suite>.<case>
 *    FAIL - <suite>.<case>: <file>:<line>: <expression>[: <message>]
 *    SKIP - <suite>.<case>
 *   <passed> passed, <failed> failed[, <skipped> skipped]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <vireo/sys/poweroff.h>
#include <vireo/ztest.h>

extern const struct ztest_suite_node _ztest_suite_node_list_start[];
extern const struct ztest_suite_node _ztest_suite_node_list_end[];
extern const struct ztest_unit_test _ztest_unit_test_list_start[];
extern const struct ztest_unit_test _ztest_unit_test_list_end[];

enum case_result { CASE_PASS = 1, CASE_FAIL, CASE_SKIP };

static jmp_buf case_exit;
static char fail_reason[160];
static unsigned int passed, failed, skipped;

static FUNC_NORETURN void end_case(enum case_result result)
{
	longjmp(case_exit, (int)result);
}

void ztest_test_fail(void)
{
	end_case(CASE_FAIL);
}

void ztest_test_pass(void)
{
	end_case(CASE_PASS);
}

void ztest_test_skip(void)
{
	end_case(CASE_SKIP);
}

void z_ztest_assert_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;
	int len = snprintk(fail_reason, sizeof(fail_reason), "%s:%d: %s", file, line, expr);

	/* fmt is ": " followed by the caller's message, if any. */
	if (fmt[2] != '\0' && len >= 0 && (size_t)len < sizeof(fail_reason)) {
		va_start(ap, fmt);
		(void)vsnprintk(fail_reason + len, sizeof(fail_reason) - (size_t)len, fmt, ap);
		va_end(ap);
	}
	end_case(CASE_FAIL);
}

/*
 * Run fn(arg) so that an assertion or ztest_test_*() inside it comes back
 * here: returns CASE_PASS when fn returns, else how the case was ended.
 * setjmp lives in this small frame so no caller variable is at risk.
 */
static int guarded(void (*fn)(void *), void *arg)
{
	int result = setjmp(case_exit);

	if (result == 0) {
		fn(arg);
		result = CASE_PASS;
	}
	return result;
}

struct case_call {
	const struct ztest_suite_node *suite;
	const struct ztest_unit_test *test;
	void *fixture;
};

static void case_body(void *arg)
{
	struct case_call *call = arg;

	if (call->suite->before != NULL) {
		call->suite->before(call->fixture);
	}
	call->test->test(call->fixture);
}

static void run_case(const struct ztest_suite_node *suite,
		     const struct ztest_unit_test *test, void *fixture)
{
	struct case_call call = { suite, test, fixture };
	int result;

	fail_reason[0] = '\0';
	result = guarded(case_body, &call);
	/* after() runs whatever the verdict, as in Zephyr; it may fail too. */
	if (suite->after != NULL && guarded(suite->after, fixture) == CASE_FAIL) {
		result = CASE_FAIL;
	}

	switch (result) {
	case CASE_PASS:
		passed++;
		printk(" PASS - %s.%s\n", suite->name, test->name);
		break;
	case CASE_SKIP:
		skipped++;
		printk(" SKIP - %s.%s\n", suite->name, test->name);
		break;
	default:
		failed++;
		printk(" FAIL - %s.%s: %s\n", suite->name, test->name,
		       fail_reason[0] != '\0' ? fail_reason : "ztest_test_fail()");
		break;
	}
}

struct setup_call {
	const struct ztest_suite_node *suite;
	void *fixture;
};

static void setup_body(void *arg)
{
	struct setup_call *call = arg;

	call->fixture = call->suite->setup();
}

static void run_suite(const struct ztest_suite_node *suite, int case_iter)
{
	struct setup_call setup = { suite, NULL };

	printk("Running suite %s\n", suite->name);
	fail_reason[0] = '\0';
	if (suite->setup != NULL && guarded(setup_body, &setup) != CASE_PASS) {
		failed++;
		printk(" FAIL - %s setup: %s\n", suite->name, fail_reason);
		return;
	}
	for (const struct ztest_unit_test *t = _ztest_unit_test_list_start;
	     t < _ztest_unit_test_list_end; t++) {
		if (strcmp(t->test_suite_name, suite->name) != 0) {
			continue;
		}
		for (int i = 0; i < case_iter; i++) {
			run_case(suite, t, setup.fixture);
		}
	}
	if (suite->teardown != NULL && guarded(suite->teardown, setup.fixture) == CASE_FAIL) {
		failed++;
		printk(" FAIL - %s teardown: %s\n", suite->name, fail_reason);
	}
}

void ztest_run_all(const void *state, bool shuffle, int suite_iter, int case_iter)
{
	ARG_UNUSED(shuffle);
	for (const struct ztest_suite_node *s = _ztest_suite_node_list_start;
	     s < _ztest_suite_node_list_end; s++) {
		if (s->predicate != NULL && !s->predicate(state)) {
			printk("Skipping suite %s (predicate)\n", s->name);
			continue;
		}
		for (int i = 0; i < suite_iter; i++) {
			run_suite(s, case_iter);
		}
	}
}

int ztest_verify_all_test_suites_ran(void)
{
	if (skipped != 0) {
		printk("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
	} else {
		printk("%u passed, %u failed\n", passed, failed);
	}
	if (passed + failed + skipped == 0) {
		printk("ztest: no test case ran\n");
		return 1;
	}
	return failed != 0 ? 1 : 0;
}

__weak void test_main(void)
{
	ztest_run_all(NULL, false, 1, 1);
}

int main(void)
{
	test_main();
	sys_poweroff_exit(ztest_verify_all_test_suites_ran());
}
