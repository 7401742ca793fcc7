/*
 * The helper-thread pool and the event trace of thread_pool.h. Only the ztest
 * thread and its helpers touch them, one at a time on a single hart;
 * trace_add() locks interrupts because ISRs record events too.
 */
#include "thread_pool.h"

static struct k_thread helpers[HELPER_COUNT];
static K_THREAD_STACK_ARRAY_DEFINE(helper_stacks, HELPER_COUNT, HELPER_STACK_SIZE);
static unsigned int helpers_used;

static char trace[64];
static unsigned int trace_len;

k_tid_t helper_spawn(k_thread_entry_t entry, void *p1, void *p2, void *p3, int prio,
		     k_timeout_t delay)
{
	unsigned int i = helpers_used;

	zassert_true(i < HELPER_COUNT, "helper pool exhausted");
	helpers_used++;
	return k_thread_create(&helpers[i], helper_stacks[i], K_THREAD_STACK_SIZEOF(helper_stacks[i]),
			       entry, p1, p2, p3, prio, 0, delay);
}

size_t helper_stack_size(void)
{
	return K_THREAD_STACK_SIZEOF(helper_stacks[0]);
}

void helpers_cleanup(void *fixture)
{
	ARG_UNUSED(fixture);
	for (unsigned int i = 0; i < helpers_used; i++) {
		k_thread_abort(&helpers[i]);
	}
	helpers_used = 0;
	helpers_cleanup_extra();
	trace_len = 0;
	trace[0] = '\0';
}

__weak void helpers_cleanup_extra(void)
{
}

void trace_add(char c)
{
	unsigned int key = irq_lock();

	if (trace_len < sizeof(trace) - 1) {
		trace[trace_len++] = c;
		trace[trace_len] = '\0';
	}
	irq_unlock(key);
}

const char *trace_get(void)
{
	return trace;
}
