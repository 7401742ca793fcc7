/*
 * ztest runner. Each case (and each setup/before/after/teardown hook) runs
 * in a fresh thread, at CONFIG_ZTEST_THREAD_PRIORITY like Zephyr's, while
 * the main thread waits for it with k_thread_join(). A failed assertion or
 * ztest_test_fail/skip/pass records the verdict and aborts that thread, so
 * the runner simply goes on with the next case. A fault the case declared
 * with ztest_set_fault_valid(true) counts as a pass; any other fault in a
 * test thread fails the case and the run goes on.
 *
 * Output format (scripts/testrunner.py relies on it):
 *   Running suite <suite>
 *    PASS - <suite>.<case>
 *    FAIL - <suite>.<case>: <file>:<line>: <expression>[: <message>]
 *    SKIP - <suite>.<case>
 *   <passed> passed, <failed> failed[, <skipped> skipped]
 * The runner state is touched by one test thread at a time.
 */
#include <stdarg.h>
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>
#include <vireo/app_memory/app_memdomain.h>
#include <vireo/ztest.h>

extern const struct ztest_suite_node _ztest_suite_node_list_start[];
extern const struct ztest_suite_node _ztest_suite_node_list_end[];
extern const struct ztest_unit_test _ztest_unit_test_list_start[];
extern const struct ztest_unit_test _ztest_unit_test_list_end[];

enum case_result { CASE_PASS, CASE_FAIL, CASE_SKIP };

/*
 * What a ZTEST_USER case writes (its verdict and reason) lives in the
 * ztest partition, which the user test thread's domain grants.
 */
#ifdef CONFIG_USERSPACE
K_APPMEM_PARTITION_DEFINE(ztest_mem_partition);
static struct k_mem_domain ztest_domain;
#endif /* CONFIG_USERSPACE */

static struct k_thread test_thread Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(test_stack, CONFIG_ZTEST_STACK_SIZE);
ZTEST_BMEM static volatile enum case_result result;
static volatile bool fault_valid;
ZTEST_BMEM static char fail_reason[160];
static unsigned int passed, failed, skipped;

/* End the running case with @p r: stop the test thread and the caller. */
static FUNC_NORETURN void end_case(enum case_result r)
{
	result = r;
	if (k_current_get() != &test_thread) {
		k_thread_abort(&test_thread);
	}
	k_thread_abort(k_current_get());
	CODE_UNREACHABLE;
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

void ztest_set_fault_valid(bool valid)
{
	fault_valid = valid;
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
 * Fatal errors during a run. The kernel aborts the faulting thread when
 * this returns: if that is the test thread, the case ends with this
 * verdict; if it is a thread the case created, the case goes on (and can
 * check the aftermath). A fault in an ISR or in the runner itself cannot
 * be survived, so it ends the run as failed.
 */
void k_sys_fatal_error_handler(unsigned int reason, const struct arch_esf *esf)
{
	ARG_UNUSED(esf);
	if (k_is_in_isr() || reason == K_ERR_KERNEL_PANIC ||
	    k_current_get() == &z_main_thread) {
		printk("ztest: fatal error outside a test case, halting\n");
		sys_poweroff_exit(1);
	}
	if (fault_valid) {
		fault_valid = false;
		printk("ztest: caught the expected fault\n");
		result = CASE_PASS;
	} else {
		snprintk(fail_reason, sizeof(fail_reason), "unexpected fatal error %u (%s)",
			 reason, z_fatal_reason_str(reason));
		result = CASE_FAIL;
	}
}

static void thread_body(void *fn, void *arg, void *unused)
{
	ARG_UNUSED(unused);
	((void (*)(void *))fn)(arg);
}

/*
 * Run fn(arg) in the test thread and wait for it; return its verdict.
 * A ZTEST_USER case runs in user mode, in the ztest domain, with the
 * runner's permissions.
 */
static enum case_result run_in_thread(void (*fn)(void *), void *arg, uint32_t options)
{
	bool user = IS_ENABLED(CONFIG_USERSPACE) && (options & Z_ZTEST_USER_OPTION) != 0;

	result = CASE_PASS;
	fault_valid = false;
	k_thread_create(&test_thread, test_stack, K_THREAD_STACK_SIZEOF(test_stack),
			thread_body, (void *)fn, arg, NULL, CONFIG_ZTEST_THREAD_PRIORITY,
			user ? (K_USER | K_INHERIT_PERMS) : 0, K_FOREVER);
	k_thread_name_set(&test_thread, "ztest");
#ifdef CONFIG_USERSPACE
	if (user) {
		(void)k_mem_domain_add_thread(&ztest_domain, &test_thread);
	}
#endif /* CONFIG_USERSPACE */
	k_thread_start(&test_thread);
	(void)k_thread_join(&test_thread, K_FOREVER);
	return result;
}

struct case_call {
	const struct ztest_suite_node *suite;
	const struct ztest_unit_test *test;
	void *fixture;
};

/* The running case, where a user-mode test thread can read it. */
ZTEST_BMEM static struct case_call current_call;

static void case_body(void *arg)
{
	struct case_call *call = arg;

	if (call->suite->before != NULL) {
		call->suite->before(call->fixture);
	}
	call->test->test(call->fixture);
}

static void report(const struct ztest_suite_node *suite, const char *name, enum case_result r)
{
	switch (r) {
	case CASE_PASS:
		passed++;
		printk(" PASS - %s.%s\n", suite->name, name);
		break;
	case CASE_SKIP:
		skipped++;
		printk(" SKIP - %s.%s\n", suite->name, name);
		break;
	default:
		failed++;
		printk(" FAIL - %s.%s: %s\n", suite->name, name,
		       fail_reason[0] != '\0' ? fail_reason : "ztest_test_fail()");
		break;
	}
}

static void run_case(const struct ztest_suite_node *suite, const struct ztest_unit_test *test,
		     void *fixture)
{
	enum case_result r;

	current_call = (struct case_call){ suite, test, fixture };
	fail_reason[0] = '\0';
	r = run_in_thread(case_body, &current_call, test->thread_options);
	/* after() runs whatever the verdict, as in Zephyr; it may fail too. */
	if (suite->after != NULL && run_in_thread(suite->after, fixture, 0) == CASE_FAIL) {
		r = CASE_FAIL;
	}
	report(suite, test->name, r);
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
	if (suite->setup != NULL && run_in_thread(setup_body, &setup, 0) != CASE_PASS) {
		report(suite, "setup", CASE_FAIL);
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
	if (suite->teardown != NULL &&
	    run_in_thread(suite->teardown, setup.fixture, 0) == CASE_FAIL) {
		report(suite, "teardown", CASE_FAIL);
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
#ifdef CONFIG_USERSPACE
	struct k_mem_partition *parts[] = { &ztest_mem_partition };

	(void)k_mem_domain_init(&ztest_domain, 1, parts);
#endif /* CONFIG_USERSPACE */
	test_main();
	sys_poweroff_exit(ztest_verify_all_test_suites_ran());
}
