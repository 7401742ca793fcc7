/*
 * k_thread_stack_space_get(): with CONFIG_INIT_STACKS the unused part of
 * a thread's stack is plausible (some used, most free) and shrinks when
 * the thread goes deeper.
 */
#include <string.h>
#include "thread_pool.h"

static volatile size_t unused_shallow;
static volatile size_t unused_deep;
static volatile int rc_shallow = -99;
static volatile int rc_deep = -99;

/* Touch @p bytes of stack below the caller, so the compiler cannot skip it. */
static __attribute__((noinline)) int dig(size_t bytes)
{
	volatile char buf[256];

	memset((char *)buf, 0x5a, sizeof(buf));
	if (bytes > sizeof(buf)) {
		return buf[0] + dig(bytes - sizeof(buf));
	}
	return buf[sizeof(buf) - 1];
}

static void stack_user(void *p1, void *p2, void *p3)
{
	size_t u;
	/*
	 * No interrupt frame in between: one landing before the first reading
	 * would put the high-water mark below this frame, and the dig would
	 * seem shallower than it is.
	 */
	unsigned int key = irq_lock();

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	rc_shallow = k_thread_stack_space_get(k_current_get(), &u);
	unused_shallow = u;
	(void)dig((size_t)(uintptr_t)p1);
	rc_deep = k_thread_stack_space_get(k_current_get(), &u);
	unused_deep = u;
	irq_unlock(key);
}

ZTEST(threads_stack, test_stack_space_get)
{
	const size_t size = helper_stack_size();
	/* Half the stack: deep enough to measure, far from overflowing it. */
	const size_t depth = size / 2;
	size_t after;
	k_tid_t t;

	t = helper_spawn(stack_user, (void *)(uintptr_t)depth, NULL, NULL, PRIO_HI, K_NO_WAIT);
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	if (!IS_ENABLED(CONFIG_INIT_STACKS)) {
		zassert_equal(rc_shallow, -ENOTSUP);
		return;
	}
	zassert_equal(rc_shallow, 0);
	zassert_equal(rc_deep, 0);
	zassert_true(unused_shallow > 0 && unused_shallow < size, "unused %u of %u",
		     (unsigned int)unused_shallow, (unsigned int)size);
	/* The entry wrapper and one call hardly use 512 bytes. */
	zassert_true(unused_shallow > size - 512, "unused %u of %u at the start",
		     (unsigned int)unused_shallow, (unsigned int)size);
	zassert_true(unused_deep + depth <= unused_shallow, "unused %u then %u after %u deeper",
		     (unsigned int)unused_shallow, (unsigned int)unused_deep,
		     (unsigned int)depth);
	zassert_true(unused_deep > 0);
	/* The high-water mark survives the thread. */
	zassert_equal(k_thread_stack_space_get(t, &after), 0);
	zassert_equal(after, unused_deep);
}

ZTEST(threads_stack, test_stack_space_of_running_case)
{
	size_t unused;

	zassert_equal(k_thread_stack_space_get(k_current_get(), &unused),
		      IS_ENABLED(CONFIG_INIT_STACKS) ? 0 : -ENOTSUP);
	if (IS_ENABLED(CONFIG_INIT_STACKS)) {
		zassert_true(unused > 0 && unused < CONFIG_ZTEST_STACK_SIZE, "unused %u",
			     (unsigned int)unused);
	}
}

ZTEST_SUITE(threads_stack, NULL, NULL, NULL, helpers_cleanup, NULL);
