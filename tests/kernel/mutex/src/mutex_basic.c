/*
 * Mutex locking without priority effects: lock and unlock, recursion,
 * the error returns (-EPERM, -EINVAL, -EBUSY, -EAGAIN) and the direct
 * hand-over to the best waiter (Zephyr's k_mutex documentation). The
 * test thread is cooperative, so helpers run only when it blocks or calls run_others().
 */
#include <vireo/ztest.h>
#include "helpers.h"

K_MUTEX_DEFINE(static_mutex);

static struct k_mutex mutex;
static struct k_sem release;
static volatile int try_rc;
static volatile int holder_unlock_rc;

static void basic_before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_mutex_init(&mutex));
	zassert_ok(k_sem_init(&release, 0, 1));
	trace_reset();
	try_rc = 1;
	holder_unlock_rc = 1;
}

static void basic_after(void *fixture)
{
	ARG_UNUSED(fixture);
	helpers_abort_all();
}

/* Lock, keep the mutex until 'release' is given, unlock. */
static void holder(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex, K_FOREVER) != 0) {
		return;
	}
	trace('h');
	(void)k_sem_take(&release, K_FOREVER);
	holder_unlock_rc = k_mutex_unlock(&mutex);
}

/* One K_NO_WAIT attempt from another thread; unlock again if it worked. */
static void try_lock(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	try_rc = k_mutex_lock(&mutex, K_NO_WAIT);
	if (try_rc == 0) {
		(void)k_mutex_unlock(&mutex);
	}
}

static int try_from_other_thread(void)
{
	try_rc = 1;
	helper_start(1, try_lock, NULL, NULL, K_PRIO_PREEMPT(5));
	zassert_true(helper_wait_done(1, 100));
	return try_rc;
}

/* Start 'holder' and let it take the mutex. */
static void start_holder(void)
{
	helper_start(0, holder, NULL, NULL, K_PRIO_PREEMPT(5));
	run_others();
	zassert_str_equal(trace_get(), "h", "the holder did not get the mutex");
}

static void stop_holder(void)
{
	k_sem_give(&release);
	zassert_true(helper_wait_done(0, 100));
	zassert_equal(holder_unlock_rc, 0);
}

ZTEST(mutex_basic, test_lock_unlock)
{
	zassert_ok(k_mutex_lock(&static_mutex, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&static_mutex));
	zassert_ok(k_mutex_lock(&static_mutex, K_FOREVER));
	zassert_ok(k_mutex_unlock(&static_mutex));
	zassert_ok(k_mutex_lock(&static_mutex, K_MSEC(10)));
	zassert_ok(k_mutex_unlock(&static_mutex));
}

ZTEST(mutex_basic, test_unlock_unlocked_is_einval)
{
	zassert_equal(k_mutex_unlock(&mutex), -EINVAL);
	zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&mutex));
	zassert_equal(k_mutex_unlock(&mutex), -EINVAL);
}

/* N locks by the owner need N unlocks before anyone else can lock. */
ZTEST(mutex_basic, test_recursive_lock_needs_as_many_unlocks)
{
	for (int i = 0; i < 3; i++) {
		zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT), "lock %d", i);
	}
	zassert_equal(try_from_other_thread(), -EBUSY);
	zassert_ok(k_mutex_unlock(&mutex));
	zassert_ok(k_mutex_unlock(&mutex));
	zassert_equal(try_from_other_thread(), -EBUSY, "free after 2 of 3 unlocks");
	zassert_ok(k_mutex_unlock(&mutex));
	zassert_equal(try_from_other_thread(), 0, "still locked after 3 unlocks");
	zassert_equal(k_mutex_unlock(&mutex), -EINVAL);
}

ZTEST(mutex_basic, test_unlock_by_non_owner_is_eperm)
{
	start_holder();
	zassert_equal(k_mutex_unlock(&mutex), -EPERM);
	/* The failed unlock changed nothing: still owned, still locked once. */
	zassert_equal(k_mutex_lock(&mutex, K_NO_WAIT), -EBUSY);
	stop_holder();
	zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&mutex));
}

ZTEST(mutex_basic, test_no_wait_on_owned_mutex_is_ebusy)
{
	start_holder();
	zassert_equal(k_mutex_lock(&mutex, K_NO_WAIT), -EBUSY);
	stop_holder();
}

ZTEST(mutex_basic, test_lock_timeout_is_eagain)
{
	int64_t start;
	int64_t elapsed;
	int rc;

	start_holder();
	start = k_uptime_ticks();
	rc = k_mutex_lock(&mutex, K_MSEC(50));
	elapsed = k_uptime_ticks() - start;
	zassert_true(elapsed >= 50, "woke after %d ticks, before the 50 ms timeout", (int)elapsed);
	zassert_equal(rc, -EAGAIN, "a timed-out lock returned %d, want -EAGAIN", rc);
	zassert_equal(k_mutex_unlock(&mutex), -EPERM, "the timed-out waiter owns the mutex");
	stop_holder();
}

static void lock_and_trace(void *id, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex, K_FOREVER) == 0) {
		trace((char)(uintptr_t)id);
		(void)k_mutex_unlock(&mutex);
	}
}

/*
 * A cooperative owner: hold the mutex until 'release', unlock, and at
 * once (no waiter can have run yet) try to take it back.
 */
static void coop_holder(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_mutex_lock(&mutex, K_NO_WAIT) != 0) {
		return;
	}
	(void)k_sem_take(&release, K_FOREVER);
	holder_unlock_rc = k_mutex_unlock(&mutex);
	try_rc = k_mutex_lock(&mutex, K_NO_WAIT);
}

/*
 * Unlocking hands the mutex straight to the best waiter (by priority,
 * then first come first served): even before that waiter runs, nobody
 * else can take it.
 */
ZTEST(mutex_basic, test_unlock_hands_over_to_best_waiter)
{
	enum { WAITERS = 4, SLOT_HOLDER = 4 };
	static const struct {
		char id;
		int prio;
	} w[WAITERS] = { { 'a', 8 }, { 'b', 4 }, { 'c', 6 }, { 'd', 4 } };

	helper_start(SLOT_HOLDER, coop_holder, NULL, NULL, K_PRIO_COOP(2));
	run_others();
	for (int i = 0; i < WAITERS; i++) {
		helper_start(i, lock_and_trace, (void *)(uintptr_t)w[i].id, NULL,
			     K_PRIO_PREEMPT(w[i].prio));
		run_others();
	}
	zassert_str_equal(trace_get(), "");
	k_sem_give(&release);
	for (int i = 0; i <= SLOT_HOLDER; i++) {
		zassert_true(helper_wait_done(i, 100), "helper %d did not finish", i);
	}
	zassert_equal(holder_unlock_rc, 0);
	zassert_equal(try_rc, -EBUSY, "not handed over on unlock (got %d)", try_rc);
	zassert_str_equal(trace_get(), "bdca");
	zassert_ok(k_mutex_lock(&mutex, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&mutex));
}

ZTEST_SUITE(mutex_basic, NULL, NULL, basic_before, basic_after, NULL);
