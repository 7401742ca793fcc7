/*
 * Thread life cycle (Zephyr's k_thread_create, k_thread_start,
 * k_thread_abort, k_thread_join): start now, later or on demand; the entry
 * receives p1..p3; returning from it ends the thread cleanly; abort works
 * on ready, running and blocked threads; join reports every documented
 * return code and wakes every joiner.
 */
#include "thread_pool.h"

static volatile int entered;
static volatile int finished;
static void *volatile seen_p[3];
static volatile k_tid_t seen_self;
static volatile int64_t started_at;

static void record_entry(void *p1, void *p2, void *p3)
{
	seen_p[0] = p1;
	seen_p[1] = p2;
	seen_p[2] = p3;
	seen_self = k_current_get();
	started_at = k_uptime_ticks();
	entered++;
}

static void reset_records(void)
{
	entered = 0;
	finished = 0;
	seen_p[0] = seen_p[1] = seen_p[2] = NULL;
	seen_self = NULL;
	started_at = -1;
}

ZTEST(threads_lifecycle, test_create_no_wait_passes_params)
{
	static int marker;
	k_tid_t t;

	reset_records();
	t = helper_spawn(record_entry, (void *)0x1234, &marker, (void *)-7, PRIO_HI, K_NO_WAIT);
	zassert_not_null(t);
	/* The creator is cooperative: the new thread waits for it to block. */
	zassert_equal(entered, 0, "a cooperative creator was preempted");
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	zassert_equal(entered, 1);
	zassert_equal_ptr(seen_p[0], (void *)0x1234);
	zassert_equal_ptr(seen_p[1], &marker);
	zassert_equal_ptr(seen_p[2], (void *)-7);
	zassert_equal_ptr(seen_self, t, "k_current_get() in the thread is not its id");
}

ZTEST(threads_lifecycle, test_create_forever_waits_for_start)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_FOREVER);
	k_msleep(20);
	zassert_equal(entered, 0, "a K_FOREVER thread ran without k_thread_start()");
	zassert_equal(k_thread_join(t, K_NO_WAIT), -EBUSY, "an unstarted thread is not dead");
	k_thread_start(t);
	zassert_equal(k_thread_join(t, K_MSEC(100)), 0);
	zassert_equal(entered, 1);
}

ZTEST(threads_lifecycle, test_create_with_delay_starts_no_earlier)
{
	const int delay_ms = 30;
	int64_t t0;
	k_tid_t t;

	reset_records();
	t0 = k_uptime_ticks();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_MSEC(delay_ms));
	k_msleep(delay_ms / 2);
	zassert_equal(entered, 0, "started after %lld ticks of a %d ms delay",
		      (long long)ticks_since(t0), delay_ms);
	zassert_equal(k_thread_join(t, K_MSEC(200)), 0);
	zassert_equal(entered, 1);
	zassert_true(started_at - t0 >= k_ms_to_ticks_ceil64(delay_ms), "started %lld ticks after creation",
		     (long long)(started_at - t0));
	zassert_true(started_at - t0 <= k_ms_to_ticks_ceil64(delay_ms) + 2, "started %lld ticks after creation",
		     (long long)(started_at - t0));
}

static void return_early(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	entered++;
	if (p1 != NULL) {
		return;
	}
	finished++;
}

ZTEST(threads_lifecycle, test_entry_return_terminates_cleanly)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(return_early, (void *)1, NULL, NULL, PRIO_HI, K_NO_WAIT);
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	zassert_equal(entered, 1);
	zassert_equal(finished, 0);
	/* Dead for good: joins succeed at once, abort is a no-op. */
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	k_thread_abort(t);
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

ZTEST(threads_lifecycle, test_abort_ready_thread_never_runs)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_thread_abort(t);
	k_msleep(10);
	zassert_equal(entered, 0, "an aborted ready thread ran");
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

ZTEST(threads_lifecycle, test_abort_delayed_thread_never_starts)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_MSEC(10));
	k_thread_abort(t);
	k_msleep(30);
	zassert_equal(entered, 0, "the delayed start of an aborted thread fired");
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

