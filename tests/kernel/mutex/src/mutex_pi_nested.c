/*
 * Priority inheritance across several mutexes. Nested: L holds A and B;
 * H1 waits on A, H2 (higher) on B; L runs at H2's priority and unwinds
 * mutex by mutex, in either unlock order. Chain: T1 waits on M1 owned by
 * T2, which waits on M2 owned by T3; T3 runs at T1's priority, and loses
 * it again when T1 or T2 stops waiting.
 * The test thread is cooperative and only orchestrates.
 */
#include <vireo/ztest.h>
#include "helpers.h"

#define PRIO_LOW K_PRIO_PREEMPT(10)
#define PRIO_H1 K_PRIO_PREEMPT(6)
#define PRIO_H2 K_PRIO_PREEMPT(3)

#define PRIO_T3 K_PRIO_PREEMPT(10)
#define PRIO_T2 K_PRIO_PREEMPT(8)
#define PRIO_T1 K_PRIO_PREEMPT(3)

enum { SLOT_L, SLOT_H1, SLOT_H2 };
enum { SLOT_T3, SLOT_T2, SLOT_T1, SLOT_X };

static struct k_mutex mutex_a, mutex_b;
static struct k_sem go;
static volatile int prio_1, prio_2, prio_3;
static volatile int unlock_rc[4];

static void nested_before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_mutex_init(&mutex_a));
	zassert_ok(k_mutex_init(&mutex_b));
	zassert_ok(k_sem_init(&go, 0, 1));
	trace_reset();
	prio_1 = prio_2 = prio_3 = 99;
	for (int i = 0; i < 4; i++) {
		unlock_rc[i] = 1;
	}
}

static void nested_after(void *fixture)
{
	ARG_UNUSED(fixture);
	helpers_abort_all();
}

static int my_prio(void)
{
	return k_thread_priority_get(k_current_get());
}

/* Wait for @p mutex, note @p id, unlock. */
static void lock_and_trace(void *mutex, void *id, void *p3)
{
	ARG_UNUSED(p3);
	if (k_mutex_lock(mutex, K_FOREVER) == 0) {
		trace((char)(uintptr_t)id);
		(void)k_mutex_unlock(mutex);
	}
}

/* L: lock A then B; on 'go' unlock B first (p1 true) or A first. */
static void low_two_mutexes(void *b_first, void *p2, void *p3)
{
	struct k_mutex *first = b_first != NULL ? &mutex_b : &mutex_a;
	struct k_mutex *second = b_first != NULL ? &mutex_a : &mutex_b;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex_a, K_NO_WAIT) != 0 || k_mutex_lock(&mutex_b, K_NO_WAIT) != 0) {
		return;
	}
	trace('l');
	(void)k_sem_take(&go, K_FOREVER);
	unlock_rc[0] = k_mutex_unlock(first);
	prio_1 = my_prio();
	trace('1');
	unlock_rc[1] = k_mutex_unlock(second);
	prio_2 = my_prio();
	trace('2');
}

/* Set up L with A and B, H1 waiting on A, H2 on B; check L's priority. */
static void start_nested(bool b_first)
{
	k_tid_t l = helper_tid(SLOT_L);

	helper_start(SLOT_L, low_two_mutexes, b_first ? (void *)1 : NULL, NULL, PRIO_LOW);
	run_others();
	zassert_str_equal(trace_get(), "l", "L did not get both mutexes");
	helper_start(SLOT_H1, lock_and_trace, &mutex_a, (void *)'a', PRIO_H1);
	run_others();
	zassert_equal(k_thread_priority_get(l), PRIO_H1);
	helper_start(SLOT_H2, lock_and_trace, &mutex_b, (void *)'b', PRIO_H2);
	run_others();
	zassert_equal(k_thread_priority_get(l), PRIO_H2);
	k_sem_give(&go);
	for (int i = SLOT_L; i <= SLOT_H2; i++) {
		zassert_true(helper_wait_done(i, 200), "helper %d did not finish", i);
	}
	zassert_equal(unlock_rc[0], 0);
	zassert_equal(unlock_rc[1], 0);
}

/* Unlock B: H2 takes it and runs at once; L keeps H1's priority for A. */
ZTEST(mutex_pi_nested, test_unlock_inner_then_outer)
{
	start_nested(true);
	zassert_str_equal(trace_get(), "lb1a2");
	zassert_equal(prio_1, PRIO_H1, "after unlocking B, L runs at %d", prio_1);
	zassert_equal(prio_2, PRIO_LOW, "after unlocking A, L runs at %d", prio_2);
}

/* Unlock A first: B's waiter H2 still lends L its priority. */
ZTEST(mutex_pi_nested, test_unlock_outer_then_inner)
{
	start_nested(false);
	zassert_str_equal(trace_get(), "l1ba2");
	zassert_equal(prio_1, PRIO_H2, "after unlocking A, L runs at %d", prio_1);
	zassert_equal(prio_2, PRIO_LOW, "after unlocking B, L runs at %d", prio_2);
}

/* T3: own M2 (mutex_b) until 'go'. */
static void chain_t3(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex_b, K_NO_WAIT) != 0) {
		return;
	}
	trace('3');
	(void)k_sem_take(&go, K_FOREVER);
	unlock_rc[0] = k_mutex_unlock(&mutex_b);
	prio_3 = my_prio();
	trace('x');
}

