/*
 * Waiting on a semaphore: timeouts, wake-ups by give and by reset, the
 * order in which waiters are served, and waiters that leave the queue by
 * timing out or being aborted. The test thread is cooperative (ztest's
 * default), so helpers run only when it blocks or calls run_others().
 * A tick is 1 ms.
 */
#include <vireo/ztest.h>
#include "helpers.h"

static struct k_sem sem;
static volatile int helper_rc[HELPER_COUNT];

#define ID(p) ((char)(uintptr_t)(p))

/* Take the semaphore for ever, then note who got it. */
static void take_forever(void *id, void *slot, void *unused)
{
	ARG_UNUSED(unused);
	helper_rc[(uintptr_t)slot] = k_sem_take(&sem, K_FOREVER);
	trace(ID(id));
}

static void give_after_20ms(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_msleep(20);
	k_sem_give(&sem);
}

static void sem_wait_before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_sem_init(&sem, 0, 10));
	trace_reset();
	for (int i = 0; i < HELPER_COUNT; i++) {
		helper_rc[i] = 1;
	}
}

static void sem_wait_after(void *fixture)
{
	ARG_UNUSED(fixture);
	helpers_abort_all();
}

ZTEST(sem_wait, test_take_timeout_expires)
{
	int64_t start = k_uptime_ticks();
	int rc = k_sem_take(&sem, K_MSEC(50));
	int64_t elapsed = k_uptime_ticks() - start;

	zassert_true(elapsed >= 50, "woke after %d ticks, before the 50 ms timeout", (int)elapsed);
	zassert_equal(rc, -EAGAIN, "a timed-out take returned %d, want -EAGAIN", rc);
	zassert_equal(k_sem_count_get(&sem), 0);
}

/* Once timed out, the waiter is off the queue: the next give is counted. */
ZTEST(sem_wait, test_timed_out_waiter_leaves_queue)
{
	(void)k_sem_take(&sem, K_MSEC(10));
	k_sem_give(&sem);
	zassert_equal(k_sem_count_get(&sem), 1);
}

ZTEST(sem_wait, test_take_forever_woken_by_give)
{
	int64_t start = k_uptime_ticks();
	int rc;

	helper_start(0, give_after_20ms, NULL, NULL, K_PRIO_PREEMPT(5));
	rc = k_sem_take(&sem, K_FOREVER);
	zassert_equal(rc, 0);
	zassert_true(k_uptime_ticks() - start >= 20, "returned before the give");
	/* The unit went straight to the waiter, not into the count. */
	zassert_equal(k_sem_count_get(&sem), 0);
}

static void take_timed_then_forever(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	helper_rc[0] = k_sem_take(&sem, K_MSEC(50));
	trace('1');
	helper_rc[1] = k_sem_take(&sem, K_FOREVER);
	trace('2');
}

/* A give before the deadline cancels the timeout: it must not fire later. */
ZTEST(sem_wait, test_give_before_timeout_cancels_it)
{
	helper_start(0, take_timed_then_forever, NULL, NULL, K_PRIO_PREEMPT(5));
	run_others();
	k_sem_give(&sem);
	run_others();
	zassert_equal(helper_rc[0], 0);
	zassert_str_equal(trace_get(), "1");
	/* Well past the first take's deadline: the second take still waits. */
	k_msleep(100);
	zassert_str_equal(trace_get(), "1", "a cancelled timeout woke the waiter");
	k_sem_give(&sem);
	zassert_true(helper_wait_done(0, 100));
	zassert_equal(helper_rc[1], 0);
	zassert_str_equal(trace_get(), "12");
}

