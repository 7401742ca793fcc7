/*
 * Thread syscalls beyond the caller's rights: creating a thread that is
 * not a user thread, essential, above the caller's priority, on a stack in
 * kernel memory, on an object in use or not granted; raising a priority;
 * aborting, suspending, waking or re-prioritizing threads the caller may
 * not name (main, the kernel-mode case thread). Each must oops the caller
 * and leave the target thread as it was.
 */
#include "attack.h"

static struct k_thread child Z_KOBJ_SECTION(k_thread);
K_APP_BMEM(atk_part) static struct z_thread_stack_element child_stack[K_THREAD_STACK_LEN(512)]
	__aligned(16);
static struct z_thread_stack_element kernel_stack[K_THREAD_STACK_LEN(512)] __aligned(16);

struct create_args {
	struct k_thread *thread;
	k_thread_stack_t *stack;
	size_t size;
	int prio;
	uint32_t options;
};
K_APP_BMEM(atk_part) static struct create_args create_args;

static void child_body(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
}

static void create(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = (uintptr_t)k_thread_create(create_args.thread, create_args.stack,
					       create_args.size, child_body, NULL, NULL, NULL,
					       create_args.prio, create_args.options, K_FOREVER);
	ATK_AFTER();
}

static void create_case(const char *name, struct k_thread *thread, k_thread_stack_t *stack,
			size_t size, int prio, uint32_t options)
{
	uint8_t flags = thread->kobj.flags;
	int8_t thread_prio = thread->base.prio;

	create_args = (struct create_args){ thread, stack, size, prio, options };
	atk_prepare(name, (uintptr_t)thread, create, NULL, NULL, true);
	k_object_access_grant(&child, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	if (thread != &atk_thread) {
		zassert_equal(thread->kobj.flags, flags, "the thread object changed");
		zassert_equal(thread->base.prio, thread_prio, "the thread object changed");
	}
	atk_assert_alive();
}

ZTEST(attacks_threads, test_01_create_on_kernel_stack)
{
	create_case("create_on_kernel_stack", &child, kernel_stack, sizeof(kernel_stack),
		    ATK_PRIO, K_USER);
}

ZTEST(attacks_threads, test_02_create_kernel_thread)
{
	create_case("create_kernel_thread", &child, child_stack, sizeof(child_stack), ATK_PRIO,
		    0);
}

ZTEST(attacks_threads, test_03_create_essential_thread)
{
	create_case("create_essential_thread", &child, child_stack, sizeof(child_stack),
		    ATK_PRIO, K_USER | K_ESSENTIAL);
}

ZTEST(attacks_threads, test_04_create_above_own_priority)
{
	create_case("create_above_own_priority", &child, child_stack, sizeof(child_stack),
		    ATK_PRIO - 1, K_USER);
}

ZTEST(attacks_threads, test_05_create_invalid_priority)
{
	create_case("create_invalid_priority", &child, child_stack, sizeof(child_stack), 1000,
		    K_USER);
}

/* Its own thread object, alive: re-creating it would reset a running thread. */
ZTEST(attacks_threads, test_06_create_on_live_thread)
{
	create_case("create_on_live_thread", &atk_thread, child_stack, sizeof(child_stack),
		    ATK_PRIO, K_USER);
}

ZTEST(attacks_threads, test_07_create_on_main_thread)
{
	create_case("create_on_main_thread", &z_main_thread, child_stack, sizeof(child_stack),
		    ATK_PRIO, K_USER);
}

/* Control: the same call within the rules works. */
ZTEST(attacks_threads, test_08_create_within_rules)
{
	create_args = (struct create_args){ &child, child_stack, sizeof(child_stack), ATK_PRIO,
					    K_USER };
	atk_prepare("create_within_rules", 0, create, NULL, NULL, false);
	k_object_access_grant(&child, &atk_thread);
	atk_launch();
	zassert_equal(atk.reached, 1);
	zassert_equal(atk.value, (uintptr_t)&child);
	k_thread_abort(&child);
}

/* Calls on another thread: p1 = the call's id, p2 = the thread, atk.arg = an argument. */
static void thread_call(void *id, void *thread, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = arch_syscall_invoke2((uintptr_t)thread, atk.arg, (uintptr_t)id);
	ATK_AFTER();
}

static void thread_call_case(const char *name, uintptr_t id, struct k_thread *thread,
			     uintptr_t arg)
{
	/* Dead or suspended (kernel_internal.h); main may pend or run meanwhile. */
	const uint8_t stopped = BIT(3) | BIT(4);
	int8_t prio = thread->base.prio;
	uint8_t state = thread->base.thread_state & stopped;

	atk_prepare(name, (uintptr_t)thread, thread_call, (void *)id, thread, true);
	atk.arg = arg;
	atk_launch();
	atk_assert_stopped();
	zassert_equal(thread->base.prio, prio, "its priority changed");
	zassert_equal(thread->base.thread_state & stopped, state, "it was stopped (0x%x)",
		      thread->base.thread_state);
	atk_assert_alive();
}

ZTEST(attacks_threads, test_09_abort_main)
{
	thread_call_case("abort_main", K_SYSCALL_K_THREAD_ABORT, &z_main_thread, 0);
}

ZTEST(attacks_threads, test_10_abort_case_thread)
{
	thread_call_case("abort_case_thread", K_SYSCALL_K_THREAD_ABORT, k_current_get(), 0);
}

ZTEST(attacks_threads, test_11_suspend_main)
{
	thread_call_case("suspend_main", K_SYSCALL_K_THREAD_SUSPEND, &z_main_thread, 0);
}

ZTEST(attacks_threads, test_12_priority_set_main)
{
	thread_call_case("priority_set_main", K_SYSCALL_K_THREAD_PRIORITY_SET, &z_main_thread,
			 14);
}

ZTEST(attacks_threads, test_13_wakeup_case_thread)
{
	thread_call_case("wakeup_case_thread", K_SYSCALL_K_WAKEUP, k_current_get(), 0);
}

ZTEST(attacks_threads, test_14_name_set_main)
{
	static char evil[] = "pwned";

	thread_call_case("name_set_main", K_SYSCALL_K_THREAD_NAME_SET, &z_main_thread,
			 (uintptr_t)evil);
	zassert_true(strcmp(k_thread_name_get(&z_main_thread), "pwned") != 0);
}

static void raise_own_priority(void *delta, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	k_thread_priority_set(k_current_get(), k_thread_priority_get(k_current_get()) -
						       (int)(intptr_t)delta);
	ATK_AFTER();
}

ZTEST(attacks_threads, test_15_raise_own_priority)
{
	atk_run("raise_own_priority", (uintptr_t)&atk_thread, raise_own_priority, (void *)1, NULL,
		true);
	atk_assert_stopped();
	atk_assert_alive();
}

/* To a cooperative priority, above the kernel's case thread. */
ZTEST(attacks_threads, test_16_raise_to_cooperative)
{
	atk_run("raise_to_cooperative", (uintptr_t)&atk_thread, raise_own_priority,
		(void *)(ATK_PRIO - K_HIGHEST_THREAD_PRIO), NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

/*
 * Priority inheritance lends the attacker a kernel thread's priority while
 * it holds a mutex that thread wants. The loan must end with the unlock:
 * setting its own priority to the lent one must not make it permanent.
 */
K_MUTEX_DEFINE(pi_mutex);
K_SEM_DEFINE(pi_step, 0, 1);
static struct k_thread pi_waiter;
static K_THREAD_STACK_DEFINE(pi_waiter_stack, 1024);
static volatile int pi_waiter_rc;

#define PI_WAITER_PRIO K_PRIO_COOP(10)

static void pi_waiter_body(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	pi_waiter_rc = k_mutex_lock(&pi_mutex, K_MSEC(100));
	if (pi_waiter_rc == 0) {
		(void)k_mutex_unlock(&pi_mutex);
	}
}

static void keep_lent_priority(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_mutex_lock(&pi_mutex, K_FOREVER);
	(void)k_sem_take(&pi_step, K_FOREVER);
	/* Now running at the waiter's priority, lent. */
	atk.arg = (uintptr_t)k_thread_priority_get(k_current_get());
	ATK_BEFORE();
	k_thread_priority_set(k_current_get(), (int)atk.arg);
	(void)k_mutex_unlock(&pi_mutex);
	atk.value = (uintptr_t)k_thread_priority_get(k_current_get());
	ATK_AFTER();
}

ZTEST(attacks_threads, test_17_keep_lent_priority)
{
	pi_waiter_rc = 1;
	atk_prepare("keep_lent_priority", (uintptr_t)&atk_thread, keep_lent_priority, NULL, NULL,
		    true);
	k_object_access_grant(&pi_mutex, &atk_thread);
	k_object_access_grant(&pi_step, &atk_thread);
	k_thread_start(&atk_thread);
	k_msleep(2);
	zassert_equal_ptr(pi_mutex.owner, &atk_thread, "the attacker does not hold the mutex");
	k_thread_create(&pi_waiter, pi_waiter_stack, K_THREAD_STACK_SIZEOF(pi_waiter_stack),
			pi_waiter_body, NULL, NULL, NULL, PI_WAITER_PRIO, 0, K_NO_WAIT);
	k_msleep(1);
	zassert_equal(atk_thread.base.prio, PI_WAITER_PRIO, "no priority was lent");
	k_sem_give(&pi_step);
	atk_launch();
	/* An attacker killed holding the mutex never gives it back (as in Zephyr). */
	zassert_ok(k_thread_join(&pi_waiter, K_MSEC(200)));
	if (atk.reached != 0) {
		zassert_ok(pi_waiter_rc);
		printk("  attacker: lent priority %d, kept %d after the unlock\n", (int)atk.arg,
		       (int)atk.value);
		zassert_equal((int)atk.value, ATK_PRIO, "the lent priority became its own");
	}
	atk_assert_alive();
}

ZTEST_SUITE(attacks_threads, NULL, NULL, NULL, NULL, NULL);
