/*
 * Thread attributes and scheduling controls (Zephyr's k_thread_name_set/get,
 * k_current_get, k_thread_priority_get/set, k_thread_suspend/resume).
 * Priority changes take effect at once: the helpers record the order in
 * which things happen in the trace and the cases compare it.
 */
#include <string.h>
#include "thread_pool.h"

static void idle_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
}

ZTEST(threads_api, test_name_set_get)
{
	static const char long_name[] = "a_thread_name_much_longer_than_any_limit_0123456789abcdef";
	k_tid_t t = helper_spawn(idle_entry, NULL, NULL, NULL, PRIO_HI, K_FOREVER);
	const char *name;

	if (CONFIG_THREAD_MAX_NAME_LEN == 0) {
		zassert_equal(k_thread_name_set(t, "x"), -ENOSYS);
		zassert_is_null(k_thread_name_get(t));
		return;
	}
	name = k_thread_name_get(t);
	zassert_not_null(name);
	zassert_str_equal(name, "", "a new thread is named '%s'", name);

	zassert_equal(k_thread_name_set(t, "worker"), 0);
	zassert_str_equal(k_thread_name_get(t), "worker");

	zassert_equal(k_thread_name_set(t, long_name), 0);
	name = k_thread_name_get(t);
	zassert_equal(strlen(name), CONFIG_THREAD_MAX_NAME_LEN - 1, "length %u",
		      (unsigned int)strlen(name));
	zassert_mem_equal(name, long_name, CONFIG_THREAD_MAX_NAME_LEN - 1);

	/* NULL names the calling thread. */
	zassert_equal(k_thread_name_set(NULL, "self"), 0);
	zassert_str_equal(k_thread_name_get(k_current_get()), "self");
}

static volatile k_tid_t current_seen;

static void note_current(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	current_seen = k_current_get();
}

ZTEST(threads_api, test_current_get)
{
	k_tid_t self = k_current_get();
	k_tid_t t;

	zassert_not_null(self);
	zassert_not_equal(self, &z_main_thread, "cases run in their own thread");
	zassert_equal(k_thread_priority_get(self), CONFIG_ZTEST_THREAD_PRIORITY);
	t = helper_spawn(note_current, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	zassert_equal_ptr(current_seen, t);
	zassert_equal_ptr(k_current_get(), self);
}

ZTEST(threads_api, test_priority_get_set)
{
	k_tid_t self = k_current_get();
	k_tid_t t = helper_spawn(idle_entry, NULL, NULL, NULL, PRIO_MID, K_FOREVER);

	zassert_equal(k_thread_priority_get(t), PRIO_MID);
	k_thread_priority_set(t, PRIO_LO);
	zassert_equal(k_thread_priority_get(t), PRIO_LO);
	k_thread_priority_set(t, PRIO_HI);
	zassert_equal(k_thread_priority_get(t), PRIO_HI);

	k_thread_priority_set(self, PRIO_LO);
	zassert_equal(k_thread_priority_get(self), PRIO_LO);
	k_thread_priority_set(self, CONFIG_ZTEST_THREAD_PRIORITY);
	zassert_equal(k_thread_priority_get(self), CONFIG_ZTEST_THREAD_PRIORITY);
}

static void trace_r(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('r');
}

/* p1: priority of the ready thread r; p2: the priority to drop to. */
static void lower_self(void *p1, void *p2, void *p3)
{
	k_tid_t r = helper_spawn(trace_r, NULL, NULL, NULL, (int)(intptr_t)p1, K_NO_WAIT);

	ARG_UNUSED(p3);
	trace_add('a');
	k_thread_priority_set(k_current_get(), (int)(intptr_t)p2);
	trace_add('b');
	zassert_equal(k_thread_priority_get(k_current_get()), (int)(intptr_t)p2);
	zassert_equal(k_thread_join(r, K_FOREVER), 0);
}

ZTEST(threads_api, test_priority_lower_self_preemptible_switches)
{
	k_tid_t s;

	REQUIRE_PREEMPT();
	s = helper_spawn(lower_self, (void *)(intptr_t)PREEMPT_LO, (void *)(intptr_t)PREEMPT_LOWER,
			 NULL, PREEMPT_MID, K_NO_WAIT);
	zassert_equal(k_thread_join(s, K_FOREVER), 0);
	zassert_str_equal(trace_get(), "arb", "order %s", trace_get());
}

/*
 * Zephyr reschedules at once when a thread changes a ready thread's
 * priority (k_thread_priority_set: "rescheduling can occur immediately"),
 * whatever the caller's own priority: a cooperative thread that drops
 * below a ready thread has given the CPU away.
 */
ZTEST(threads_api, test_priority_lower_self_cooperative_switches)
{
	k_tid_t s = helper_spawn(lower_self, (void *)(intptr_t)PRIO_LO,
				 (void *)(intptr_t)PRIO_LOWER, NULL, PRIO_MID, K_NO_WAIT);

	zassert_equal(k_thread_join(s, K_FOREVER), 0);
	zassert_str_equal(trace_get(), "arb", "order %s", trace_get());
}

static void raise_other(void *p1, void *p2, void *p3)
{
	k_tid_t r = helper_spawn(trace_r, NULL, NULL, NULL, PREEMPT_LO, K_NO_WAIT);

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('a');
	k_thread_priority_set(r, PREEMPT_HI);
	trace_add('b');
	zassert_equal(k_thread_join(r, K_FOREVER), 0);
}

ZTEST(threads_api, test_priority_raise_other_preempts)
{
	k_tid_t s;

	REQUIRE_PREEMPT();
	s = helper_spawn(raise_other, NULL, NULL, NULL, PREEMPT_MID, K_NO_WAIT);
	zassert_equal(k_thread_join(s, K_FOREVER), 0);
	zassert_str_equal(trace_get(), "arb", "order %s", trace_get());
}

static volatile int ticker_count;
static volatile bool ticker_stop;

static void ticker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (!ticker_stop) {
		ticker_count++;
		k_msleep(2);
	}
}