ZTEST(sem_wait, test_reset_wakes_all_waiters_with_eagain)
{
	helper_start(0, take_forever, (void *)'a', (void *)0, K_PRIO_PREEMPT(5));
	helper_start(1, take_forever, (void *)'b', (void *)1, K_PRIO_PREEMPT(6));
	helper_start(2, take_forever, (void *)'c', (void *)2, K_PRIO_PREEMPT(7));
	run_others();
	zassert_str_equal(trace_get(), "", "a waiter did not block");

	k_sem_reset(&sem);
	zassert_equal(k_sem_count_get(&sem), 0);
	for (int i = 0; i < 3; i++) {
		zassert_true(helper_wait_done(i, 100), "waiter %d still blocked", i);
		zassert_equal(helper_rc[i], -EAGAIN, "waiter %d got %d", i, helper_rc[i]);
	}
	zassert_equal(k_sem_count_get(&sem), 0);
	/* Nobody is left waiting: a give is counted. */
	k_sem_give(&sem);
	zassert_equal(k_sem_count_get(&sem), 1);
}

/*
 * Waiters block one after another (run_others() between starts), then
 * are served one give at a time: by priority, and first come first served
 * among equals.
 */
ZTEST(sem_wait, test_waiters_served_by_priority_then_fifo)
{
	static const struct {
		char id;
		int prio;
	} w[HELPER_COUNT] = { { 'a', 6 }, { 'b', 8 }, { 'c', 6 }, { 'd', 4 } };

	for (int i = 0; i < HELPER_COUNT; i++) {
		helper_start(i, take_forever, (void *)(uintptr_t)w[i].id, (void *)(uintptr_t)i,
			     K_PRIO_PREEMPT(w[i].prio));
		run_others();
	}
	zassert_str_equal(trace_get(), "");
	for (int i = 0; i < HELPER_COUNT; i++) {
		k_sem_give(&sem);
		run_others();
	}
	zassert_str_equal(trace_get(), "dacb");
	zassert_equal(k_sem_count_get(&sem), 0);
}

/* A waiter whose priority changes takes its new place in the queue. */
ZTEST(sem_wait, test_waiter_priority_change_reorders_queue)
{
	helper_start(0, take_forever, (void *)'a', (void *)0, K_PRIO_PREEMPT(6));
	run_others();
	helper_start(1, take_forever, (void *)'b', (void *)1, K_PRIO_PREEMPT(8));
	run_others();
	k_thread_priority_set(helper_tid(1), K_PRIO_PREEMPT(4));
	k_sem_give(&sem);
	run_others();
	zassert_str_equal(trace_get(), "b", "the raised waiter was not served first");
	k_sem_give(&sem);
	run_others();
	zassert_str_equal(trace_get(), "ba");
}

ZTEST(sem_wait, test_aborted_waiter_leaves_queue)
{
	helper_start(0, take_forever, (void *)'a', (void *)0, K_PRIO_PREEMPT(5));
	run_others();
	k_thread_abort(helper_tid(0));
	k_sem_give(&sem);
	zassert_equal(k_sem_count_get(&sem), 1, "the give went to an aborted waiter");
	zassert_str_equal(trace_get(), "");
}

ZTEST(sem_wait, test_aborted_waiter_skipped_for_next)
{
	helper_start(0, take_forever, (void *)'a', (void *)0, K_PRIO_PREEMPT(5));
	helper_start(1, take_forever, (void *)'b', (void *)1, K_PRIO_PREEMPT(6));
	run_others();
	k_thread_abort(helper_tid(0));
	k_sem_give(&sem);
	zassert_true(helper_wait_done(1, 100), "the next waiter did not get the give");
	zassert_equal(helper_rc[1], 0);
	zassert_str_equal(trace_get(), "b");
	zassert_equal(k_sem_count_get(&sem), 0);
}

/* A higher-priority waiter woken by a preemptible giver runs at once. */
ZTEST(sem_wait, test_give_preempts_to_higher_priority_waiter)
{
	k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(10));
	helper_start(0, take_forever, (void *)'w', (void *)0, K_PRIO_PREEMPT(5));
	zassert_str_equal(trace_get(), "", "the waiter did not block");
	k_sem_give(&sem);
	trace('g');
	zassert_str_equal(trace_get(), "wg");
}

ZTEST_SUITE(sem_wait, NULL, NULL, sem_wait_before, sem_wait_after, NULL);
