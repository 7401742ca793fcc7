/*
 * k_timer from user mode: start, stop, status, expiry and remaining
 * ticks, user data, on a timer whose functions are the kernel's; a
 * duration too long to add to the current tick; the object checks (not
 * granted; initialized by k_timer_init() outside the object section).
 */
#include <stdint.h>
#include "common.h"

ZTEST_BMEM static volatile int expiries;
ZTEST_BMEM static volatile int stops;

/* Run in kernel mode (timer interrupt; k_timer_stop's syscall). */
static void on_expiry(struct k_timer *timer)
{
	ARG_UNUSED(timer);
	expiries++;
}

static void on_stop(struct k_timer *timer)
{
	ARG_UNUSED(timer);
	stops++;
}

K_TIMER_DEFINE(utimer, on_expiry, on_stop);
K_TIMER_DEFINE(secret_timer, NULL, NULL);
static struct k_timer plain_timer;

static void *timer_setup(void)
{
	ipc_domain_setup();
	k_object_access_all_grant(&utimer);
	k_timer_init(&plain_timer, NULL, NULL);
	k_object_access_all_grant(&plain_timer);
	return NULL;
}

ZTEST_USER(ipc_timer, test_one_shot)
{
	expiries = 0;
	k_timer_user_data_set(&utimer, (void *)&expiries);
	zassert_equal_ptr(k_timer_user_data_get(&utimer), (void *)&expiries);
	k_timer_start(&utimer, K_MSEC(10), K_NO_WAIT);
	zassert_true(k_timer_remaining_ticks(&utimer) > 0);
	zassert_true(k_timer_expires_ticks(&utimer) > k_uptime_ticks());
	zassert_equal(k_timer_status_sync(&utimer), 1);
	zassert_equal(expiries, 1);
	zassert_equal(k_timer_status_get(&utimer), 0);
	zassert_equal(k_timer_remaining_ticks(&utimer), 0);
	zassert_equal(k_timer_remaining_get(&utimer), 0);
	/* Stopped: status_sync returns at once. */
	zassert_equal(k_timer_status_sync(&utimer), 0);
}

ZTEST_USER(ipc_timer, test_periodic_and_stop)
{
	stops = 0;
	k_timer_start(&utimer, K_MSEC(2), K_MSEC(2));
	zassert_true(k_timer_status_sync(&utimer) >= 1);
	zassert_true(k_timer_status_sync(&utimer) >= 1);
	k_timer_stop(&utimer);
	zassert_equal(stops, 1);
	(void)k_timer_status_get(&utimer);
	zassert_equal(k_timer_status_sync(&utimer), 0);
	k_timer_stop(&utimer);
	zassert_equal(stops, 1, "stop function called for a stopped timer");
}

/* A deadline past INT64_MAX saturates: it must not wrap into the past. */
ZTEST_USER(ipc_timer, test_far_duration_does_not_expire)
{
	(void)k_timer_status_get(&utimer);
	k_timer_start(&utimer, K_TICKS(INT64_MAX), K_NO_WAIT);
	k_sleep(K_MSEC(3));
	zassert_equal(k_timer_status_get(&utimer), 0);
	zassert_true(k_timer_remaining_ticks(&utimer) > 0);
	k_timer_start(&utimer, K_MSEC(1), K_TICKS(INT64_MAX));
	zassert_equal(k_timer_status_sync(&utimer), 1);
	k_sleep(K_MSEC(3));
	zassert_equal(k_timer_status_get(&utimer), 0, "the huge period wrapped");
	k_timer_stop(&utimer);
}

static void starts(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_timer_start(p1, K_MSEC(1), K_NO_WAIT);
	ipc_reached = 1;
}

ZTEST(ipc_timer, test_timer_not_granted_oopses)
{
	ipc_expect_oops(starts, &secret_timer);
	zassert_equal(k_timer_remaining_ticks(&secret_timer), 0);
}

/* Granted, but k_timer_init'd outside the object section. */
ZTEST(ipc_timer, test_kernel_initialized_timer_oopses)
{
	ipc_expect_oops(starts, &plain_timer);
	zassert_equal(k_timer_remaining_ticks(&plain_timer), 0);
}

ZTEST_SUITE(ipc_timer, NULL, timer_setup, NULL, NULL, NULL);