ZTEST(threads_api, test_suspend_resume_sleeping_thread)
{
	k_tid_t t;
	int c;

	ticker_count = 0;
	ticker_stop = false;
	t = helper_spawn(ticker, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(20);
	zassert_true(ticker_count > 0);
	k_thread_suspend(t);
	c = ticker_count;
	k_msleep(30);
	zassert_equal(ticker_count, c, "a suspended thread ran");
	k_thread_resume(t);
	k_msleep(20);
	zassert_true(ticker_count > c, "a resumed thread did not run");
	ticker_stop = true;
	zassert_equal(k_thread_join(t, K_MSEC(100)), 0);
}

static volatile int ran;

static void mark_ran(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ran++;
}

ZTEST(threads_api, test_suspend_ready_thread)
{
	k_tid_t t;

	ran = 0;
	t = helper_spawn(mark_ran, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_thread_suspend(t);
	k_msleep(20);
	zassert_equal(ran, 0, "a suspended ready thread ran");
	zassert_equal(k_thread_join(t, K_NO_WAIT), -EBUSY);
	k_thread_resume(t);
	zassert_equal(k_thread_join(t, K_MSEC(100)), 0);
	zassert_equal(ran, 1);
}

static void suspend_self(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('a');
	k_thread_suspend(k_current_get());
	trace_add('b');
}

ZTEST(threads_api, test_suspend_self)
{
	k_tid_t t = helper_spawn(suspend_self, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);

	k_msleep(10);
	zassert_str_equal(trace_get(), "a", "order %s", trace_get());
	/* Resuming a thread that is not suspended has no effect. */
	k_thread_resume(k_current_get());
	k_thread_resume(t);
	zassert_equal(k_thread_join(t, K_MSEC(100)), 0);
	zassert_str_equal(trace_get(), "ab");
}

ZTEST_SUITE(threads_api, NULL, NULL, NULL, helpers_cleanup, NULL);
