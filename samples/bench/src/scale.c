/*
 * How costs grow with the number of threads: the yield switch with more
 * ready threads at mixed lower priorities, and k_sleep (timeout insertion
 * plus the switch away) with more threads already sleeping.
 */
#include "bench.h"

/*
 * The rows at full size create up to 128 threads (about 86 KiB of RAM); a
 * board with little RAM (the FE310's 16 KiB) measures at the sizes it holds.
 */
#if CONFIG_SRAM_SIZE >= 128
#define MAX_EXTRA 126
static const int yield_counts[] = { 2, 16, 64 };
static const char *const yield_names[] = {
	"yield_switch_ready_2", "yield_switch_ready_16", "yield_switch_ready_64",
};
static const int sleep_counts[] = { 1, 16, 128 };
static const char *const sleep_names[] = {
	"sleep_insert_1", "sleep_insert_16", "sleep_insert_128",
};
#else
#define MAX_EXTRA 8
static const int yield_counts[] = { 2, 10 };
static const char *const yield_names[] = { "yield_switch_ready_2", "yield_switch_ready_10" };
static const int sleep_counts[] = { 1, 8 };
static const char *const sleep_names[] = { "sleep_insert_1", "sleep_insert_8" };
#endif /* CONFIG_SRAM_SIZE >= 128 */
#define SLEEPER_PRIO K_PRIO_PREEMPT(1)
#define WATCHER_PRIO K_PRIO_PREEMPT(2)

uint32_t bench_yield_pair(void);

static K_THREAD_STACK_ARRAY_DEFINE(extra_stacks, MAX_EXTRA, 384);
static struct k_thread extra_threads[MAX_EXTRA];
static K_THREAD_STACK_DEFINE(watcher_stack, BENCH_STACK_SIZE);
static struct k_thread watcher_thread;
static volatile timing_t stamp;
static volatile bool pending, done;
static struct samples sleep_samples;

static void idle_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (p1 != NULL) {
		k_sleep(K_SECONDS(3600 + POINTER_TO_UINT(p1)));
	}
}

static void spawn_extra(int n, bool sleeping)
{
	for (int i = 0; i < n; i++) {
		/* Priorities 4..14, below every measuring thread. */
		k_thread_create(&extra_threads[i], extra_stacks[i],
				K_THREAD_STACK_SIZEOF(extra_stacks[i]), idle_entry,
				sleeping ? UINT_TO_POINTER(i + 1) : NULL, NULL, NULL,
				sleeping ? K_PRIO_PREEMPT(0) : K_PRIO_PREEMPT(4 + i % 11), 0,
				K_NO_WAIT);
	}
}

static void reap_extra(int n)
{
	for (int i = 0; i < n; i++) {
		k_thread_abort(&extra_threads[i]);
	}
}

static void yield_scale(void)
{
	/* main (priority 0) outranks the extra threads: none runs meanwhile. */
	for (unsigned int c = 0; c < ARRAY_SIZE(yield_counts); c++) {
		spawn_extra(yield_counts[c] - 2, false);
		bench_report(yield_names[c], bench_yield_pair());
		reap_extra(yield_counts[c] - 2);
	}
}

static void watcher(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (!done) {
		if (pending) {
			sample_add(&sleep_samples, timing_counter_get() - stamp);
			pending = false;
		}
	}
}

static void sleep_scale(void)
{
	k_thread_priority_set(k_current_get(), SLEEPER_PRIO);
	for (unsigned int c = 0; c < ARRAY_SIZE(sleep_counts); c++) {
		int others = MIN(sleep_counts[c], MAX_EXTRA);

		/* The sleepers run first (priority 0), then sleep for an hour. */
		spawn_extra(others, true);
		sleep_samples.n = 0;
		done = false;
		k_thread_create(&watcher_thread, watcher_stack, K_THREAD_STACK_SIZEOF(watcher_stack),
				watcher, NULL, NULL, NULL, WATCHER_PRIO, 0, K_NO_WAIT);
		for (int i = 0; i < BENCH_REPS; i++) {
			pending = true;
			stamp = timing_counter_get();
			k_sleep(K_TICKS(1));
		}
		done = true;
		k_thread_join(&watcher_thread, K_FOREVER);
		reap_extra(others);
		bench_report(sleep_names[c], bench_median(&sleep_samples));
	}
	k_thread_priority_set(k_current_get(), CONFIG_MAIN_THREAD_PRIORITY);
}

void bench_scale(void)
{
	yield_scale();
	sleep_scale();
}
