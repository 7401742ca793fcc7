/*
 * Synchronization costs: uncontended semaphore and mutex pairs, and two
 * hand-offs measured until the woken higher-priority thread runs: a
 * semaphore give, and a 4-byte message put to a waiting getter.
 */
#include "bench.h"

static K_SEM_DEFINE(handoff_sem, 0, 1);
static K_SEM_DEFINE(pair_sem, 0, 1);
static K_MUTEX_DEFINE(pair_mutex);
static K_THREAD_STACK_DEFINE(waiter_stack, BENCH_STACK_SIZE);
static K_THREAD_STACK_DEFINE(giver_stack, BENCH_STACK_SIZE);
static struct k_thread waiter_thread, giver_thread;
static volatile timing_t stamp;
static struct samples handoff_samples;
K_MSGQ_DEFINE(handoff_msgq, 4, 4, 4);

/* p1 != NULL: the message queue, else the semaphore. */
static void waiter(void *p1, void *p2, void *p3)
{
	uint32_t msg;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS; i++) {
		if (p1 != NULL) {
			k_msgq_get(&handoff_msgq, &msg, K_FOREVER);
		} else {
			k_sem_take(&handoff_sem, K_FOREVER);
		}
		sample_add(&handoff_samples, timing_counter_get() - stamp);
	}
}

static void giver(void *p1, void *p2, void *p3)
{
	uint32_t msg = 0x1234;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS; i++) {
		stamp = timing_counter_get();
		if (p1 != NULL) {
			k_msgq_put(&handoff_msgq, &msg, K_NO_WAIT);
		} else {
			k_sem_give(&handoff_sem);
		}
	}
}

static void handoff(const char *name, void *use_msgq)
{
	handoff_samples.n = 0;
	k_thread_create(&waiter_thread, waiter_stack, K_THREAD_STACK_SIZEOF(waiter_stack),
			waiter, use_msgq, NULL, NULL, K_PRIO_PREEMPT(1), 0, K_NO_WAIT);
	k_thread_create(&giver_thread, giver_stack, K_THREAD_STACK_SIZEOF(giver_stack),
			giver, use_msgq, NULL, NULL, K_PRIO_PREEMPT(2), 0, K_NO_WAIT);
	k_thread_join(&waiter_thread, K_FOREVER);
	k_thread_join(&giver_thread, K_FOREVER);
	bench_report(name, bench_median(&handoff_samples));
}

static void uncontended_pairs(void)
{
	struct samples sem = { .n = 0 }, mutex = { .n = 0 };

	for (int i = 0; i < BENCH_REPS; i++) {
		timing_t t0 = timing_counter_get();

		k_sem_give(&pair_sem);
		k_sem_take(&pair_sem, K_NO_WAIT);
		sample_add(&sem, timing_counter_get() - t0);
	}
	for (int i = 0; i < BENCH_REPS; i++) {
		timing_t t0 = timing_counter_get();

		k_mutex_lock(&pair_mutex, K_FOREVER);
		k_mutex_unlock(&pair_mutex);
		sample_add(&mutex, timing_counter_get() - t0);
	}
	bench_report("sem_give_take", bench_median(&sem));
	bench_report("mutex_lock_unlock", bench_median(&mutex));
}

void bench_sync(void)
{
	handoff("sem_handoff", NULL);
	handoff("msgq_handoff", &handoff_msgq);
	uncontended_pairs();
}
