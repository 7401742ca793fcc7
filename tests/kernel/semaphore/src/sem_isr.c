/*
 * Semaphores and interrupts: k_sem_give() and a K_NO_WAIT k_sem_take()
 * from an ISR, and the switch on the way out of the interrupt to a waiter
 * the ISR woke. The software interrupt of <vireo/arch/riscv/soft_irq.h> is
 * the source; the ISR clears it (it is a level, so an uncleared one would
 * fire again at once).
 */
#include <vireo/ztest.h>
#include "helpers.h"
#include <vireo/arch/riscv/soft_irq.h>

enum isr_action { ISR_GIVE, ISR_TAKE };

static struct k_sem isr_sem;
static volatile enum isr_action isr_action;
static volatile int isr_runs;
static volatile int isr_take_rc;
static volatile int waiter_rc;

static void msoft_isr(const void *arg)
{
	struct k_sem *sem = (struct k_sem *)arg;

	riscv_soft_irq_clear();
	isr_runs++;
	trace('I');
	if (isr_action == ISR_GIVE) {
		k_sem_give(sem);
	} else {
		isr_take_rc = k_sem_take(sem, K_NO_WAIT);
	}
}

/* Raise the interrupt and spin (never sleep) until its ISR has run. */
static bool raise_and_wait(void)
{
	int before = isr_runs;

	riscv_soft_irq_raise();
	for (int i = 0; i < 10000 && isr_runs == before; i++) {
		k_busy_wait(10);
	}
	return isr_runs != before;
}

static void waiter(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	waiter_rc = k_sem_take(&isr_sem, K_FOREVER);
	trace('W');
}

static void *sem_isr_setup(void)
{
	IRQ_CONNECT(RISCV_IRQ_SOFT, 0, msoft_isr, &isr_sem, 0);
	return NULL;
}

static void sem_isr_before(void *fixture)
{
	ARG_UNUSED(fixture);
	zassert_ok(k_sem_init(&isr_sem, 0, 10));
	trace_reset();
	isr_action = ISR_GIVE;
	waiter_rc = 1;
	irq_enable(RISCV_IRQ_SOFT);
}

static void sem_isr_after(void *fixture)
{
	ARG_UNUSED(fixture);
	irq_disable(RISCV_IRQ_SOFT);
	riscv_soft_irq_clear();
	helpers_abort_all();
}

ZTEST(sem_isr, test_give_from_isr_counts)
{
	zassert_true(raise_and_wait(), "the software interrupt was not taken");
	zassert_equal(k_sem_count_get(&isr_sem), 1);
}

ZTEST(sem_isr, test_take_no_wait_from_isr)
{
	isr_action = ISR_TAKE;
	zassert_true(raise_and_wait());
	zassert_equal(isr_take_rc, -EBUSY);
	k_sem_give(&isr_sem);
	zassert_true(raise_and_wait());
	zassert_equal(isr_take_rc, 0);
	zassert_equal(k_sem_count_get(&isr_sem), 0);
}

/*
 * The ISR wakes a waiter of higher priority than the preemptible thread
 * it interrupted: the waiter runs on the way out of the interrupt, before
 * the interrupted thread takes another step. Trace: ISR, waiter, test.
 */
ZTEST(sem_isr, test_give_from_isr_switches_to_waiter)
{
	k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(10));
	helper_start(0, waiter, NULL, NULL, K_PRIO_PREEMPT(5));
	zassert_str_equal(trace_get(), "", "the waiter did not block");
	zassert_true(raise_and_wait());
	trace('T');
	zassert_str_equal(trace_get(), "IWT");
	zassert_equal(waiter_rc, 0);
	zassert_equal(k_sem_count_get(&isr_sem), 0);
}

/* A cooperative thread is not preempted: the waiter runs when it gives way. */
ZTEST(sem_isr, test_give_from_isr_keeps_cooperative_thread)
{
	helper_start(0, waiter, NULL, NULL, K_PRIO_PREEMPT(5));
	run_others();
	zassert_true(raise_and_wait());
	trace('T');
	run_others();
	zassert_str_equal(trace_get(), "ITW");
	zassert_equal(waiter_rc, 0);
}

ZTEST_SUITE(sem_isr, NULL, sem_isr_setup, sem_isr_before, sem_isr_after, NULL);
