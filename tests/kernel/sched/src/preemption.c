/*
 * Preemption rules (Zephyr's scheduling docs): a cooperative thread keeps
 * the CPU until it yields or blocks, whoever it or an ISR makes ready; a
 * preemptible thread loses it at once to a higher-priority thread made
 * ready, by itself or by an ISR; k_sched_lock() makes a preemptible thread
 * cooperative until the matching k_sched_unlock(); k_yield() hands over to
 * equal priorities in turn and never to lower ones.
 */
#include "helpers.h"

static struct k_sem wake_sem;

static void woken(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	zassert_equal(k_sem_take(&wake_sem, K_FOREVER), 0);
	trace_add('h');
}

static void give_from_isr(void)
{
	k_sem_give(&wake_sem);
}

/* A higher-priority thread blocked on wake_sem, which traces 'h' when woken. */
static void start_waiter(int prio)
{
	k_sem_init(&wake_sem, 0, 1);
	helper_spawn(woken, NULL, NULL, NULL, prio, K_NO_WAIT);
	k_msleep(2);
	zassert_str_equal(trace_get(), "", "the waiter did not block");
}

/* Trace a, wake the waiter (p1 != NULL: from an ISR), trace b and c, yield, trace d. */
static void wake_then_yield(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('a');
	if (p1 != NULL) {
		zassert_true(soft_irq_fire(), "the software interrupt was not taken");
	} else {
		k_sem_give(&wake_sem);
	}
	trace_add('b');
	k_busy_wait(2000); /* a timer interrupt or two come and go */
	trace_add('c');
	k_yield();
	trace_add('d');
}

static void run_waker(int waiter_prio, int waker_prio, bool from_isr)
{
	k_tid_t w;

	start_waiter(waiter_prio);
	w = helper_spawn(wake_then_yield, from_isr ? (void *)1 : NULL, NULL, NULL, waker_prio,
			 K_NO_WAIT);
	zassert_equal(k_thread_join(w, K_MSEC(100)), 0);
	k_msleep(2);
}

ZTEST(sched_preempt, test_coop_keeps_cpu_after_waking_higher_thread)
{
	run_waker(PRIO_HI, PRIO_LO, false);
	zassert_str_equal(trace_get(), "abchd", "order %s", trace_get());
}

ZTEST(sched_preempt, test_coop_keeps_cpu_after_isr_wakes_higher_thread)
{
	soft_irq_setup(give_from_isr);
	run_waker(PRIO_HI, PRIO_LO, true);
	zassert_true(soft_irq_saw_isr);
	zassert_str_equal(trace_get(), "abchd", "order %s", trace_get());
}

ZTEST(sched_preempt, test_preemptible_preempted_by_thread_it_wakes)
{
	REQUIRE_PREEMPT();
	run_waker(PREEMPT_HI, PREEMPT_LO, false);
	zassert_str_equal(trace_get(), "ahbcd", "order %s", trace_get());
}

ZTEST(sched_preempt, test_isr_give_preempts_into_waiter)
{
	REQUIRE_PREEMPT();
	soft_irq_setup(give_from_isr);
	run_waker(PREEMPT_HI, PREEMPT_LO, true);
	zassert_true(soft_irq_saw_isr);
	zassert_str_equal(trace_get(), "ahbcd", "order %s", trace_get());
}

ZTEST(sched_preempt, test_coop_waiter_preempts_preemptible_waker)
{
	REQUIRE_PREEMPT();
	run_waker(PRIO_LO, PREEMPT_HI, false);
	zassert_str_equal(trace_get(), "ahbcd", "order %s", trace_get());
}

ZTEST(sched_preempt, test_lower_priority_woken_does_not_preempt)
{
	REQUIRE_PREEMPT();
	run_waker(PREEMPT_LOWER, PREEMPT_LO, false);
	/* k_yield() does not let the lower thread in either: it runs after d. */
	zassert_str_equal(trace_get(), "abcdh", "order %s", trace_get());
}

