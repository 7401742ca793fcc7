/*
 * User mode basics: a K_USER thread runs in U-mode, reaches the kernel
 * through syscalls on objects it was granted, prints, and faults (only
 * itself) when it touches kernel memory.
 */
#include <vireo/ztest.h>

K_SEM_DEFINE(ping, 0, 1);
K_SEM_DEFINE(not_granted, 0, 1);
static K_THREAD_STACK_DEFINE(user_stack, 1024);
static struct k_thread user_thread Z_KOBJ_SECTION(k_thread);
static volatile int kernel_secret = 42;
static volatile int reached;

static void start_user(k_thread_entry_t entry)
{
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack), entry, NULL,
			NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_FOREVER);
	k_object_access_grant(&ping, &user_thread);
	k_thread_start(&user_thread);
}

static void gives_ping(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	printk("user thread: in user mode: %d\n", (int)k_is_user_context());
	k_sem_give(&ping);
}

ZTEST(userspace_basic, test_user_thread_gives_granted_sem)
{
	start_user(gives_ping);
	zassert_ok(k_sem_take(&ping, K_MSEC(100)));
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_false(k_is_user_context());
}

static void reads_kernel(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	reached = kernel_secret;
}

ZTEST(userspace_basic, test_read_kernel_data_faults)
{
	reached = 0;
	ztest_set_fault_valid(true);
	start_user(reads_kernel);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(reached, 0, "user mode read kernel data");
}

static void uses_ungranted(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(&not_granted);
	reached = 1;
}

ZTEST(userspace_basic, test_ungranted_object_oopses)
{
	reached = 0;
	ztest_set_fault_valid(true);
	start_user(uses_ungranted);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(k_sem_count_get(&not_granted), 0);
}

ZTEST_SUITE(userspace_basic, NULL, NULL, NULL, NULL, NULL);
