/*
 * k_event from user mode: every call and its return value, a user thread
 * waiting for bits another user thread posts, the object checks (not
 * granted, not initialized), a re-initialization under waiters, and
 * objects from the dynamic pool (with k_condvar, whose init is alike).
 */
#include "common.h"

K_EVENT_DEFINE(uev);
K_EVENT_DEFINE(shared_ev);
K_EVENT_DEFINE(secret_ev);
/* In the object section, granted, never initialized. */
struct k_event raw_ev Z_KOBJ_SECTION(k_event);

ZTEST_BMEM static volatile uint32_t got;

static void *event_setup(void)
{
	ipc_domain_setup();
	k_object_access_all_grant(&uev);
	k_object_access_all_grant(&shared_ev);
	k_object_access_all_grant(&raw_ev);
	return NULL;
}

ZTEST_USER(ipc_event, test_user_calls)
{
	k_event_init(&uev);
	zassert_equal(k_event_post(&uev, 0x1), 0);
	zassert_equal(k_event_post(&uev, 0x4), 0x1);
	zassert_equal(k_event_set_masked(&uev, 0x2, 0x3), 0x5);
	zassert_equal(k_event_clear(&uev, 0x4), 0x6);
	zassert_equal(k_event_set(&uev, 0x8), 0x2);
	zassert_equal(k_event_test(&uev, 0xff), 0x8);
	zassert_equal(k_event_wait(&uev, 0x1, false, K_NO_WAIT), 0);
	zassert_equal(k_event_wait(&uev, 0x9, false, K_NO_WAIT), 0x8);
	zassert_equal(k_event_wait_all(&uev, 0x9, false, K_MSEC(5)), 0);
	zassert_equal(k_event_wait_all(&uev, 0x8, false, K_NO_WAIT), 0x8);
	/* reset clears first: only events posted after the call count. */
	zassert_equal(k_event_wait(&uev, 0x8, true, K_MSEC(5)), 0);
	zassert_equal(k_event_test(&uev, 0xff), 0);
}

static void waits_for_both(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	got = k_event_wait_all(&shared_ev, 0x3, false, K_MSEC(500));
}

static void posts_one_by_one(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_event_post(&shared_ev, 0x1);
	k_sleep(K_MSEC(2));
	(void)k_event_post(&shared_ev, 0x2);
}

ZTEST(ipc_event, test_post_wait_between_user_threads)
{
	k_event_init(&shared_ev);
	got = 0xffff;
	ipc_user_start(0, waits_for_both, NULL);
	k_sleep(K_MSEC(5));
	ipc_user_start(1, posts_one_by_one, NULL);
	ipc_user_join(1, K_MSEC(200));
	ipc_user_join(0, K_MSEC(200));
	zassert_equal(got, 0x3, "got 0x%x", (unsigned int)got);
}

static void posts_to(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_event_post(p1, 0x1);
	ipc_reached = 1;
}

ZTEST(ipc_event, test_event_not_granted_oopses)
{
	ipc_expect_oops(posts_to, &secret_ev);
	zassert_equal(k_event_test(&secret_ev, 0x1), 0);
}

ZTEST(ipc_event, test_event_not_initialized_oopses)
{
	ipc_expect_oops(posts_to, &raw_ev);
	zassert_equal(raw_ev.events, 0);
}

/* A user thread initializes an event others wait on: they are released. */
static void reinitializes(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_event_init(&shared_ev);
}

ZTEST(ipc_event, test_user_reinit_releases_waiters)
{
	int64_t start;

	k_event_init(&shared_ev);
	got = 0xffff;
	ipc_user_start(0, waits_for_both, NULL);
	k_sleep(K_MSEC(5));
	start = k_uptime_get();
	ipc_user_start(1, reinitializes, NULL);
	ipc_user_join(1, K_MSEC(100));
	ipc_user_join(0, K_MSEC(100));
	zassert_equal(got, 0, "got 0x%x", (unsigned int)got);
	zassert_true(k_uptime_get() - start < 100, "the waiter waited for its timeout");
	/* The queue is sound: a new wait and post work. */
	ipc_user_start(0, waits_for_both, NULL);
	k_sleep(K_MSEC(5));
	zassert_equal(k_event_post(&shared_ev, 0x3), 0);
	ipc_user_join(0, K_MSEC(100));
	zassert_equal(got, 0x3);
}

/* An object from the dynamic pool starts uninitialized: the user's init makes it usable. */
ZTEST_USER(ipc_event, test_dynamic_objects_initialized_by_user)
{
	struct k_event *ev = k_object_alloc(K_OBJ_EVENT);
	struct k_condvar *cv = k_object_alloc(K_OBJ_CONDVAR);

	zassert_not_null(ev);
	zassert_not_null(cv);
	k_event_init(ev);
	zassert_equal(k_event_post(ev, 0x10), 0);
	zassert_equal(k_event_wait(ev, 0x10, false, K_NO_WAIT), 0x10);
	zassert_ok(k_condvar_init(cv));
	zassert_equal(k_condvar_broadcast(cv), 0);
}

ZTEST_SUITE(ipc_event, NULL, event_setup, NULL, NULL, NULL);
