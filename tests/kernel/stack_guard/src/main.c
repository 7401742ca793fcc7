/*
 * The PMP stack guard of kernel threads (CONFIG_PMP_STACK_GUARD): a
 * thread that recurses past the bottom of its stack faults in its guard,
 * the report calls it a stack overflow, only that thread dies, and the
 * memory below the stack is untouched.
 */
#include <vireo/ztest.h>

/* The canary sits right below the stack object, where an overflow would go. */
#define STACK_BYTES K_THREAD_STACK_LEN(1024)
static struct {
	volatile uint32_t canary[16];
	k_thread_stack_t stack[STACK_BYTES] __aligned(ARCH_STACK_PTR_ALIGN);
} gs __aligned(16);
static struct k_thread recurser_thread;
static volatile int depth;
/* Never reached: it only keeps the compiler from calling the recursion endless. */
static volatile int limit = 1 << 30;

static int recurse(int n)
{
	volatile char frame[64];

	frame[0] = (char)n;
	depth = n;
	if (n >= limit) {
		return 0;
	}
	return recurse(n + 1) + frame[0];
}

static void recurser(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)recurse(0);
}

ZTEST(stack_guard, test_overflow_is_caught_in_the_guard)
{
	for (int i = 0; i < 16; i++) {
		gs.canary[i] = 0xc0ffee00u + (uint32_t)i;
	}
	ztest_set_fault_valid(true);
	k_thread_create(&recurser_thread, gs.stack, sizeof(gs.stack), recurser,
			NULL, NULL, NULL, K_PRIO_PREEMPT(1), 0, K_FOREVER);
	k_thread_name_set(&recurser_thread, "recurser");
	k_thread_start(&recurser_thread);
	zassert_ok(k_thread_join(&recurser_thread, K_MSEC(1000)));
	zassert_true(depth > 5, "it recursed (depth %d)", depth);
	for (int i = 0; i < 16; i++) {
		zassert_equal(gs.canary[i], 0xc0ffee00u + (uint32_t)i, "canary %d overwritten", i);
	}
}

ZTEST(stack_guard, test_system_goes_on)
{
	/* This case runs after the overflow: the scheduler and timer still work. */
	int64_t t0 = k_uptime_ticks();

	k_msleep(5);
	zassert_true(k_uptime_ticks() - t0 >= 5);
}

ZTEST_SUITE(stack_guard, NULL, NULL, NULL, NULL, NULL);
