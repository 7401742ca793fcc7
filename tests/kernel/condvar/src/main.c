/*
 * k_condvar: signal wakes one waiter (the highest-priority one), broadcast
 * wakes all and counts them, a woken waiter owns the mutex again, the
 * mutex is free while the waiter sleeps, timeouts, misuse, and the
 * release-and-wait step being atomic: a mutex waiter of higher priority
 * that signals as soon as it gets the mutex must not be missed.
 */
#include <vireo/ztest.h>

#define NUM_HELPERS 3
#define HELPER_STACK_SIZE 1024
#define HELPER_PRIO 5

K_CONDVAR_DEFINE(static_cv);
K_MUTEX_DEFINE(static_mutex);
static struct k_condvar cv;
static struct k_mutex mutex;

static K_THREAD_STACK_ARRAY_DEFINE(helper_stacks, NUM_HELPERS, HELPER_STACK_SIZE);
static struct k_thread helpers[NUM_HELPERS];
static bool helper_used[NUM_HELPERS];

/* Per helper: wait result, unlock result after waking, wake order. */
static volatile int wait_rc[NUM_HELPERS];
static volatile int unlock_rc[NUM_HELPERS];
static volatile int woke_order[NUM_HELPERS];
static volatile int wakeups;

static void spawn(int idx, k_thread_entry_t fn, int prio)
{
	helper_used[idx] = true;
	wait_rc[idx] = 1; /* still waiting */
	unlock_rc[idx] = 1;
	woke_order[idx] = -1;
	k_thread_create(&helpers[idx], helper_stacks[idx], K_THREAD_STACK_SIZEOF(helper_stacks[idx]),
			fn, (void *)(intptr_t)idx, NULL, NULL, prio, 0, K_NO_WAIT);
}

static void join(int idx)
{
	zassert_ok(k_thread_join(&helpers[idx], K_MSEC(1000)), "helper %d did not finish", idx);
}

static void waiter(void *p1, void *p2, void *p3)
{
	int idx = (int)(intptr_t)p1;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_mutex_lock(&mutex, K_FOREVER);
	wait_rc[idx] = k_condvar_wait(&cv, &mutex, K_FOREVER);
	woke_order[idx] = wakeups++;
	/* Succeeds only if the wait gave the mutex back to this thread. */
	unlock_rc[idx] = k_mutex_unlock(&mutex);
}

static void before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_condvar_init(&cv));
	zassert_ok(k_mutex_init(&mutex));
	wakeups = 0;
}

static void after(void *fixture)
{
	ARG_UNUSED(fixture);
	for (int i = 0; i < NUM_HELPERS; i++) {
		if (helper_used[i]) {
			k_thread_abort(&helpers[i]);
			helper_used[i] = false;
		}
	}
}

ZTEST(condvar, test_signal_wakes_one)
{
	spawn(0, waiter, HELPER_PRIO);
	spawn(1, waiter, HELPER_PRIO);
	k_msleep(5);
	/* Both wait, and neither holds the mutex meanwhile. */
	zassert_equal(wait_rc[0], 1);
	zassert_equal(wait_rc[1], 1);
	zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT));
	zassert_ok(k_condvar_signal(&cv));
	zassert_ok(k_mutex_unlock(&mutex));
	k_msleep(5);
	zassert_equal(wakeups, 1, "one signal woke %d threads", wakeups);
	/* First come, first woken among equals. */
	zassert_equal(wait_rc[0], 0);
	zassert_equal(unlock_rc[0], 0, "the woken thread did not own the mutex");
	zassert_equal(wait_rc[1], 1);
	zassert_ok(k_condvar_signal(&cv));
	join(1);
	zassert_equal(wait_rc[1], 0);
	zassert_equal(unlock_rc[1], 0);
	zassert_ok(k_condvar_signal(&cv), "signal without waiters");
}

ZTEST(condvar, test_signal_wakes_highest_priority)
{
	spawn(0, waiter, HELPER_PRIO + 2);
	k_msleep(2);
	spawn(1, waiter, HELPER_PRIO);
	k_msleep(2);
	zassert_ok(k_condvar_signal(&cv));
	join(1);
	zassert_equal(wait_rc[0], 1, "the low-priority waiter went first");
	zassert_ok(k_condvar_signal(&cv));
	join(0);
}

ZTEST(condvar, test_broadcast_wakes_all)
{
	for (int i = 0; i < NUM_HELPERS; i++) {
		spawn(i, waiter, HELPER_PRIO);
	}
	k_msleep(5);
	zassert_equal(k_condvar_broadcast(&cv), NUM_HELPERS);
	for (int i = 0; i < NUM_HELPERS; i++) {
		join(i);
		zassert_equal(wait_rc[i], 0);
		zassert_equal(unlock_rc[i], 0, "waiter %d did not get the mutex back", i);
	}
	zassert_equal(wakeups, NUM_HELPERS);
	zassert_equal(k_condvar_broadcast(&cv), 0);
}

ZTEST(condvar, test_wait_times_out_and_relocks)
{
	int64_t t0;

	zassert_ok(k_mutex_lock(&mutex, K_FOREVER));
	t0 = k_uptime_ticks();
	zassert_equal(k_condvar_wait(&cv, &mutex, K_MSEC(20)), -EAGAIN);
	zassert_between_inclusive(k_uptime_ticks() - t0, 20, 22);
	zassert_equal(mutex.owner, k_current_get());
	zassert_ok(k_mutex_unlock(&mutex));
}

ZTEST(condvar, test_no_wait_and_misuse)
{
	zassert_equal(k_condvar_wait(&cv, &mutex, K_MSEC(5)), -EPERM, "mutex not held");
	zassert_ok(k_mutex_lock(&mutex, K_FOREVER));
	zassert_equal(k_condvar_wait(&cv, &mutex, K_NO_WAIT), -EAGAIN);
	zassert_equal(mutex.owner, k_current_get());
	zassert_ok(k_mutex_unlock(&mutex));
}

ZTEST(condvar, test_static_objects)
{
	zassert_ok(k_mutex_lock(&static_mutex, K_FOREVER));
	zassert_equal(k_condvar_wait(&static_cv, &static_mutex, K_MSEC(2)), -EAGAIN);
	zassert_ok(k_mutex_unlock(&static_mutex));
	zassert_equal(k_condvar_broadcast(&static_cv), 0);
}

/*
 * The lost-wakeup case. A (low priority) holds the mutex; B (high
 * priority) waits for it. A's k_condvar_wait() hands the mutex to B,
 * which then preempts A and signals at once. A must already be waiting.
 */
static volatile int a_rc, b_signalled;

static void thread_a(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_mutex_lock(&mutex, K_FOREVER);
	k_msleep(10); /* B blocks on the mutex meanwhile */
	a_rc = k_condvar_wait(&cv, &mutex, K_MSEC(200));
	(void)k_mutex_unlock(&mutex);
}

static void thread_b(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_mutex_lock(&mutex, K_FOREVER);
	b_signalled = 1;
	(void)k_condvar_signal(&cv);
	(void)k_mutex_unlock(&mutex);
}

ZTEST(condvar, test_release_and_wait_is_atomic)
{
	a_rc = 1;
	b_signalled = 0;
	spawn(0, thread_a, HELPER_PRIO + 2);
	k_msleep(2);
	spawn(1, thread_b, HELPER_PRIO);
	join(0);
	join(1);
	zassert_equal(b_signalled, 1);
	zassert_equal(a_rc, 0, "the signal sent right after the release was lost (rc %d)", a_rc);
}

ZTEST_SUITE(condvar, NULL, NULL, before, after, NULL);
