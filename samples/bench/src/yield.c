/*
 * Context switches between two supervisor threads of equal priority:
 * each sample runs from just before k_yield() in one thread to just after
 * k_yield() returns in the other.
 */
#include "bench.h"

#define YIELD_PRIO K_PRIO_PREEMPT(1)

static K_THREAD_STACK_ARRAY_DEFINE(yield_stacks, 2, BENCH_STACK_SIZE);
static struct k_thread yield_threads[2];
static volatile timing_t stamp;
static struct samples yield_samples;

static void yielder(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS / 2 + 2; i++) {
		stamp = timing_counter_get();
		k_yield();
		sample_add(&yield_samples, timing_counter_get() - stamp);
	}
}

/* Runs the two yielders to completion; returns the median switch. */
uint32_t bench_yield_pair(void)
{
	yield_samples.n = 0;
	for (int i = 0; i < 2; i++) {
		k_thread_create(&yield_threads[i], yield_stacks[i],
				K_THREAD_STACK_SIZEOF(yield_stacks[i]), yielder, NULL, NULL, NULL,
				YIELD_PRIO, 0, K_NO_WAIT);
	}
	for (int i = 0; i < 2; i++) {
		k_thread_join(&yield_threads[i], K_FOREVER);
	}
	return bench_median(&yield_samples);
}

void bench_yield(void)
{
	bench_report("yield_switch", bench_yield_pair());
}
