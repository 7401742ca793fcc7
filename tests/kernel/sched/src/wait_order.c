/*
 * Who wakes first: threads blocked on one object wake in priority order,
 * first come first served among equal priorities, and a priority change
 * while blocked moves a thread within the queue. A timed wait that expires
 * returns -EAGAIN (the scheduler's pend path, seen through k_sem_take).
 */
#include "helpers.h"

static struct k_sem order_sem;

static void waiter(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	zassert_equal(k_sem_take(&order_sem, K_FOREVER), 0);
	trace_add((char)(uintptr_t)p1);
}

static k_tid_t waiters[HELPER_COUNT];

/* Start waiters one at a time, so they block in the order given. */
static void start_waiters(const char *ids, const int *prios, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		waiters[i] = helper_spawn(waiter, (void *)(uintptr_t)ids[i], NULL, NULL, prios[i],
					  K_NO_WAIT);
		k_msleep(2);
	}
}

/* Give one unit at a time and let the woken waiter say who it is. */
static void give_one_by_one(size_t n)
{
	for (size_t i = 0; i < n; i++) {
		k_sem_give(&order_sem);
		k_msleep(2);
	}
}

ZTEST(sched_wait, test_sem_wakes_highest_priority_first)
{
	/* Lowest priority blocks first: FIFO alone would give "abcde". */
	static const int prios[] = { PRIO_LOWER, PRIO_LO, PRIO_MID, PRIO_LO, PRIO_HI };

	k_sem_init(&order_sem, 0, 10);
	start_waiters("abcde", prios, ARRAY_SIZE(prios));
	zassert_str_equal(trace_get(), "", "a waiter did not block");
	give_one_by_one(ARRAY_SIZE(prios));
	zassert_str_equal(trace_get(), "ecbda", "wake order %s", trace_get());
	zassert_equal(k_sem_count_get(&order_sem), 0);
}

ZTEST(sched_wait, test_sem_equal_priorities_fifo)
{
	static const int prios[] = { PRIO_MID, PRIO_MID, PRIO_MID, PRIO_MID };

	k_sem_init(&order_sem, 0, 10);
	start_waiters("abcd", prios, ARRAY_SIZE(prios));
	give_one_by_one(ARRAY_SIZE(prios));
	zassert_str_equal(trace_get(), "abcd", "wake order %s", trace_get());
}

ZTEST(sched_wait, test_sem_burst_of_gives_runs_by_priority)
{
	static const int prios[] = { PRIO_LO, PRIO_MID, PRIO_LO, PRIO_HI };

	k_sem_init(&order_sem, 0, 10);
	start_waiters("abcd", prios, ARRAY_SIZE(prios));
	/* The giver is cooperative: all four wake before any runs. */
	for (size_t i = 0; i < ARRAY_SIZE(prios); i++) {
		k_sem_give(&order_sem);
	}
	zassert_str_equal(trace_get(), "", "a cooperative giver was preempted");
	k_msleep(2);
	zassert_str_equal(trace_get(), "dbac", "run order %s", trace_get());
}

ZTEST(sched_wait, test_priority_change_while_blocked_reorders)
{
	static const int prios[] = { PRIO_MID, PRIO_LO, PRIO_LOWER };

	k_sem_init(&order_sem, 0, 10);
	start_waiters("abc", prios, ARRAY_SIZE(prios));
	k_thread_priority_set(waiters[2], PRIO_HI);
	k_thread_priority_set(waiters[0], PRIO_LOWER);
	zassert_equal(k_thread_priority_get(waiters[2]), PRIO_HI);
	zassert_str_equal(trace_get(), "", "a priority change woke a blocked thread");
	give_one_by_one(ARRAY_SIZE(prios));
	zassert_str_equal(trace_get(), "cba", "wake order %s", trace_get());
}

ZTEST(sched_wait, test_timed_wait_expires_with_eagain)
{
	int64_t t0;
	int rc;

	k_sem_init(&order_sem, 0, 1);
	t0 = k_uptime_ticks();
	rc = k_sem_take(&order_sem, K_MSEC(10));
	zassert_equal(rc, -EAGAIN, "a timed-out k_sem_take returned %d", rc);
	zassert_true(ticks_since(t0) >= 10);
	zassert_equal(k_sem_take(&order_sem, K_NO_WAIT), -EBUSY);
}

ZTEST_SUITE(sched_wait, NULL, NULL, NULL, helpers_cleanup, NULL);
