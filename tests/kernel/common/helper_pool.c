/*
 * Helper-thread pool and event trace (helpers.h). Used by one test case
 * at a time; the trace is written with interrupts locked because ISRs
 * append to it too.
 */
#include "helpers.h"

static struct k_thread helper_threads[HELPER_COUNT];
static K_THREAD_STACK_ARRAY_DEFINE(helper_stacks, HELPER_COUNT, HELPER_STACK_SIZE);
static bool helper_started[HELPER_COUNT];

static char trace_buf[32];
static unsigned int trace_len;

k_tid_t helper_start(int i, k_thread_entry_t entry, void *p1, void *p2, int prio)
{
	helper_started[i] = true;
	return k_thread_create(&helper_threads[i], helper_stacks[i],
			       K_THREAD_STACK_SIZEOF(helper_stacks[i]), entry, p1, p2, NULL, prio,
			       0, K_NO_WAIT);
}

k_tid_t helper_tid(int i)
{
	return &helper_threads[i];
}

bool helper_wait_done(int i, int ms)
{
	for (int waited = 0; waited <= ms; waited++) {
		if (k_thread_join(&helper_threads[i], K_NO_WAIT) == 0) {
			return true;
		}
		k_msleep(1);
	}
	return false;
}

void run_others(void)
{
	k_tid_t self = k_current_get();
	int prio = k_thread_priority_get(self);

	/* Lowering the priority reschedules: we are back once no helper is ready. */
	k_thread_priority_set(self, K_LOWEST_APPLICATION_THREAD_PRIO);
	k_thread_priority_set(self, prio);
}

void helpers_abort_all(void)
{
	for (int i = 0; i < HELPER_COUNT; i++) {
		if (helper_started[i]) {
			k_thread_abort(&helper_threads[i]);
			helper_started[i] = false;
		}
	}
}

void trace(char c)
{
	unsigned int key = irq_lock();

	if (trace_len < sizeof(trace_buf) - 1U) {
		trace_buf[trace_len++] = c;
		trace_buf[trace_len] = '\0';
	}
	irq_unlock(key);
}

const char *trace_get(void)
{
	return trace_buf;
}

void trace_reset(void)
{
	unsigned int key = irq_lock();

	trace_len = 0;
	trace_buf[0] = '\0';
	irq_unlock(key);
}
