/*
 * Interrupt costs, with the software interrupt (CLINT msip in M-mode,
 * sip.SSIP in S-mode) as a source the benchmark raises itself: entry
 * (raising it until the first instruction of the ISR), an ISR giving a
 * semaphore until the higher-priority waiter runs, and a periodic tick
 * with nothing to do (the gap it leaves in a thread that reads the
 * counter in a tight loop).
 */
#include "bench.h"
#include <vireo/arch/riscv/soft_irq.h>

static volatile timing_t stamp, isr_stamp;
static volatile bool give_in_isr;
static K_SEM_DEFINE(isr_sem, 0, 1);
static K_THREAD_STACK_DEFINE(isr_waiter_stack, BENCH_STACK_SIZE);
static struct k_thread isr_waiter_thread;
static struct samples preempt_samples;

static void soft_isr(const void *arg)
{
	isr_stamp = timing_counter_get();
	ARG_UNUSED(arg);
	riscv_soft_irq_clear();
	if (give_in_isr) {
		k_sem_give(&isr_sem);
	}
}

static void isr_entry(void)
{
	struct samples s = { .n = 0 };

	give_in_isr = false;
	for (int i = 0; i < BENCH_REPS; i++) {
		stamp = timing_counter_get();
		riscv_soft_irq_raise();
		sample_add(&s, isr_stamp - stamp);
	}
	bench_report("isr_entry", bench_median(&s));
}

static void isr_waiter(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS; i++) {
		k_sem_take(&isr_sem, K_FOREVER);
		sample_add(&preempt_samples, timing_counter_get() - stamp);
	}
}

static void isr_preempt_switch(void)
{
	/* main drops below the waiter so that the ISR's give preempts it. */
	k_thread_priority_set(k_current_get(), K_PRIO_PREEMPT(3));
	give_in_isr = true;
	k_thread_create(&isr_waiter_thread, isr_waiter_stack,
			K_THREAD_STACK_SIZEOF(isr_waiter_stack), isr_waiter, NULL, NULL, NULL,
			K_PRIO_PREEMPT(1), 0, K_NO_WAIT);
	for (int i = 0; i < BENCH_REPS; i++) {
		stamp = timing_counter_get();
		riscv_soft_irq_raise();
	}
	k_thread_join(&isr_waiter_thread, K_FOREVER);
	give_in_isr = false;
	k_thread_priority_set(k_current_get(), CONFIG_MAIN_THREAD_PRIORITY);
	bench_report("isr_preempt_switch", bench_median(&preempt_samples));
}

static void timer_tick(void)
{
	struct samples s = { .n = 0 };
	timing_t prev = timing_counter_get();
	uint64_t loop = UINT64_MAX;

	/* The loop's own cost is its smallest gap; a tick leaves a big one. */
	while (s.n < 51) {
		timing_t now = timing_counter_get();
		uint64_t gap = now - prev;

		if (gap < loop) {
			loop = gap;
		} else if (gap > 4 * loop + 100) {
			sample_add(&s, gap - loop + bench_overhead);
		}
		prev = now;
	}
	bench_report("timer_tick", bench_median(&s));
}

void bench_isr(void)
{
	IRQ_CONNECT(RISCV_IRQ_SOFT, 0, soft_isr, NULL, 0);
	irq_enable(RISCV_IRQ_SOFT);
	isr_entry();
	isr_preempt_switch();
	irq_disable(RISCV_IRQ_SOFT);
	timer_tick();
}