/* T2: own M1 (mutex_a), then wait for M2. */
static void chain_t2(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex_a, K_NO_WAIT) != 0) {
		return;
	}
	if (k_mutex_lock(&mutex_b, K_FOREVER) != 0) {
		return;
	}
	prio_1 = my_prio();
	trace('2');
	unlock_rc[1] = k_mutex_unlock(&mutex_b);
	unlock_rc[2] = k_mutex_unlock(&mutex_a);
	prio_2 = my_prio();
	trace('y');
}

static void start_chain(void)
{
	helper_start(SLOT_T3, chain_t3, NULL, NULL, PRIO_T3);
	run_others();
	helper_start(SLOT_T2, chain_t2, NULL, NULL, PRIO_T2);
	run_others();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T2);
	helper_start(SLOT_T1, lock_and_trace, &mutex_a, (void *)'1', PRIO_T1);
	run_others();
	zassert_str_equal(trace_get(), "3");
}

ZTEST(mutex_pi_nested, test_chain_passes_priority_down)
{
	start_chain();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T2)), PRIO_T1);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T1,
		      "T3 runs at %d, T1 waits at %d",
		      k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T1);
	k_sem_give(&go);
	for (int i = SLOT_T3; i <= SLOT_T1; i++) {
		zassert_true(helper_wait_done(i, 200), "helper %d did not finish", i);
	}
	/* T3 unlocks M2 (to T2, at T1's priority), T2 unlocks M1 (to T1). */
	zassert_str_equal(trace_get(), "321yx");
	zassert_equal(prio_1, PRIO_T1, "T2 holding both ran at %d", prio_1);
	zassert_equal(prio_2, PRIO_T2);
	zassert_equal(prio_3, PRIO_T3);
	for (int i = 0; i < 3; i++) {
		zassert_equal(unlock_rc[i], 0, "unlock %d", i);
	}
}

ZTEST(mutex_pi_nested, test_chain_unwinds_when_waiters_leave)
{
	start_chain();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T1);
	k_thread_abort(helper_tid(SLOT_T1));
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T2)), PRIO_T2);
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T2,
		      "T3 kept T1's priority");
	k_thread_abort(helper_tid(SLOT_T2));
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T3);
	k_sem_give(&go);
	zassert_true(helper_wait_done(SLOT_T3, 200));
	zassert_equal(unlock_rc[0], 0);
	zassert_equal(prio_3, PRIO_T3);
}

/*
 * T2 waits on M2 behind X, until T1 boosts it above X: the boost also
 * moves T2 ahead of X in M2's wait queue, so T3's unlock hands M2 to T2.
 */
ZTEST(mutex_pi_nested, test_boosted_waiter_moves_ahead_in_queue)
{
	helper_start(SLOT_T3, chain_t3, NULL, NULL, PRIO_T3);
	run_others();
	helper_start(SLOT_T2, chain_t2, NULL, NULL, PRIO_T2);
	run_others();
	helper_start(SLOT_X, lock_and_trace, &mutex_b, (void *)'X', K_PRIO_PREEMPT(5));
	run_others();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), K_PRIO_PREEMPT(5));
	helper_start(SLOT_T1, lock_and_trace, &mutex_a, (void *)'1', PRIO_T1);
	run_others();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T1);
	k_sem_give(&go);
	for (int i = SLOT_T3; i <= SLOT_X; i++) {
		zassert_true(helper_wait_done(i, 200), "helper %d did not finish", i);
	}
	/* T2 gets M2 first ('2'), hands M1 to T1 ('1'), then X gets M2 ('X'). */
	zassert_str_equal(trace_get(), "321Xyx");
}

static volatile int timed_rc;

/* T1 with a timeout: wait up to 30 ms for M1 (mutex_a). */
static void chain_t1_timed(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	timed_rc = k_mutex_lock(&mutex_a, K_MSEC(30));
	trace('t');
	/* Stay alive: exiting would hide a priority left behind. */
	(void)k_sleep(K_FOREVER);
}

/* A chain through a waiter that times out unwinds too. */
ZTEST(mutex_pi_nested, test_chain_unwinds_when_top_waiter_times_out)
{
	int t2_prio;
	int t3_prio;
	bool unwound;

	timed_rc = 1;
	helper_start(SLOT_T3, chain_t3, NULL, NULL, PRIO_T3);
	run_others();
	helper_start(SLOT_T2, chain_t2, NULL, NULL, PRIO_T2);
	run_others();
	helper_start(SLOT_T1, chain_t1_timed, NULL, NULL, PRIO_T1);
	run_others();
	zassert_equal(k_thread_priority_get(helper_tid(SLOT_T3)), PRIO_T1);
	k_msleep(60);
	zassert_not_null(strchr(trace_get(), 't'), "T1 still waiting after its timeout");
	t2_prio = k_thread_priority_get(helper_tid(SLOT_T2));
	t3_prio = k_thread_priority_get(helper_tid(SLOT_T3));
	unwound = timed_rc == -EAGAIN && t2_prio == PRIO_T2 && t3_prio == PRIO_T2;
	zassert_true(unwound, "T1 got %d (want -EAGAIN); T2 at %d, T3 at %d (want %d)",
		     timed_rc, t2_prio, t3_prio, PRIO_T2);
	k_sem_give(&go);
	zassert_true(helper_wait_done(SLOT_T3, 200));
	zassert_true(helper_wait_done(SLOT_T2, 200));
}

ZTEST_SUITE(mutex_pi_nested, NULL, NULL, nested_before, nested_after, NULL);
