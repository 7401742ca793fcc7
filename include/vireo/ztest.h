/*
 * ztest: the test framework, source-compatible with the subset of Zephyr's
 * ztest API below (new API: ZTEST_SUITE/ZTEST, fixtures, predicates).
 *
 * A test application enables CONFIG_ZTEST and defines no main(): the
 * framework's main() runs every suite, prints one line per test case
 * (PASS/FAIL/SKIP, with the failing assertion's file:line and message),
 * then "N passed, N failed[, N skipped]", and powers off with status 0
 * only if nothing failed and at least one case ran.
 *
 * Assertion messages are optional printf-style arguments:
 *   zassert_equal(rc, 0);  zassert_equal(rc, 0, "rc %d", rc);
 */
#ifndef VIREO_INCLUDE_ZTEST_H_
#define VIREO_INCLUDE_ZTEST_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <vireo/kernel.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>
#include <vireo/toolchain.h>

struct ztest_suite_node {
	const char *name;
	void *(*setup)(void);
	void (*before)(void *fixture);
	void (*after)(void *fixture);
	void (*teardown)(void *fixture);
	/** Run the suite only when this returns true (NULL: always). */
	bool (*predicate)(const void *global_state);
};

struct ztest_unit_test {
	const char *test_suite_name;
	const char *name;
	void (*test)(void *fixture);
	uint32_t thread_options;
};

typedef bool (*ztest_suite_predicate_t)(const void *global_state);

/**
 * @brief Define a test suite.
 * @param SUITE_NAME identifier naming the suite
 * @param PREDICATE  bool (*)(const void *state) or NULL
 * @param setup_fn   void *(*)(void), returns the fixture, or NULL
 * @param before_fn  void (*)(void *fixture) run before each test, or NULL
 * @param after_fn   void (*)(void *fixture) run after each test, or NULL
 * @param teardown_fn void (*)(void *fixture) run after the suite, or NULL
 */
#define ZTEST_SUITE(SUITE_NAME, PREDICATE, setup_fn, before_fn, after_fn,      \
		    teardown_fn)                                               \
	static const struct ztest_suite_node __used                            \
	__section("._ztest_suite_node." #SUITE_NAME)                           \
		z_ztest_suite_##SUITE_NAME = {                                 \
		.name = #SUITE_NAME, .setup = (setup_fn),                      \
		.before = (before_fn), .after = (after_fn),                    \
		.teardown = (teardown_fn), .predicate = (PREDICATE) }

#define Z_ZTEST_ENTRY(suite, fn, opts)                                         \
	static void z_ztest_wrapper_##suite##_##fn(void *fixture);             \
	static const struct ztest_unit_test __used                             \
	__section("._ztest_unit_test." #suite "." #fn)                         \
		z_ztest_unit_test_##suite##_##fn = {                           \
		.test_suite_name = #suite, .name = #fn,                        \
		.test = z_ztest_wrapper_##suite##_##fn,                        \
		.thread_options = (opts) }

#define Z_ZTEST(suite, fn, opts)                                               \
	Z_ZTEST_ENTRY(suite, fn, opts);                                        \
	static void suite##_##fn(void);                                        \
	static void z_ztest_wrapper_##suite##_##fn(void *fixture)              \
	{                                                                      \
		ARG_UNUSED(fixture);                                           \
		suite##_##fn();                                                \
	}                                                                      \
	static void suite##_##fn(void)

#define Z_ZTEST_F(suite, fn, opts)                                             \
	Z_ZTEST_ENTRY(suite, fn, opts);                                        \
	static void suite##_##fn(struct suite##_fixture *fixture);             \
	static void z_ztest_wrapper_##suite##_##fn(void *fixture)              \
	{                                                                      \
		suite##_##fn((struct suite##_fixture *)fixture);               \
	}                                                                      \
	static void suite##_##fn(struct suite##_fixture *fixture)

/*
 * Variables a ZTEST_USER case may touch: they go in the ztest partition,
 * which the user test thread's domain grants (Zephyr's names).
 */
#ifdef CONFIG_USERSPACE
#include <vireo/app_memory/app_memdomain.h>
extern struct k_mem_partition ztest_mem_partition;
#define ZTEST_DMEM K_APP_DMEM(ztest_mem_partition)
#define ZTEST_BMEM K_APP_BMEM(ztest_mem_partition)
#else
#define ZTEST_DMEM
#define ZTEST_BMEM
#endif /* CONFIG_USERSPACE */
#define ZTEST_SECTION ZTEST_DMEM

/* Thread option asking for a user-mode test thread (Zephyr's K_USER). */
#define Z_ZTEST_USER_OPTION (1U << 2)

