/*
 * K_THREAD_DEFINE: threads that exist from boot, started after the
 * APPLICATION init level with their delay in milliseconds (0: at once;
 * -1: not at all until k_thread_start(), as in Zephyr), with their
 * parameters, priority and name.
 */
#include "thread_pool.h"

static volatile int64_t now_started = -1;
static volatile int64_t delayed_started = -1;
static volatile int never_started;
static void *volatile now_params[3];
static volatile k_tid_t now_self;

static void static_now_entry(void *p1, void *p2, void *p3)
{
	now_started = k_uptime_ticks();
	now_params[0] = p1;
	now_params[1] = p2;
	now_params[2] = p3;
	now_self = k_current_get();
}

static void static_delayed_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	delayed_started = k_uptime_ticks();
}

static void static_never_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	never_started++;
}

#define STATIC_DELAY_MS 60
/* The entries only record a time stamp: a small stack fits 16 KiB boards. */
#define STATIC_STACK_SIZE 384

K_THREAD_DEFINE(static_now, STATIC_STACK_SIZE, static_now_entry, 11, 22, 33, PRIO_MID, 0, 0);
K_THREAD_DEFINE(static_delayed, STATIC_STACK_SIZE, static_delayed_entry, NULL, NULL, NULL, PRIO_MID, 0,
		STATIC_DELAY_MS);
K_THREAD_DEFINE(static_never, STATIC_STACK_SIZE, static_never_entry, NULL, NULL, NULL, PRIO_MID, 0, -1);

ZTEST(threads_static, test_static_thread_runs_at_boot)
{
	zassert_true(now_started >= 0, "a K_THREAD_DEFINE thread with no delay did not run");
	zassert_equal_ptr(now_params[0], (void *)11);
	zassert_equal_ptr(now_params[1], (void *)22);
	zassert_equal_ptr(now_params[2], (void *)33);
	zassert_equal_ptr(now_self, static_now);
	zassert_equal(k_thread_join(static_now, K_NO_WAIT), 0);
	if (CONFIG_THREAD_MAX_NAME_LEN >= sizeof("static_now")) {
		zassert_str_equal(k_thread_name_get(static_now), "static_now");
	}
}

ZTEST(threads_static, test_static_thread_delay)
{
	zassert_equal(k_thread_priority_get(static_delayed), PRIO_MID);
	zassert_equal(k_thread_join(static_delayed, K_MSEC(500)), 0);
	zassert_true(delayed_started >= 0);
	/* Both were scheduled at the same time, right after boot. */
	zassert_true(delayed_started - now_started >= STATIC_DELAY_MS,
		     "started %lld ticks after the undelayed one",
		     (long long)(delayed_started - now_started));
}

ZTEST(threads_static, test_static_thread_forever_waits_for_start)
{
	k_msleep(10);
	zassert_equal(never_started, 0, "a K_THREAD_DEFINE thread with delay -1 ran");
	zassert_equal(k_thread_join(static_never, K_NO_WAIT), -EBUSY);
	k_thread_start(static_never);
	zassert_equal(k_thread_join(static_never, K_MSEC(100)), 0);
	zassert_equal(never_started, 1);
}

ZTEST_SUITE(threads_static, NULL, NULL, NULL, NULL, NULL);
