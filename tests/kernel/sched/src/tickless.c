/*
 * The system timer's interrupt load: with CONFIG_TICKLESS_KERNEL an idle
 * system takes an interrupt only for the next deadline (one for a 1 s
 * sleep, allowing one spare); without it, one per tick.
 */
#include "helpers.h"

extern uint32_t z_timer_irq_count;

ZTEST(sched_tickless, test_idle_sleep_timer_interrupts)
{
	uint32_t before = z_timer_irq_count;
	uint32_t taken;

	zassert_equal(k_msleep(1000), 0);
	taken = z_timer_irq_count - before;
	printk("  %u timer interrupts\n", (unsigned int)taken);
	if (IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		zassert_true(taken <= 2, "%u timer interrupts in an idle second",
			     (unsigned int)taken);
	} else {
		zassert_true(taken >= 900 && taken <= 1100, "%u timer interrupts in a second",
			     (unsigned int)taken);
	}
}

ZTEST(sched_tickless, test_sleeping_threads_cost_their_deadlines)
{
	uint32_t before = z_timer_irq_count;
	uint32_t taken;

	/* Ten wake-ups 100 ms apart: about ten interrupts, not a thousand. */
	for (int i = 0; i < 10; i++) {
		zassert_equal(k_msleep(100), 0);
	}
	taken = z_timer_irq_count - before;
	printk("  %u timer interrupts\n", (unsigned int)taken);
	if (IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		zassert_true(taken >= 10 && taken <= 20, "%u timer interrupts for 10 sleeps",
			     (unsigned int)taken);
	} else {
		zassert_true(taken >= 900, "%u timer interrupts in a second",
			     (unsigned int)taken);
	}
}

ZTEST_SUITE(sched_tickless, NULL, NULL, NULL, helpers_cleanup, NULL);