/** @brief Define a test case of @p suite. */
#define ZTEST(suite, fn) Z_ZTEST(suite, fn, 0)
/** @brief A test case that receives the suite's fixture as `fixture`. */
#define ZTEST_F(suite, fn) Z_ZTEST_F(suite, fn, 0)
/**
 * @brief A test case that runs in user mode (in kernel mode without
 * CONFIG_USERSPACE, as in Zephyr). It inherits the runner's object
 * permissions; its own variables must be ZTEST_BMEM/ZTEST_DMEM.
 */
#define ZTEST_USER(suite, fn) Z_ZTEST(suite, fn, Z_ZTEST_USER_OPTION)
#define ZTEST_USER_F(suite, fn) Z_ZTEST_F(suite, fn, Z_ZTEST_USER_OPTION)

/** @brief Stop the current test case and report it failed. */
FUNC_NORETURN void ztest_test_fail(void);
/** @brief Stop the current test case and report it passed. */
FUNC_NORETURN void ztest_test_pass(void);
/** @brief Stop the current test case and report it skipped. */
FUNC_NORETURN void ztest_test_skip(void);

/**
 * @brief Declare that the next fatal error in the running case is
 * expected (Zephyr's ztest_error_hook.h): it then counts as a pass and
 * the faulting thread is aborted. Call it right before provoking the fault.
 */
void ztest_set_fault_valid(bool valid);

/** The main thread, which runs the suites (ztest must not abort it). */
extern struct k_thread z_main_thread;

/**
 * @brief Run every suite whose predicate accepts @p state.
 * @p shuffle is not supported (cases run in name order); the iteration
 * counts repeat each suite and each case.
 */
void ztest_run_all(const void *state, bool shuffle, int suite_iter, int case_iter);

/**
 * @brief Print the closing line; return 0 when nothing failed and at least
 * one case ran, 1 otherwise.
 */
int ztest_verify_all_test_suites_ran(void);

/**
 * @brief Entry of a test application. Weak in the framework: the default
 * runs every suite once; an application may define its own.
 */
void test_main(void);

FUNC_NORETURN void z_ztest_assert_fail(const char *file, int line, const char *expr,
				       const char *fmt, ...) __printf_like(4, 5);

/*
 * ": " __VA_ARGS__ turns an absent message into ": " and a present one
 * into ": <its format>" followed by its arguments; the separator keeps the
 * format non-empty for the compiler's printf checks.
 */
#define zassert(cond, expr, ...)                                                  \
	do {                                                                      \
		if (!(cond)) {                                                    \
			z_ztest_assert_fail(__FILE__, __LINE__, expr, ": " __VA_ARGS__); \
		}                                                                 \
	} while (0)

#define zassert_true(cond, ...) zassert(cond, #cond " is false", __VA_ARGS__)
#define zassert_false(cond, ...) zassert(!(cond), #cond " is true", __VA_ARGS__)
#define zassert_ok(cond, ...) zassert((cond) == 0, #cond " is non-zero", __VA_ARGS__)
#define zassert_equal(a, b, ...) \
	zassert((a) == (b), #a " not equal to " #b, __VA_ARGS__)
#define zassert_not_equal(a, b, ...) \
	zassert((a) != (b), #a " equal to " #b, __VA_ARGS__)
#define zassert_equal_ptr(a, b, ...) \
	zassert((const void *)(a) == (const void *)(b), #a " not equal to " #b, __VA_ARGS__)
#define zassert_is_null(ptr, ...) \
	zassert((ptr) == NULL, #ptr " is not NULL", __VA_ARGS__)
#define zassert_not_null(ptr, ...) \
	zassert((ptr) != NULL, #ptr " is NULL", __VA_ARGS__)
#define zassert_within(a, b, delta, ...)                                          \
	zassert(((a) >= ((b) - (delta))) && ((a) <= ((b) + (delta))),             \
		#a " not within " #b " +/- " #delta, __VA_ARGS__)
#define zassert_between_inclusive(a, lower, upper, ...)                           \
	zassert(((a) >= (lower)) && ((a) <= (upper)),                             \
		#a " not between " #lower " and " #upper " inclusive", __VA_ARGS__)
#define zassert_mem_equal(buf, exp, size, ...) \
	zassert(memcmp(buf, exp, size) == 0, #buf " not equal to " #exp, __VA_ARGS__)
#define zassert_str_equal(s1, s2, ...) \
	zassert(strcmp(s1, s2) == 0, #s1 " not equal to " #s2, __VA_ARGS__)
#define zassert_unreachable(...) zassert(0, "Reached unreachable code", __VA_ARGS__)

#endif /* VIREO_INCLUDE_ZTEST_H_ */