ZTEST(threads_lifecycle, test_start_after_abort_does_nothing)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_FOREVER);
	k_thread_abort(t);
	k_thread_start(t);
	k_msleep(5);
	zassert_equal(entered, 0, "an aborted thread ran after k_thread_start()");
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

static void abort_self(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	entered++;
	k_thread_abort(k_current_get());
	finished++;
}

ZTEST(threads_lifecycle, test_abort_self)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(abort_self, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	zassert_equal(k_thread_join(t, K_MSEC(100)), 0);
	zassert_equal(entered, 1);
	zassert_equal(finished, 0, "k_thread_abort(self) returned");
}

static struct k_sem abort_sem;

static void take_sem(void *p1, void *p2, void *p3)
{
	k_timeout_t timeout = *(k_timeout_t *)p1;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	entered++;
	(void)k_sem_take(&abort_sem, timeout);
	finished++;
}

ZTEST(threads_lifecycle, test_abort_thread_blocked_on_sem)
{
	static k_timeout_t forever = K_FOREVER;
	k_tid_t t;

	reset_records();
	k_sem_init(&abort_sem, 0, 10);
	t = helper_spawn(take_sem, &forever, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(5);
	zassert_equal(entered, 1, "the helper did not block");
	k_thread_abort(t);
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
	/* It left the wait queue: the unit is counted, not handed to it. */
	k_sem_give(&abort_sem);
	zassert_equal(k_sem_count_get(&abort_sem), 1, "the give went to the aborted waiter");
	k_msleep(5);
	zassert_equal(finished, 0, "the aborted thread resumed");
	zassert_equal(k_sem_take(&abort_sem, K_NO_WAIT), 0);
}

ZTEST(threads_lifecycle, test_abort_thread_in_timed_wait)
{
	static k_timeout_t short_wait = K_MSEC(20);
	k_tid_t t;

	reset_records();
	k_sem_init(&abort_sem, 0, 10);
	t = helper_spawn(take_sem, &short_wait, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(5);
	k_thread_abort(t);
	/* Its timeout must have been cancelled: nothing runs when it would expire. */
	k_msleep(40);
	zassert_equal(finished, 0, "the aborted thread resumed at its timeout");
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

static void sleep_then_finish(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	entered++;
	k_msleep((int32_t)(uintptr_t)p1);
	finished++;
}

ZTEST(threads_lifecycle, test_abort_sleeping_thread)
{
	k_tid_t t;

	reset_records();
	t = helper_spawn(sleep_then_finish, (void *)20, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(5);
	k_thread_abort(t);
	k_msleep(40);
	zassert_equal(entered, 1);
	zassert_equal(finished, 0, "the aborted sleeper woke up");
	zassert_equal(k_thread_join(t, K_NO_WAIT), 0);
}

ZTEST(threads_lifecycle, test_join_busy_and_timeout)
{
	int64_t t0;
	int rc;
	k_tid_t t;

	reset_records();
	t = helper_spawn(sleep_then_finish, (void *)200, NULL, NULL, PRIO_HI, K_NO_WAIT);
	zassert_equal(k_thread_join(t, K_NO_WAIT), -EBUSY);
	t0 = k_uptime_ticks();
	rc = k_thread_join(t, K_MSEC(20));
	zassert_equal(rc, -EAGAIN, "join timed out with %d after %lld ticks", rc,
		      (long long)ticks_since(t0));
	zassert_true(ticks_since(t0) >= 20, "join timed out early");
	zassert_equal(finished, 0);
	zassert_equal(k_thread_join(t, K_MSEC(400)), 0);
	zassert_equal(finished, 1);
}

ZTEST(threads_lifecycle, test_join_self_is_deadlock)
{
	zassert_equal(k_thread_join(k_current_get(), K_FOREVER), -EDEADLK);
	zassert_equal(k_thread_join(k_current_get(), K_MSEC(10)), -EDEADLK);
}

static volatile int join_rc[2];

static void join_target(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p3);
	join_rc[(uintptr_t)p2] = k_thread_join((k_tid_t)p1, K_FOREVER);
	trace_add((char)('1' + (uintptr_t)p2));
}

ZTEST(threads_lifecycle, test_join_wakes_every_joiner)
{
	k_tid_t target, j1, j2;

	reset_records();
	join_rc[0] = join_rc[1] = 99;
	target = helper_spawn(sleep_then_finish, (void *)20, NULL, NULL, PRIO_LO, K_NO_WAIT);
	j1 = helper_spawn(join_target, target, (void *)0, NULL, PRIO_MID, K_NO_WAIT);
	j2 = helper_spawn(join_target, target, (void *)1, NULL, PRIO_MID, K_NO_WAIT);
	zassert_equal(k_thread_join(j1, K_MSEC(200)), 0);
	zassert_equal(k_thread_join(j2, K_MSEC(200)), 0);
	zassert_equal(finished, 1);
	zassert_equal(join_rc[0], 0);
	zassert_equal(join_rc[1], 0);
	zassert_str_equal(trace_get(), "12", "joiners woke in order %s", trace_get());
}

ZTEST(threads_lifecycle, test_join_returns_when_target_aborted)
{
	k_tid_t target, j1;

	reset_records();
	join_rc[0] = 99;
	target = helper_spawn(sleep_then_finish, (void *)1000, NULL, NULL, PRIO_LO, K_NO_WAIT);
	j1 = helper_spawn(join_target, target, (void *)0, NULL, PRIO_MID, K_NO_WAIT);
	k_msleep(5);
	zassert_equal(join_rc[0], 99, "the joiner did not wait");
	k_thread_abort(target);
	zassert_equal(k_thread_join(j1, K_MSEC(100)), 0);
	zassert_equal(join_rc[0], 0);
	zassert_equal(finished, 0);
}

ZTEST(threads_lifecycle, test_abort_joiner_leaves_join_queue)
{
	k_tid_t target, j1;

	reset_records();
	join_rc[0] = 99;
	target = helper_spawn(sleep_then_finish, (void *)20, NULL, NULL, PRIO_LO, K_NO_WAIT);
	j1 = helper_spawn(join_target, target, (void *)0, NULL, PRIO_MID, K_NO_WAIT);
	k_msleep(5);
	k_thread_abort(j1);
	zassert_equal(k_thread_join(target, K_MSEC(100)), 0);
	zassert_equal(finished, 1);
	zassert_equal(join_rc[0], 99, "the aborted joiner ran on");
	zassert_str_equal(trace_get(), "");
}

ZTEST(threads_lifecycle, test_join_waits_for_delayed_thread)
{
	int64_t t0;
	k_tid_t t;

	reset_records();
	t0 = k_uptime_ticks();
	t = helper_spawn(record_entry, NULL, NULL, NULL, PRIO_HI, K_MSEC(20));
	zassert_equal(k_thread_join(t, K_FOREVER), 0);
	zassert_equal(entered, 1);
	zassert_true(ticks_since(t0) >= 20);
}

static volatile k_tid_t mutual_peer;
static volatile int mutual_rc;

static void join_peer(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	mutual_rc = k_thread_join(mutual_peer, K_FOREVER);
}

ZTEST(threads_lifecycle, test_join_each_other_is_deadlock)
{
	k_tid_t a, b;

	reset_records();
	mutual_rc = 99;
	join_rc[0] = 99;
	/* b joins a (not started yet); then a tries to join b. */
	a = helper_spawn(join_peer, NULL, NULL, NULL, PRIO_HI, K_FOREVER);
	b = helper_spawn(join_target, a, (void *)0, NULL, PRIO_HI, K_NO_WAIT);
	mutual_peer = b;
	k_msleep(5);
	zassert_equal(join_rc[0], 99, "b did not wait for a");
	k_thread_start(a);
	zassert_equal(k_thread_join(a, K_MSEC(100)), 0);
	zassert_equal(mutual_rc, -EDEADLK, "a joining its own joiner returned %d", mutual_rc);
	zassert_equal(k_thread_join(b, K_MSEC(100)), 0);
	zassert_equal(join_rc[0], 0);
}

ZTEST_SUITE(threads_lifecycle, NULL, NULL, NULL, helpers_cleanup, NULL);
