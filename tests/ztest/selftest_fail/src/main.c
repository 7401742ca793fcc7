/*
 * The framework tested on itself: one case passes, one fails on purpose,
 * one skips. The run must be reported as failing (testcase.ini expects a
 * failure exit and the exact lines), so a framework that always says PASS
 * cannot slip through.
 */
#include <vireo/ztest.h>

ZTEST(selftest, test_a_passes)
{
	zassert_equal(1 + 1, 2);
}

ZTEST(selftest, test_b_fails_on_purpose)
{
	int answer = 41;

	zassert_equal(answer, 42, "answer was %d", answer);
	printk("not reached: the assertion must end the case\n");
}

ZTEST(selftest, test_c_skips)
{
	ztest_test_skip();
}

ZTEST(selftest, test_d_fails_without_message)
{
	zassert_true(0);
}

ZTEST_SUITE(selftest, NULL, NULL, NULL, NULL, NULL);