ZTEST(sched_preempt, test_isr_wakes_equal_priority_no_preemption)
{
	REQUIRE_PREEMPT();
	soft_irq_setup(give_from_isr);
	run_waker(PREEMPT_LO, PREEMPT_LO, true);
	/* Equal priority: the waiter runs only when the waker yields. */
	zassert_str_equal(trace_get(), "abchd", "order %s", trace_get());
}

/* Under k_sched_lock() twice: wake (p1 != NULL: from an ISR), unlock one by one. */
static void locked_waker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sched_lock();
	k_sched_lock();
	if (p1 != NULL) {
		zassert_true(soft_irq_fire(), "the software interrupt was not taken");
	} else {
		k_sem_give(&wake_sem);
	}
	trace_add('a');
	k_busy_wait(2000);
	k_sched_unlock();
	trace_add('b');
	k_sched_unlock();
	trace_add('c');
}

static void run_locked_waker(bool from_isr)
{
	k_tid_t w;

	start_waiter(PREEMPT_HI);
	w = helper_spawn(locked_waker, from_isr ? (void *)1 : NULL, NULL, NULL, PREEMPT_LO,
			 K_NO_WAIT);
	zassert_equal(k_thread_join(w, K_MSEC(100)), 0);
}

ZTEST(sched_preempt, test_sched_lock_defers_preemption)
{
	REQUIRE_PREEMPT();
	run_locked_waker(false);
	zassert_str_equal(trace_get(), "abhc", "order %s", trace_get());
}

ZTEST(sched_preempt, test_sched_lock_defers_isr_preemption)
{
	REQUIRE_PREEMPT();
	soft_irq_setup(give_from_isr);
	run_locked_waker(true);
	zassert_str_equal(trace_get(), "abhc", "order %s", trace_get());
}

static void yielder(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < 3; i++) {
		trace_add((char)(uintptr_t)p1);
		k_yield();
	}
}

static void run_yielders(int prio)
{
	k_tid_t a = helper_spawn(yielder, (void *)'A', NULL, NULL, prio, K_NO_WAIT);
	k_tid_t b = helper_spawn(yielder, (void *)'B', NULL, NULL, prio, K_NO_WAIT);

	zassert_equal(k_thread_join(a, K_MSEC(100)), 0);
	zassert_equal(k_thread_join(b, K_MSEC(100)), 0);
	zassert_str_equal(trace_get(), "ABABAB", "order %s", trace_get());
}

ZTEST(sched_preempt, test_yield_alternates_cooperative)
{
	run_yielders(PRIO_MID);
}

ZTEST(sched_preempt, test_yield_alternates_preemptible)
{
	REQUIRE_PREEMPT();
	run_yielders(PREEMPT_MID);
}

static void trace_l(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('l');
}

static void yield_over_lower(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	helper_spawn(trace_l, NULL, NULL, NULL, (int)(intptr_t)p1, K_NO_WAIT);
	for (int i = 0; i < 5; i++) {
		k_yield();
	}
	trace_add('h');
}

ZTEST(sched_preempt, test_yield_never_to_lower_priority)
{
	k_tid_t h = helper_spawn(yield_over_lower, (void *)(intptr_t)PRIO_LO, NULL, NULL,
				 PRIO_MID, K_NO_WAIT);

	zassert_equal(k_thread_join(h, K_MSEC(100)), 0);
	k_msleep(2);
	zassert_str_equal(trace_get(), "hl", "order %s", trace_get());
}

ZTEST(sched_preempt, test_yield_never_to_lower_priority_preemptible)
{
	k_tid_t h;

	REQUIRE_PREEMPT();
	h = helper_spawn(yield_over_lower, (void *)(intptr_t)PREEMPT_LO, NULL, NULL, PREEMPT_MID,
			 K_NO_WAIT);
	zassert_equal(k_thread_join(h, K_MSEC(100)), 0);
	k_msleep(2);
	zassert_str_equal(trace_get(), "hl", "order %s", trace_get());
}

static void *preempt_setup(void)
{
	soft_irq_setup(NULL);
	return NULL;
}

ZTEST_SUITE(sched_preempt, NULL, preempt_setup, NULL, helpers_cleanup, NULL);
