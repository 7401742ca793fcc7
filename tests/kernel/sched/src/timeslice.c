/*
 * Round-robin time slicing (k_sched_time_slice_set): preemptible threads
 * of equal priority at or below the slicing priority share the CPU when
 * slicing is on; with it off, or above the slicing priority, the first
 * one keeps it; cooperative threads are never sliced.
 */
#include "helpers.h"

#define SPIN_MS 100

static volatile uint32_t spins[2];
static volatile bool spin_stop;

static void spinner(void *p1, void *p2, void *p3)
{
	unsigned int i = (unsigned int)(uintptr_t)p1;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (!spin_stop) {
		spins[i]++;
	}
}

/* Run two spinners at @p prio for SPIN_MS; return their counts in @p out. */
static void run_spinners(int prio, uint32_t out[2])
{
	k_tid_t a, b;

	spins[0] = spins[1] = 0;
	spin_stop = false;
	a = helper_spawn(spinner, (void *)0, NULL, NULL, prio, K_NO_WAIT);
	b = helper_spawn(spinner, (void *)1, NULL, NULL, prio, K_NO_WAIT);
	/* The case thread is cooperative and higher: they start when it sleeps. */
	k_msleep(SPIN_MS);
	out[0] = spins[0];
	out[1] = spins[1];
	spin_stop = true;
	zassert_equal(k_thread_join(a, K_MSEC(100)), 0);
	zassert_equal(k_thread_join(b, K_MSEC(100)), 0);
	printk("  spinner counts: %u, %u\n", (unsigned int)out[0], (unsigned int)out[1]);
}

ZTEST(sched_timeslice, test_slicing_shares_cpu)
{
	uint32_t n[2];

	REQUIRE_PREEMPT();
	k_sched_time_slice_set(5, 0);
	run_spinners(PREEMPT_LO, n);
	zassert_true(n[0] > 0 && n[1] > 0, "counts %u and %u", (unsigned int)n[0],
		     (unsigned int)n[1]);
	/* 20 slices in 100 ms: the shares are close. */
	zassert_true(n[0] < 3 * n[1] && n[1] < 3 * n[0], "unfair shares %u and %u",
		     (unsigned int)n[0], (unsigned int)n[1]);
}

ZTEST(sched_timeslice, test_no_slicing_first_keeps_cpu)
{
	uint32_t n[2];

	REQUIRE_PREEMPT();
	k_sched_time_slice_set(0, 0);
	run_spinners(PREEMPT_LO, n);
	zassert_true(n[0] > 0, "the first spinner did not run");
	zassert_equal(n[1], 0, "the second spinner ran %u times without slicing",
		      (unsigned int)n[1]);
}

ZTEST(sched_timeslice, test_no_slicing_above_slice_priority)
{
	uint32_t n[2];

	REQUIRE_PREEMPT();
	/* Only priorities PREEMPT_LOWER and below are sliced. */
	k_sched_time_slice_set(5, PREEMPT_LOWER);
	run_spinners(PREEMPT_LO, n);
	zassert_true(n[0] > 0, "the first spinner did not run");
	zassert_equal(n[1], 0, "a thread above the slicing priority was sliced (%u)",
		      (unsigned int)n[1]);
}

/* p1: index; p2: first hold the scheduler lock for this many ms. */
static void locking_spinner(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p3);
	k_sched_lock();
	k_busy_wait(1000U * (uint32_t)(uintptr_t)p2);
	k_sched_unlock();
	spinner(p1, NULL, NULL);
}

/*
 * A slice that ends while its thread holds k_sched_lock() cannot take
 * the CPU away; once the thread unlocks it is preemptible again and the
 * CPU is shared as before.
 */
