/*
 * The interrupt API at run time, on the software interrupt of soft_irq.h:
 * irq_connect_dynamic(), irq_enable/irq_disable/irq_is_enabled, nested
 * irq_lock/irq_unlock (also across blocking), k_is_in_isr() and the
 * handler's argument.
 */
#include <vireo/ztest.h>
#include "msoft.h"

static int isr_arg;
static volatile int isr_runs;
static volatile int other_isr_runs;
static const void *volatile seen_arg;
static volatile bool seen_in_isr;

static struct k_thread helper;
static K_THREAD_STACK_DEFINE(helper_stack, 1024);
static bool helper_started;
static struct k_sem helper_done;
static volatile bool helper_saw_irq;

static void runtime_isr(const void *arg)
{
	msoft_clear();
	seen_arg = arg;
	seen_in_isr = k_is_in_isr();
	isr_runs++;
}

static void other_isr(const void *arg)
{
	ARG_UNUSED(arg);
	msoft_clear();
	other_isr_runs++;
}

static void runtime_before(void *fixture)
{
	ARG_UNUSED(fixture);
	isr_runs = 0;
	other_isr_runs = 0;
	seen_arg = NULL;
	seen_in_isr = false;
	zassert_equal(irq_connect_dynamic(RISCV_IRQ_SOFT, 0, runtime_isr, &isr_arg, 0),
		      RISCV_IRQ_SOFT);
}

static void runtime_after(void *fixture)
{
	ARG_UNUSED(fixture);
	irq_disable(RISCV_IRQ_SOFT);
	msoft_clear();
	if (helper_started) {
		k_thread_abort(&helper);
		helper_started = false;
	}
}

ZTEST(irq_runtime, test_connect_dynamic_returns_irq_and_arg_arrives)
{
	irq_enable(RISCV_IRQ_SOFT);
	msoft_raise();
	zassert_true(wait_for_change(&isr_runs, 0), "the dynamic handler did not run");
	zassert_equal(isr_runs, 1, "ran %d times for one raise", isr_runs);
	zassert_equal_ptr(seen_arg, &isr_arg);
}

ZTEST(irq_runtime, test_connect_dynamic_rejects_bad_irq)
{
	zassert_equal(irq_connect_dynamic(RISCV_LOCAL_IRQS, 0, other_isr, NULL, 0), -EINVAL);
	zassert_equal(irq_connect_dynamic(0xffU, 0, other_isr, NULL, 0), -EINVAL);
	zassert_equal(irq_connect_dynamic(IRQ_PLIC(CONFIG_NUM_2ND_LEVEL_IRQS + 1), 0, other_isr,
					  NULL, 0),
		      -EINVAL);
	/* A second-level number must sit on the external interrupt (MEIP/SEIP). */
	zassert_equal(irq_connect_dynamic((5U << 8) | RISCV_IRQ_SOFT, 0, other_isr, NULL, 0),
		      -EINVAL);
	/* An S-mode kernel cannot take the machine lines: sie has no bit for them. */
	if (IS_ENABLED(CONFIG_RISCV_S_MODE)) {
		zassert_equal(irq_connect_dynamic(RISCV_IRQ_MTIMER, 0, other_isr, NULL, 0),
			      -EINVAL);
		zassert_equal(irq_connect_dynamic(RISCV_IRQ_MSOFT, 0, other_isr, NULL, 0),
			      -EINVAL);
	}
	/* The rejected calls left the connected handler alone. */
	irq_enable(RISCV_IRQ_SOFT);
	msoft_raise();
	zassert_true(wait_for_change(&isr_runs, 0));
	zassert_equal(other_isr_runs, 0);
}

ZTEST(irq_runtime, test_connect_dynamic_replaces_handler)
{
	zassert_equal(irq_connect_dynamic(RISCV_IRQ_SOFT, 0, other_isr, NULL, 0),
		      RISCV_IRQ_SOFT);
	irq_enable(RISCV_IRQ_SOFT);
	msoft_raise();
	zassert_true(wait_for_change(&other_isr_runs, 0));
	zassert_equal(isr_runs, 0);
}

/* A pending interrupt on a disabled line waits; enabling the line fires it. */
ZTEST(irq_runtime, test_disabled_line_fires_once_enabled)
{
	irq_disable(RISCV_IRQ_SOFT);
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 0);
	msoft_raise();
	k_busy_wait(5000);
	zassert_equal(isr_runs, 0, "fired while disabled");
	irq_enable(RISCV_IRQ_SOFT);
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 1);
	zassert_true(wait_for_change(&isr_runs, 0), "did not fire once enabled");
	irq_disable(RISCV_IRQ_SOFT);
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 0);
}

/* Only the outermost irq_unlock() lets the pending interrupt in. */
ZTEST(irq_runtime, test_irq_lock_nests)
{
	unsigned int outer;
	unsigned int inner;

	irq_enable(RISCV_IRQ_SOFT);
	outer = irq_lock();
	inner = irq_lock();
	msoft_raise();
	k_busy_wait(5000);
	zassert_equal(isr_runs, 0, "fired under two locks");
	irq_unlock(inner);
	k_busy_wait(5000);
	zassert_equal(isr_runs, 0, "the inner unlock unlocked interrupts");
	irq_unlock(outer);
	zassert_true(wait_for_change(&isr_runs, 0), "did not fire after the outer unlock");
}

ZTEST(irq_runtime, test_k_is_in_isr)
{
	unsigned int key;

	zassert_false(k_is_in_isr());
	/* Locked interrupts do not make a thread an ISR. */
	key = irq_lock();
	zassert_false(k_is_in_isr());
	irq_unlock(key);
	irq_enable(RISCV_IRQ_SOFT);
	msoft_raise();
	zassert_true(wait_for_change(&isr_runs, 0));
	zassert_true(seen_in_isr, "k_is_in_isr() false inside the ISR");
	zassert_false(k_is_in_isr(), "still 'in ISR' after it returned");
}

/* Runs while the test thread is blocked with interrupts locked. */
static void unlocked_helper(void *p1, void *p2, void *p3)
{
	int before = isr_runs;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	msoft_raise();
	helper_saw_irq = wait_for_change(&isr_runs, before);
	k_sem_give(&helper_done);
}

/*
 * The lock belongs to the thread (Zephyr's irq_lock documentation): when
 * the locking thread blocks, others run with interrupts enabled, and the
 * lock is back in force when it resumes.
 */
ZTEST(irq_runtime, test_irq_lock_is_kept_across_blocking)
{
	unsigned int key;
	int runs;
	bool fired_while_locked;
	int rc;

	zassert_ok(k_sem_init(&helper_done, 0, 1));
	helper_saw_irq = false;
	irq_enable(RISCV_IRQ_SOFT);
	key = irq_lock();
	helper_started = true;
	k_thread_create(&helper, helper_stack, K_THREAD_STACK_SIZEOF(helper_stack),
			unlocked_helper, NULL, NULL, NULL, K_PRIO_PREEMPT(5), 0, K_NO_WAIT);
	rc = k_sem_take(&helper_done, K_FOREVER);
	runs = isr_runs;
	msoft_raise();
	k_busy_wait(5000);
	fired_while_locked = isr_runs != runs;
	irq_unlock(key);
	zassert_ok(rc);
	zassert_true(helper_saw_irq, "interrupts stayed locked while another thread ran");
	zassert_false(fired_while_locked, "the lock was lost while the thread was blocked");
	zassert_true(wait_for_change(&isr_runs, runs), "did not fire after the unlock");
}

ZTEST_SUITE(irq_runtime, NULL, NULL, runtime_before, runtime_after, NULL);
