/*
 * ztest's own contract: setup builds the fixture once, before/after wrap
 * each case, teardown ends the suite, a false predicate skips a suite,
 * ZTEST_F passes the fixture, and every assertion macro accepts a true
 * condition with or without a message.
 */
#include <vireo/ztest.h>

struct lifecycle_fixture {
	int setups;
	int befores;
	int afters;
	char trace[16];
	int trace_len;
};

static struct lifecycle_fixture the_fixture;
static int teardowns;
static int skipped_suite_runs;

static void *lifecycle_setup(void)
{
	the_fixture.setups++;
	return &the_fixture;
}

static void lifecycle_before(void *f)
{
	struct lifecycle_fixture *fx = f;

	fx->befores++;
	fx->trace[fx->trace_len++] = 'b';
}

static void lifecycle_after(void *f)
{
	struct lifecycle_fixture *fx = f;

	fx->afters++;
	fx->trace[fx->trace_len++] = 'a';
}

static void lifecycle_teardown(void *f)
{
	zassert_equal_ptr(f, &the_fixture);
	teardowns++;
}

/* Cases run in name order: test_1 sees only its own before(). */
ZTEST_F(lifecycle, test_1_fixture_and_before)
{
	zassert_equal_ptr(fixture, &the_fixture);
	zassert_equal(fixture->setups, 1);
	zassert_equal(fixture->befores, 1);
	zassert_equal(fixture->afters, 0);
}

ZTEST_F(lifecycle, test_2_after_ran_between_cases)
{
	zassert_equal(fixture->setups, 1, "setup must run once per suite");
	zassert_equal(fixture->befores, 2);
	zassert_equal(fixture->afters, 1);
	zassert_mem_equal(fixture->trace, "bab", 3);
}

ZTEST_SUITE(lifecycle, NULL, lifecycle_setup, lifecycle_before, lifecycle_after,
	    lifecycle_teardown);

static bool never(const void *state)
{
	ARG_UNUSED(state);
	return false;
}

ZTEST(never_runs, test_must_not_run)
{
	skipped_suite_runs++;
	zassert_unreachable("a suite whose predicate is false ran");
}

ZTEST_SUITE(never_runs, never, NULL, NULL, NULL, NULL);

/* Suites run in name order too: "zz_checks" comes after "lifecycle". */
ZTEST(zz_checks, test_teardown_ran_and_predicate_skipped)
{
	zassert_equal(teardowns, 1);
	zassert_equal(skipped_suite_runs, 0);
}

ZTEST(zz_checks, test_assertions_accept_true_conditions)
{
	int x = 5;
	int *p = &x;
	char buf[4] = "abc";

	zassert_true(x == 5);
	zassert_false(x == 6, "with a message %d", x);
	zassert_ok(0);
	zassert_equal(x, 5);
	zassert_not_equal(x, 6);
	zassert_is_null(NULL);
	zassert_not_null(p);
	zassert_within(x, 7, 2);
	zassert_between_inclusive(x, 5, 5);
	zassert_mem_equal(buf, "abc", 4);
	zassert_str_equal(buf, "abc");
}

ZTEST_USER(zz_checks, test_user_case_runs)
{
	zassert_true(true);
}

ZTEST_SUITE(zz_checks, NULL, NULL, NULL, NULL, NULL);
