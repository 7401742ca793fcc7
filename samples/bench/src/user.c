/*
 * User-mode costs (CONFIG_USERSPACE=y): a syscall round trip from U-mode,
 * an uncontended k_sem_give from U-mode, k_yield between two user threads
 * of the same domain (the PMP keeps the domain's entries, only the stack
 * entries change) and of different domains (the domain's entries are
 * rewritten), how that grows with the partitions of a domain, and adding
 * a partition to a domain whose thread runs.
 */
#include <vireo/app_memory/app_memdomain.h>
#include "bench.h"

#define UPRIO K_PRIO_PREEMPT(1)
#define MAX_EXTRA_PARTS 5

K_APPMEM_PARTITION_DEFINE(bench_part);
K_APP_BMEM(bench_part) static volatile timing_t ustamp;
K_APP_BMEM(bench_part) static struct samples usamples;
K_SEM_DEFINE(bench_user_sem, 0, 1);

static K_THREAD_STACK_ARRAY_DEFINE(ustacks, 2, BENCH_STACK_SIZE);
static struct k_thread uthreads[2] Z_KOBJ_SECTION(k_thread);
static struct k_mem_domain udomains[2];
/* Small partitions that only cost PMP entries (gapped: two entries each). */
static struct k_mem_partition extra_parts[2][MAX_EXTRA_PARTS];
K_APP_BMEM(bench_part) static volatile uint32_t extra_mem[2][MAX_EXTRA_PARTS][16];

static void user_yielder(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS / 2 + 2; i++) {
		ustamp = timing_counter_get();
		k_yield();
		sample_add(&usamples, timing_counter_get() - ustamp);
	}
}

static void user_syscalls(void *p1, void *p2, void *p3)
{
	struct samples *s = &usamples;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < BENCH_REPS; i++) {
		timing_t t0 = timing_counter_get();

		if (p1 != NULL) {
			k_sem_give(&bench_user_sem);
		} else {
			(void)k_current_get();
		}
		sample_add(s, timing_counter_get() - t0);
		if (p1 != NULL) {
			(void)k_sem_take(&bench_user_sem, K_NO_WAIT);
		}
	}
}

/* Domain d: the bench partition plus n small partitions of its own. */
static void domain_setup(int d, int n)
{
	struct k_mem_partition *parts[] = { &bench_part };

	(void)k_mem_domain_init(&udomains[d], 1, parts);
	for (int i = 0; i < n; i++) {
		(void)k_mem_domain_add_partition(&udomains[d], &extra_parts[d][i]);
	}
}

static void run_users(k_thread_entry_t fn, int nthreads, bool same_domain, void *arg)
{
	usamples.n = 0;
	for (int i = 0; i < nthreads; i++) {
		k_thread_create(&uthreads[i], ustacks[i], K_THREAD_STACK_SIZEOF(ustacks[i]), fn, arg,
				NULL, NULL, UPRIO, K_USER, K_FOREVER);
		k_object_access_grant(&bench_user_sem, &uthreads[i]);
		(void)k_mem_domain_add_thread(&udomains[same_domain ? 0 : i], &uthreads[i]);
	}
	for (int i = 0; i < nthreads; i++) {
		k_thread_start(&uthreads[i]);
	}
	for (int i = 0; i < nthreads; i++) {
		k_thread_join(&uthreads[i], K_FOREVER);
	}
}

static void switch_scale(void)
{
	static const char *const names[] = {
		"user_switch_partitions_1", "user_switch_partitions_2", "user_switch_partitions_3",
		"user_switch_partitions_4", "user_switch_partitions_5", "user_switch_partitions_6",
	};

	for (int n = 0; n <= MAX_EXTRA_PARTS; n++) {
		domain_setup(0, n);
		domain_setup(1, n);
		run_users(user_yielder, 2, false, NULL);
		/* n extra partitions plus the bench partition. */
		bench_report(names[n], bench_median(&usamples));
	}
}

static void add_partition(void)
{
	struct samples s = { .n = 0 };

	domain_setup(0, 0);
	/* The running thread (main) joins the domain, as the row asks. */
	(void)k_mem_domain_add_thread(&udomains[0], k_current_get());
	for (int i = 0; i < BENCH_REPS; i++) {
		timing_t t0 = timing_counter_get();

		(void)k_mem_domain_add_partition(&udomains[0], &extra_parts[0][0]);
		sample_add(&s, timing_counter_get() - t0);
		(void)k_mem_domain_remove_partition(&udomains[0], &extra_parts[0][0]);
	}
	(void)k_mem_domain_add_thread(&k_mem_domain_default, k_current_get());
	bench_report("domain_add_partition", bench_median(&s));
}

void bench_user(void)
{
	for (int d = 0; d < 2; d++) {
		for (int i = 0; i < MAX_EXTRA_PARTS; i++) {
			extra_parts[d][i] = (struct k_mem_partition){
				.start = (uintptr_t)&extra_mem[d][i][1], .size = 8,
				.attr = K_MEM_PARTITION_P_RW_U_RW };
		}
	}
	domain_setup(0, 0);
	domain_setup(1, 0);
	run_users(user_syscalls, 1, true, NULL);
	bench_report("syscall_null", bench_median(&usamples));
	run_users(user_syscalls, 1, true, &bench_user_sem);
	bench_report("syscall_sem_give", bench_median(&usamples));
	run_users(user_yielder, 2, true, NULL);
	bench_report("user_switch_same_domain", bench_median(&usamples));
	run_users(user_yielder, 2, false, NULL);
	bench_report("user_switch_other_domain", bench_median(&usamples));
	add_partition();
	switch_scale();
}
