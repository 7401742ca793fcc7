/*
 * Helper user threads for the IPC suites (see common.h). They are created
 * by kernel-mode cases, so they start in the default domain: they are
 * moved to one that grants the ztest partition before they start.
 */
#include "common.h"

ZTEST_BMEM volatile int ipc_reached;

static K_THREAD_STACK_ARRAY_DEFINE(stacks, IPC_USER_THREADS, 1024);
static struct k_thread threads[IPC_USER_THREADS] Z_KOBJ_SECTION(k_thread);
static struct k_mem_domain helper_domain;
static bool domain_ready;

void ipc_domain_setup(void)
{
	struct k_mem_partition *parts[] = { &ztest_mem_partition };

	if (!domain_ready) {
		zassert_ok(k_mem_domain_init(&helper_domain, 1, parts));
		domain_ready = true;
	}
}

struct k_thread *ipc_user_thread(int slot)
{
	return &threads[slot];
}

void ipc_user_start_in(int slot, struct k_mem_domain *domain, k_thread_entry_t fn, void *p1)
{
	k_thread_create(&threads[slot], stacks[slot], K_THREAD_STACK_SIZEOF(stacks[slot]), fn, p1,
			NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_FOREVER);
	zassert_ok(k_mem_domain_add_thread(domain, &threads[slot]));
	k_thread_start(&threads[slot]);
}

void ipc_user_start(int slot, k_thread_entry_t fn, void *p1)
{
	ipc_user_start_in(slot, &helper_domain, fn, p1);
}

void ipc_user_join(int slot, k_timeout_t timeout)
{
	zassert_ok(k_thread_join(&threads[slot], timeout), "user thread %d did not end", slot);
}

void ipc_expect_oops(k_thread_entry_t fn, void *p1)
{
	ipc_reached = 0;
	ztest_set_fault_valid(true);
	ipc_user_start(0, fn, p1);
	ipc_user_join(0, K_MSEC(500));
	zassert_equal(ipc_reached, 0, "the call returned instead of oopsing");
}
