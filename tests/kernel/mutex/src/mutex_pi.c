/*
 * Priority inheritance with one mutex. L (low) owns it; while H (high)
 * waits, L runs at H's priority, so M (medium, CPU-bound) cannot delay H
 * (priority inversion); L drops back when it unlocks, or as soon as H
 * stops waiting (timeout, abort). Priority changes of the owner or of a
 * waiter are applied on top of what is inherited.
 * The test thread is cooperative and only orchestrates: helpers run when
 * it blocks or calls run_others(), and their results are checked afterwards.
 */
#include <vireo/ztest.h>
#include "helpers.h"

#define PRIO_L K_PRIO_PREEMPT(10)
#define PRIO_M K_PRIO_PREEMPT(6)
#define PRIO_H K_PRIO_PREEMPT(3)

enum { SLOT_L, SLOT_H, SLOT_M };

static struct k_mutex mutex;
static struct k_sem l_go;
static volatile int l_prio_before_unlock;
static volatile int l_prio_after_unlock;
static volatile int l_unlock_rc;
static volatile int h_rc;

static void pi_before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_mutex_init(&mutex));
	zassert_ok(k_sem_init(&l_go, 0, 1));
	trace_reset();
	l_prio_before_unlock = l_prio_after_unlock = 99;
	l_unlock_rc = h_rc = 1;
}

static void pi_after(void *fixture)
{
	ARG_UNUSED(fixture);
	helpers_abort_all();
}

/* L: lock, wait for l_go while holding the mutex, then unlock. */
static void low(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex, K_NO_WAIT) != 0) {
		return;
	}
	trace('l');
	(void)k_sem_take(&l_go, K_FOREVER);
	l_prio_before_unlock = k_thread_priority_get(k_current_get());
	trace('u');
	l_unlock_rc = k_mutex_unlock(&mutex);
	l_prio_after_unlock = k_thread_priority_get(k_current_get());
	trace('L');
}

/* H: wait for the mutex, p1 milliseconds (NULL: for ever). */
static void high(void *timeout_ms, void *p2, void *p3)
{
	k_timeout_t t = timeout_ms != NULL ? K_MSEC((int32_t)(uintptr_t)timeout_ms) : K_FOREVER;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace('h');
	h_rc = k_mutex_lock(&mutex, t);
	trace(h_rc == 0 ? 'H' : 't');
	if (timeout_ms != NULL) {
		/*
		 * A waiter that timed out goes on living: it must not take
		 * exiting to give the owner's priority back.
		 */
		(void)k_sleep(K_FOREVER);
	}
	if (h_rc == 0) {
		(void)k_mutex_unlock(&mutex);
	}
}

/* M: a CPU hog that never blocks. */
static void medium(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace('m');
	k_busy_wait(20000);
	trace('M');
}

static void start_low(void)
{
	helper_start(SLOT_L, low, NULL, NULL, PRIO_L);
	run_others();
	zassert_str_equal(trace_get(), "l", "L did not get the mutex");
}

static void start_high(int slot, int prio, int timeout_ms)
{
	helper_start(slot, high, (void *)(uintptr_t)timeout_ms, NULL, prio);
	run_others();
}

static void finish_low(void)
{
	k_sem_give(&l_go);
	zassert_true(helper_wait_done(SLOT_L, 200), "L did not finish");
	zassert_equal(l_unlock_rc, 0);
}

ZTEST(mutex_pi, test_owner_inherits_and_beats_medium_hog)
{
	start_low();
	start_high(SLOT_H, PRIO_H, 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_H,
		      "L runs at %d while H waits", k_thread_priority_get(helper_tid(SLOT_L)));
	/* M is ready before L is released: only inheritance lets L go first. */
	helper_start(SLOT_M, medium, NULL, NULL, PRIO_M);
	k_sem_give(&l_go);
	zassert_true(helper_wait_done(SLOT_L, 500));
	zassert_true(helper_wait_done(SLOT_H, 500));
	zassert_true(helper_wait_done(SLOT_M, 500));
	/* l h | L unlocks (u), H runs (H), then M (m M), then L again (L). */
	zassert_str_equal(trace_get(), "lhuHmML");
	zassert_equal(l_prio_before_unlock, PRIO_H);
	zassert_equal(l_prio_after_unlock, PRIO_L);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_L);
}

ZTEST(mutex_pi, test_owner_gets_best_of_several_waiters)
{
	start_low();
	start_high(SLOT_M, PRIO_M, 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_M);
	start_high(SLOT_H, PRIO_H, 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_H);
	/* Without H, the best waiter left is M. */
	k_thread_abort(helper_tid(SLOT_H));
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_M);
	finish_low();
	zassert_equal(l_prio_before_unlock, PRIO_M);
	zassert_equal(l_prio_after_unlock, PRIO_L);
}

