/*
 * Interrupt API seen from threads (Zephyr's irq.h, k_is_in_isr):
 * irq_lock()/irq_unlock() nest, irq_enable/irq_disable show in
 * irq_is_enabled() and gate the line, irq_connect_dynamic() replaces a
 * handler, k_is_in_isr() tells handlers from threads.
 */
#include "helpers.h"

ZTEST(sched_irq, test_is_in_isr)
{
	zassert_false(k_is_in_isr());
	soft_irq_setup(NULL);
	zassert_true(soft_irq_fire(), "the software interrupt was not taken");
	zassert_true(soft_irq_saw_isr, "k_is_in_isr() false in an ISR");
	zassert_false(k_is_in_isr());
}

ZTEST(sched_irq, test_irq_lock_nests)
{
	unsigned int before = soft_irq_count;
	unsigned int outer, inner;

	soft_irq_setup(NULL);
	outer = irq_lock();
	inner = irq_lock();
	zassert_true(arch_irq_unlocked(outer), "the case ran with interrupts locked");
	zassert_false(arch_irq_unlocked(inner));
	soft_irq_raise();
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before, "taken under two locks");
	irq_unlock(inner);
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before, "taken after the inner unlock");
	irq_unlock(outer);
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before + 1, "not taken after the outer unlock");
}

ZTEST(sched_irq, test_enable_disable)
{
	unsigned int before;

	soft_irq_setup(NULL);
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 1);
	zassert_equal(irq_is_enabled(RISCV_IRQ_TIMER), 1, "the system timer is off");
	irq_disable(RISCV_IRQ_SOFT);
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 0);
	before = soft_irq_count;
	soft_irq_raise();
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before, "a disabled line interrupted");
	irq_enable(RISCV_IRQ_SOFT);
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before + 1, "the pending interrupt was lost");
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 1);
	/* Out of range: never enabled. */
	zassert_equal(irq_is_enabled(RISCV_LOCAL_IRQS), 0);
}

static struct k_sem lock_sem;
static volatile unsigned int irqs_seen_by_other;

static void lock_sem_taker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_sem_take(&lock_sem, K_FOREVER);
	/* Another thread runs: the taker's own (unlocked) state applies. */
	irqs_seen_by_other = soft_irq_count;
	k_msleep(3);
	trace_add('h');
}

/*
 * irq_lock() belongs to the thread (Zephyr's irq_lock documentation): if
 * the thread lets another run while holding it, interrupts may be taken
 * meanwhile, and the lock is back in force when the thread runs again.
 */
ZTEST(sched_irq, test_irq_lock_survives_blocking)
{
	unsigned int before, key;
	k_tid_t h;

	soft_irq_setup(NULL);
	k_sem_init(&lock_sem, 0, 1);
	h = helper_spawn(lock_sem_taker, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(2);
	key = irq_lock();
	before = soft_irq_count;
	soft_irq_raise();
	k_sem_give(&lock_sem);
	k_msleep(10); /* sleeps, so the taker runs and its sleep needs timer interrupts */
	zassert_str_equal(trace_get(), "h", "the other thread did not run (%s)", trace_get());
	zassert_false(arch_irq_unlocked(irq_lock()), "the lock was not restored");
	k_busy_wait(100);
	zassert_true(soft_irq_count == before + 1 || soft_irq_count == before,
		     "taken %u times", soft_irq_count - before);
	irq_unlock(key);
	k_busy_wait(100);
	zassert_equal(soft_irq_count, before + 1, "raised once, taken %u times",
		      soft_irq_count - before);
	zassert_equal(k_thread_join(h, K_MSEC(100)), 0);
}

static volatile k_tid_t isr_victim;

static void abort_interrupted(void)
{
	if (k_current_get() == isr_victim) {
		k_thread_abort(isr_victim);
	}
}

static void victim_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	trace_add('a');
	(void)soft_irq_fire();
	trace_add('b');
}

/* An ISR may abort the thread it interrupted; that thread never resumes. */
ZTEST(sched_irq, test_isr_aborts_interrupted_thread)
{
	k_tid_t v = helper_spawn(victim_entry, NULL, NULL, NULL, PRIO_HI, K_FOREVER);

	isr_victim = v;
	soft_irq_setup(abort_interrupted);
	k_thread_start(v);
	zassert_equal(k_thread_join(v, K_MSEC(100)), 0);
	zassert_str_equal(trace_get(), "a", "order %s", trace_get());
}

static volatile const void *dyn_arg;
static volatile unsigned int dyn_calls;

static void dyn_isr(const void *arg)
{
	soft_irq_isr(NULL); /* clears the interrupt, counts */
	dyn_arg = arg;
	dyn_calls++;
}

ZTEST(sched_irq, test_irq_connect_dynamic)
{
	static int token;
	unsigned int before;

	soft_irq_setup(NULL);
	zassert_equal(irq_connect_dynamic(RISCV_IRQ_SOFT, 0, dyn_isr, &token, 0),
		      RISCV_IRQ_SOFT);
	before = dyn_calls;
	zassert_true(soft_irq_fire(), "the software interrupt was not taken");
	zassert_equal(dyn_calls, before + 1, "the dynamic handler did not run");
	zassert_equal_ptr(dyn_arg, &token);
	/* Back to the build-time handler. */
	zassert_equal(irq_connect_dynamic(RISCV_IRQ_SOFT, 0, soft_irq_isr, NULL, 0),
		      RISCV_IRQ_SOFT);
	before = dyn_calls;
	zassert_true(soft_irq_fire());
	zassert_equal(dyn_calls, before, "the replaced handler still runs");

	zassert_equal(irq_connect_dynamic(RISCV_LOCAL_IRQS, 0, dyn_isr, NULL, 0), -EINVAL);
	zassert_equal(irq_connect_dynamic(IRQ_PLIC(CONFIG_NUM_2ND_LEVEL_IRQS + 1), 0, dyn_isr,
					  NULL, 0),
		      -EINVAL);
	zassert_equal(irq_connect_dynamic(RISCV_IRQ_SOFT, 0, NULL, NULL, 0), -EINVAL);
}

ZTEST_SUITE(sched_irq, NULL, NULL, NULL, helpers_cleanup, NULL);
