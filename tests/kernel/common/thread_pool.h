/*
 * Shared by the thread and scheduler suites (tests/kernel/threads, sched):
 * a pool of helper threads that every
 * case may spawn and that the suites' after() hook aborts (so a failing
 * case leaves nothing running into the next one), a trace of events in
 * the order they happened, and the priorities the cases use.
 *
 * Priorities must be valid in the cooperative-only build too
 * (CONFIG_NUM_PREEMPT_PRIORITIES=0), so most helpers are cooperative;
 * cases that need preemptible threads call REQUIRE_PREEMPT() first.
 * The ztest thread runs at CONFIG_ZTEST_THREAD_PRIORITY (-1, the lowest
 * cooperative priority), so every PRIO_* below outranks it.
 */
#ifndef KERNEL_TEST_THREAD_POOL_H_
#define KERNEL_TEST_THREAD_POOL_H_

#include <vireo/ztest.h>

#define PRIO_HI K_PRIO_COOP(2)
#define PRIO_MID K_PRIO_COOP(5)
#define PRIO_LO K_PRIO_COOP(8)
#define PRIO_LOWER K_PRIO_COOP(10)
BUILD_ASSERT(PRIO_LOWER < CONFIG_ZTEST_THREAD_PRIORITY, "helpers must outrank the case thread");

/* The preemptible priorities the cases use, and the highest of them. */
#define PREEMPT_HI K_PRIO_PREEMPT(2)
#define PREEMPT_MID K_PRIO_PREEMPT(5)
#define PREEMPT_LO K_PRIO_PREEMPT(8)
#define PREEMPT_LOWER K_PRIO_PREEMPT(10)
#define PREEMPT_PRIOS_NEEDED 11

/* Skip the case in a build without the preemptible priorities it uses. */
#define REQUIRE_PREEMPT()                                                  \
	do {                                                               \
		if (CONFIG_NUM_PREEMPT_PRIORITIES < PREEMPT_PRIOS_NEEDED) { \
			ztest_test_skip();                                 \
		}                                                          \
	} while (0)

#define HELPER_COUNT 6
/* What the board gives a test thread (2048 on QEMU virt, 1024 in 16 KiB). */
#define HELPER_STACK_SIZE CONFIG_ZTEST_STACK_SIZE

/** Create a helper thread from the pool (the case fails when it is empty). */
k_tid_t helper_spawn(k_thread_entry_t entry, void *p1, void *p2, void *p3, int prio,
		     k_timeout_t delay);

/** The pool's stack size, as k_thread_stack_space_get() sees it. */
size_t helper_stack_size(void);

/**
 * after() hook: abort every helper the case spawned, clear the trace and
 * call helpers_cleanup_extra().
 */
void helpers_cleanup(void *fixture);

/** Record one event. Callable from threads and ISRs. */
void trace_add(char c);
/** The events so far, NUL-terminated. */
const char *trace_get(void);

/** Ticks elapsed since @p start (k_uptime_ticks()). */
static inline int64_t ticks_since(int64_t start)
{
	return k_uptime_ticks() - start;
}

/** What a suite also puts back after each case (weak: nothing by default). */
void helpers_cleanup_extra(void);

#endif /* KERNEL_TEST_THREAD_POOL_H_ */