ZTEST(sched_timeslice, test_slicing_resumes_after_sched_unlock)
{
	uint32_t n[2];
	k_tid_t a, b;

	REQUIRE_PREEMPT();
	k_sched_time_slice_set(5, 0);
	spins[0] = spins[1] = 0;
	spin_stop = false;
	a = helper_spawn(locking_spinner, (void *)0, (void *)20, NULL, PREEMPT_LO, K_NO_WAIT);
	b = helper_spawn(spinner, (void *)1, NULL, NULL, PREEMPT_LO, K_NO_WAIT);
	k_msleep(SPIN_MS);
	n[0] = spins[0];
	n[1] = spins[1];
	spin_stop = true;
	zassert_equal(k_thread_join(a, K_MSEC(100)), 0);
	zassert_equal(k_thread_join(b, K_MSEC(100)), 0);
	printk("  spinner counts: %u, %u\n", (unsigned int)n[0], (unsigned int)n[1]);
	zassert_true(n[0] > 0 && n[1] > 0, "counts %u and %u after the lock", (unsigned int)n[0],
		     (unsigned int)n[1]);
}

/* p1: index; p2: the thread to bring up to this one's priority first. */
static void promoting_spinner(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p3);
	k_thread_priority_set((k_tid_t)p2, k_thread_priority_get(k_current_get()));
	spinner(p1, NULL, NULL);
}

/*
 * The running thread gets an equal when another thread's priority is
 * raised to its own (here by itself, so no switch happens): from then on
 * the two share the CPU.
 */
ZTEST(sched_timeslice, test_slicing_after_priority_change_makes_equal)
{
	uint32_t n[2];
	k_tid_t a, b;

	REQUIRE_PREEMPT();
	k_sched_time_slice_set(5, 0);
	spins[0] = spins[1] = 0;
	spin_stop = false;
	b = helper_spawn(spinner, (void *)1, NULL, NULL, PREEMPT_LOWER, K_NO_WAIT);
	a = helper_spawn(promoting_spinner, (void *)0, b, NULL, PREEMPT_LO, K_NO_WAIT);
	k_msleep(SPIN_MS);
	n[0] = spins[0];
	n[1] = spins[1];
	spin_stop = true;
	zassert_equal(k_thread_join(a, K_MSEC(100)), 0);
	zassert_equal(k_thread_join(b, K_MSEC(100)), 0);
	printk("  spinner counts: %u, %u\n", (unsigned int)n[0], (unsigned int)n[1]);
	zassert_equal(k_thread_priority_get(b), PREEMPT_LO);
	zassert_true(n[0] > 0 && n[1] > 0, "counts %u and %u", (unsigned int)n[0],
		     (unsigned int)n[1]);
}

static volatile int64_t coop_first_end;
static volatile int64_t coop_second_start;

/* Spin until p1 ms of uptime have passed: a cooperative thread cannot be stopped. */
static void coop_spinner(void *p1, void *p2, void *p3)
{
	int64_t start = k_uptime_get();

	ARG_UNUSED(p3);
	if (p2 != NULL) {
		coop_second_start = start;
	}
	while (k_uptime_get() - start < (int64_t)(uintptr_t)p1) {
	}
	if (p2 == NULL) {
		coop_first_end = k_uptime_get();
	}
}

ZTEST(sched_timeslice, test_cooperative_threads_not_sliced)
{
	k_tid_t a, b;

	k_sched_time_slice_set(5, K_HIGHEST_THREAD_PRIO);
	coop_first_end = coop_second_start = -1;
	a = helper_spawn(coop_spinner, (void *)30, NULL, NULL, PRIO_LO, K_NO_WAIT);
	b = helper_spawn(coop_spinner, (void *)30, (void *)1, NULL, PRIO_LO, K_NO_WAIT);
	zassert_equal(k_thread_join(a, K_MSEC(200)), 0);
	zassert_equal(k_thread_join(b, K_MSEC(200)), 0);
	zassert_true(coop_second_start >= coop_first_end,
		     "the second started at %lld ms, before the first ended at %lld ms",
		     (long long)coop_second_start, (long long)coop_first_end);
}

ZTEST_SUITE(sched_timeslice, NULL, NULL, NULL, helpers_cleanup, NULL);
