/*
 * Helper threads and an event trace, shared by the semaphore and mutex
 * suites (their CMakeLists.txt add helper_pool.c and may set HELPER_COUNT).
 * The pool is fixed so that the suite's after() hook can abort whatever a
 * failed case left running before the next case reuses it.
 */
#ifndef KERNEL_TEST_HELPERS_H_
#define KERNEL_TEST_HELPERS_H_

#include <vireo/kernel.h>

#ifndef HELPER_COUNT
#define HELPER_COUNT 4
#endif
#define HELPER_STACK_SIZE 1024

/** Start helper @p i now: entry(p1, p2, NULL) at priority @p prio. */
k_tid_t helper_start(int i, k_thread_entry_t entry, void *p1, void *p2, int prio);

/** The thread object of helper @p i. */
k_tid_t helper_tid(int i);

/**
 * Wait up to about @p ms milliseconds for helper @p i to end. Polls with a
 * K_NO_WAIT join, so the result does not depend on timed waits working.
 */
bool helper_wait_done(int i, int ms);

/**
 * Let every ready helper run until it blocks or ends, then return. The
 * caller drops to the lowest application priority for that time, so this
 * does not depend on how long anything takes (unlike a short sleep).
 */
void run_others(void);

/** Abort every helper started so far (the after() hook). */
void helpers_abort_all(void);

/** Append @p c to the trace; callable from threads and ISRs. */
void trace(char c);
/** The trace so far, NUL-terminated. */
const char *trace_get(void);
/** Empty the trace. */
void trace_reset(void);

#endif /* KERNEL_TEST_HELPERS_H_ */
