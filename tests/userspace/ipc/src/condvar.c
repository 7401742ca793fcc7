/*
 * k_condvar from user mode: the calls and their error codes, wait/signal
 * between two user threads and a kernel broadcast to two user waiters, an
 * object the user initializes itself, and the mutex check of the wait.
 */
#include "common.h"

K_MUTEX_DEFINE(cv_mutex);
K_CONDVAR_DEFINE(cv);
K_MUTEX_DEFINE(secret_mutex);
/* In the object section but never initialized: a user thread does that. */
struct k_condvar raw_cv Z_KOBJ_SECTION(k_condvar);

ZTEST_BMEM static volatile int ready;
ZTEST_BMEM static volatile int wait_rc[2];
ZTEST_BMEM static volatile int seen[2];

static void *condvar_setup(void)
{
	ipc_domain_setup();
	k_object_access_all_grant(&cv_mutex);
	k_object_access_all_grant(&cv);
	k_object_access_all_grant(&raw_cv);
	return NULL;
}

ZTEST_USER(ipc_condvar, test_user_calls)
{
	zassert_ok(k_condvar_signal(&cv));
	zassert_equal(k_condvar_broadcast(&cv), 0);
	zassert_equal(k_condvar_wait(&cv, &cv_mutex, K_MSEC(5)), -EPERM, "mutex not held");
	zassert_ok(k_mutex_lock(&cv_mutex, K_NO_WAIT));
	zassert_equal(k_condvar_wait(&cv, &cv_mutex, K_NO_WAIT), -EAGAIN);
	zassert_equal(k_condvar_wait(&cv, &cv_mutex, K_MSEC(5)), -EAGAIN);
	/* Relocked after the timeout: the unlock succeeds once, then fails. */
	zassert_ok(k_mutex_unlock(&cv_mutex));
	zassert_equal(k_mutex_unlock(&cv_mutex), -EINVAL);
}

ZTEST_USER(ipc_condvar, test_user_initializes_object)
{
	zassert_ok(k_condvar_init(&raw_cv));
	zassert_ok(k_condvar_signal(&raw_cv));
}

/* Waits under the mutex until `ready`; slot in p1. */
static void waiter(void *p1, void *p2, void *p3)
{
	int me = (int)(uintptr_t)p1;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_mutex_lock(&cv_mutex, K_FOREVER);
	while (!ready) {
		wait_rc[me] = k_condvar_wait(&cv, &cv_mutex, K_MSEC(500));
		if (wait_rc[me] != 0) {
			break;
		}
	}
	seen[me] = ready;
	k_mutex_unlock(&cv_mutex);
}

static void signaller(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_mutex_lock(&cv_mutex, K_FOREVER);
	ready = 1;
	k_condvar_signal(&cv);
	k_mutex_unlock(&cv_mutex);
}

static void reset(void)
{
	ready = 0;
	for (int i = 0; i < 2; i++) {
		wait_rc[i] = -1;
		seen[i] = 0;
	}
}

ZTEST(ipc_condvar, test_wait_signal_between_user_threads)
{
	reset();
	ipc_user_start(0, waiter, (void *)0);
	k_sleep(K_MSEC(5));
	ipc_user_start(1, signaller, NULL);
	ipc_user_join(1, K_MSEC(200));
	ipc_user_join(0, K_MSEC(200));
	zassert_equal(wait_rc[0], 0, "wait returned %d", wait_rc[0]);
	zassert_equal(seen[0], 1);
}

ZTEST(ipc_condvar, test_kernel_broadcast_wakes_user_waiters)
{
	reset();
	ipc_user_start(0, waiter, (void *)0);
	ipc_user_start(1, waiter, (void *)1);
	k_sleep(K_MSEC(5));
	zassert_ok(k_mutex_lock(&cv_mutex, K_NO_WAIT), "a waiter kept the mutex");
	ready = 1;
	zassert_equal(k_condvar_broadcast(&cv), 2);
	zassert_ok(k_mutex_unlock(&cv_mutex));
	ipc_user_join(0, K_MSEC(200));
	ipc_user_join(1, K_MSEC(200));
	for (int i = 0; i < 2; i++) {
		zassert_equal(wait_rc[i], 0, "waiter %d: %d", i, wait_rc[i]);
		zassert_equal(seen[i], 1);
	}
}

static void waits_with_secret_mutex(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_condvar_wait(&cv, &secret_mutex, K_MSEC(5));
	ipc_reached = 1;
}

ZTEST(ipc_condvar, test_wait_with_mutex_not_granted_oopses)
{
	ipc_expect_oops(waits_with_secret_mutex, NULL);
}

static void waits_with_condvar_as_mutex(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_condvar_wait(&cv, (struct k_mutex *)&cv, K_MSEC(5));
	ipc_reached = 1;
}

ZTEST(ipc_condvar, test_wait_with_wrong_object_type_oopses)
{
	ipc_expect_oops(waits_with_condvar_as_mutex, NULL);
}

ZTEST_SUITE(ipc_condvar, NULL, condvar_setup, NULL, NULL, NULL);