ZTEST(mutex_pi, test_drop_back_when_waiter_times_out)
{
	int l_prio;
	bool dropped;

	start_low();
	start_high(SLOT_H, PRIO_H, 50);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_H);
	k_msleep(100);
	zassert_true(strchr(trace_get(), 't') != NULL || strchr(trace_get(), 'H') != NULL,
		     "H still waiting after its timeout");
	l_prio = k_thread_priority_get(helper_tid(SLOT_L));
	dropped = h_rc == -EAGAIN && l_prio == PRIO_L;
	zassert_true(dropped, "H got %d (want -EAGAIN), L at %d (want %d)", h_rc, l_prio, PRIO_L);
	finish_low();
	zassert_equal(l_prio_before_unlock, PRIO_L);
}

ZTEST(mutex_pi, test_drop_back_when_waiter_aborted)
{
	start_low();
	start_high(SLOT_H, PRIO_H, 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_H);
	k_thread_abort(helper_tid(SLOT_H));
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_L);
	finish_low();
	zassert_equal(l_prio_before_unlock, PRIO_L);
	/* The aborted waiter did not get the mutex: it is free now. */
	zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&mutex));
}

/*
 * Setting the owner's priority changes its base: it never drops below
 * what it inherits, a better base wins, and after the unlock the new base
 * is what remains.
 */
ZTEST(mutex_pi, test_priority_set_on_boosted_owner)
{
	k_tid_t l;

	start_low();
	l = helper_tid(SLOT_L);
	start_high(SLOT_H, PRIO_H, 0);
	zassert_equal(k_thread_priority_get(l), PRIO_H);
	k_thread_priority_set(l, K_PRIO_PREEMPT(12));
	zassert_equal(k_thread_priority_get(l), PRIO_H, "lowered below the inherited priority");
	k_thread_priority_set(l, K_PRIO_PREEMPT(1));
	zassert_equal(k_thread_priority_get(l), K_PRIO_PREEMPT(1));
	k_thread_priority_set(l, K_PRIO_PREEMPT(12));
	zassert_equal(k_thread_priority_get(l), PRIO_H);
	finish_low();
	zassert_equal(l_prio_after_unlock, K_PRIO_PREEMPT(12));
	zassert_true(helper_wait_done(SLOT_H, 100));
	zassert_equal(h_rc, 0);
}

/* A waiter's priority change reaches the owner at once, both ways. */
ZTEST(mutex_pi, test_waiter_priority_change_reaches_owner)
{
	k_tid_t l;
	k_tid_t h;

	start_low();
	l = helper_tid(SLOT_L);
	start_high(SLOT_H, PRIO_M, 0);
	h = helper_tid(SLOT_H);
	zassert_equal(k_thread_priority_get(l), PRIO_M);
	k_thread_priority_set(h, K_PRIO_PREEMPT(2));
	zassert_equal(k_thread_priority_get(l), K_PRIO_PREEMPT(2));
	k_thread_priority_set(h, K_PRIO_PREEMPT(8));
	zassert_equal(k_thread_priority_get(l), K_PRIO_PREEMPT(8));
	k_thread_priority_set(h, K_PRIO_PREEMPT(12));
	zassert_equal(k_thread_priority_get(l), PRIO_L, "kept a priority nobody lends it");
	finish_low();
	zassert_true(helper_wait_done(SLOT_H, 100));
	zassert_equal(h_rc, 0);
}

/* L locked the mutex twice: the boost lasts until the last unlock. */
static void low_recursive(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex, K_NO_WAIT) != 0 || k_mutex_lock(&mutex, K_NO_WAIT) != 0) {
		return;
	}
	trace('l');
	(void)k_sem_take(&l_go, K_FOREVER);
	(void)k_mutex_unlock(&mutex);
	l_prio_before_unlock = k_thread_priority_get(k_current_get());
	trace('u');
	l_unlock_rc = k_mutex_unlock(&mutex);
	l_prio_after_unlock = k_thread_priority_get(k_current_get());
	trace('L');
}

ZTEST(mutex_pi, test_recursive_owner_keeps_boost_until_last_unlock)
{
	helper_start(SLOT_L, low_recursive, NULL, NULL, PRIO_L);
	run_others();
	start_high(SLOT_H, PRIO_H, 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_H);
	finish_low();
	zassert_true(helper_wait_done(SLOT_H, 100));
	zassert_equal(h_rc, 0);
	/* The first unlock only counted down: H still waited and L kept its priority. */
	zassert_equal(l_prio_before_unlock, PRIO_H);
	zassert_equal(l_prio_after_unlock, PRIO_L);
	zassert_str_equal(trace_get(), "lhuHL");
}

/* A waiter of lower priority than the owner lends it nothing. */
ZTEST(mutex_pi, test_lower_priority_waiter_lends_nothing)
{
	start_low();
	start_high(SLOT_H, K_PRIO_PREEMPT(12), 0);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_L)), PRIO_L);
	finish_low();
	zassert_true(helper_wait_done(SLOT_H, 100));
	zassert_equal(h_rc, 0);
}

ZTEST_SUITE(mutex_pi, NULL, NULL, pi_before, pi_after, NULL);
