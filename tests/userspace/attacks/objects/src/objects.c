/*
 * Kernel objects named by a user thread that must not use them: no
 * permission, the wrong type, not an object at all (NULL, inside a real
 * one, past the end of the type's run, forged in user memory), never
 * initialized, revoked or released; grants of what the caller does not
 * hold or to threads it may not name. Each is an oops of the caller, and
 * the object stays as it was. Then objects in use: a mutex held by the
 * kernel, and re-initialization of objects the kernel is using.
 */
#include "attack.h"

K_SEM_DEFINE(sem_granted, 0, 5);
K_SEM_DEFINE(sem_private, 0, 5);
K_MUTEX_DEFINE(mutex_granted);
/* In the sem run, but never initialized: its flags are 0. */
struct k_sem sem_uninit Z_KOBJ_SECTION(k_sem);
/* A sem-shaped struct in the attacker's own memory, claiming to be ready. */
K_APP_BMEM(atk_part) static struct k_sem sem_forged;
extern char __z_kobj_k_sem_end[];

/* p1 = the call's id, p2 = the object. */
static void obj_call(void *id, void *obj, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = arch_syscall_invoke1((uintptr_t)obj, (uintptr_t)id);
	ATK_AFTER();
}

static void give_case(const char *name, void *obj)
{
	unsigned int before = k_sem_count_get(&sem_granted);

	atk_prepare(name, (uintptr_t)obj, obj_call, (void *)K_SYSCALL_K_SEM_GIVE, obj, true);
	k_object_access_grant(&sem_granted, &atk_thread);
	k_object_access_grant(&mutex_granted, &atk_thread);
	k_object_access_grant(&sem_uninit, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&sem_granted), before);
	zassert_equal(k_sem_count_get(&sem_private), 0);
	atk_assert_alive();
}

ZTEST(attacks_objects, test_01_sem_not_granted)
{
	give_case("sem_not_granted", &sem_private);
}

ZTEST(attacks_objects, test_02_mutex_as_sem)
{
	give_case("mutex_as_sem", &mutex_granted);
	zassert_is_null(mutex_granted.owner);
	zassert_ok(k_mutex_lock(&mutex_granted, K_NO_WAIT));
	zassert_ok(k_mutex_unlock(&mutex_granted));
}

ZTEST(attacks_objects, test_03_inside_a_sem)
{
	give_case("inside_a_sem", (char *)&sem_granted + 4);
}

ZTEST(attacks_objects, test_04_null_object)
{
	give_case("null_object", NULL);
}

ZTEST(attacks_objects, test_05_past_the_sem_run)
{
	give_case("past_the_sem_run", __z_kobj_k_sem_end);
}

ZTEST(attacks_objects, test_06_forged_sem)
{
	sem_forged.kobj.type = K_OBJ_SEM;
	sem_forged.kobj.flags = K_OBJ_FLAG_INITIALIZED | K_OBJ_FLAG_PUBLIC;
	memset(sem_forged.kobj.perms, 0xff, sizeof(sem_forged.kobj.perms));
	sem_forged.limit = 5;
	give_case("forged_sem", &sem_forged);
}

ZTEST(attacks_objects, test_07_uninitialized_sem)
{
	give_case("uninitialized_sem", &sem_uninit);
	zassert_equal(sem_uninit.kobj.flags & K_OBJ_FLAG_INITIALIZED, 0);
}

ZTEST(attacks_objects, test_08_thread_as_sem)
{
	give_case("thread_as_sem", &atk_thread);
}

/* Control: the granted sem works; the uninitialized one may be initialized. */
static void legit_calls(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(&sem_granted);
	atk.value = (uintptr_t)k_sem_init(&sem_uninit, 1, 1);
	ATK_AFTER();
}

ZTEST(attacks_objects, test_09_granted_objects_work)
{
	k_sem_reset(&sem_granted);
	atk_prepare("granted_objects_work", 0, legit_calls, NULL, NULL, false);
	k_object_access_grant(&sem_granted, &atk_thread);
	k_object_access_grant(&sem_uninit, &atk_thread);
	atk_launch();
	zassert_equal(atk.reached, 1);
	zassert_equal(atk.value, 0);
	zassert_equal(k_sem_count_get(&sem_granted), 1);
	zassert_ok(k_sem_take(&sem_uninit, K_NO_WAIT));
}

/*
 * Give, wait for the case to revoke (or for itself to release), give
 * again: the second give is a use without permission.
 */
K_SEM_DEFINE(step_sem, 0, 1);

static void give_wait_give(void *release, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(&sem_granted);
	if (release != NULL) {
		k_object_release(&sem_granted);
	} else {
		(void)k_sem_take(&step_sem, K_FOREVER);
	}
	ATK_BEFORE();
	k_sem_give(&sem_granted);
	ATK_AFTER();
}

static void after_loss_case(const char *name, bool release)
{
	k_sem_reset(&sem_granted);
	atk_prepare(name, (uintptr_t)&sem_granted, give_wait_give, release ? (void *)1 : NULL,
		    NULL, true);
	k_object_access_grant(&sem_granted, &atk_thread);
	k_object_access_grant(&step_sem, &atk_thread);
	k_thread_start(&atk_thread);
	k_msleep(2);
	zassert_equal(k_sem_count_get(&sem_granted), 1, "the granted give did not work");
	k_object_access_revoke(&sem_granted, &atk_thread);
	k_sem_give(&step_sem);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&sem_granted), 1);
	atk_assert_alive();
}

ZTEST(attacks_objects, test_10_use_after_revoke)
{
	after_loss_case("use_after_revoke", false);
}

ZTEST(attacks_objects, test_11_use_after_release)
{
	after_loss_case("use_after_release", true);
}

/* p1 = object, p2 = thread: k_object_access_grant(object, thread). */
static void grant(void *obj, void *thread, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	k_object_access_grant(obj, thread);
	ATK_AFTER();
}

static struct k_thread bystander Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(bystander_stack, 512);

static void bystander_body(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sleep(K_FOREVER);
}

static void grant_case(const char *name, void *obj, struct k_thread *to)
{
	atk_prepare(name, (uintptr_t)to, grant, obj, to, true);
	k_object_access_grant(&sem_granted, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	atk_assert_alive();
}

/* To itself: a thread cannot grant itself what it lacks. */
ZTEST(attacks_objects, test_12_grant_self_ungranted)
{
	grant_case("grant_self_ungranted", &sem_private, &atk_thread);
	/* The attacker is dead: its slot is free; the bit must not linger. */
	zassert_equal(sem_private.kobj.perms[0], 0);
}

/* The main thread's own object, to the attacker. */
ZTEST(attacks_objects, test_13_grant_main_thread_object)
{
	grant_case("grant_main_thread_object", &z_main_thread, &atk_thread);
}

/* What it holds, to a thread it may not name. */
ZTEST(attacks_objects, test_14_grant_to_unnamed_thread)
{
	k_thread_create(&bystander, bystander_stack, K_THREAD_STACK_SIZEOF(bystander_stack),
			bystander_body, NULL, NULL, NULL, ATK_PRIO, K_USER, K_NO_WAIT);
	grant_case("grant_to_unnamed_thread", &sem_granted, &bystander);
	k_thread_abort(&bystander);
}

ZTEST_SUITE(attacks_objects, NULL, NULL, NULL, NULL, NULL);

/*
 * Objects in use by the kernel. A kernel thread holds mutex_granted (or
 * waits on sem_granted); the attacker, who may use the object, must not be
 * able to break the kernel's bookkeeping through it.
 */
static struct k_thread holder Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(holder_stack, 1024);
static volatile int holder_rc[3];
K_SEM_DEFINE(holder_go, 0, 1);

static void holder_locks(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	holder_rc[0] = k_mutex_lock(&mutex_granted, K_NO_WAIT);
	(void)k_sem_take(&holder_go, K_FOREVER);
	holder_rc[1] = k_mutex_unlock(&mutex_granted);
	holder_rc[2] = sys_dlist_is_empty(&k_current_get()->held_mutexes) ? 0 : -1;
}

static void holder_start(k_thread_entry_t fn)
{
	holder_rc[0] = holder_rc[1] = holder_rc[2] = 1;
	k_sem_reset(&holder_go);
	k_thread_create(&holder, holder_stack, K_THREAD_STACK_SIZEOF(holder_stack), fn, NULL,
			NULL, NULL, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
	k_msleep(1);
}

static void mutex_call(void *id, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = arch_syscall_invoke1((uintptr_t)&mutex_granted, (uintptr_t)id);
	ATK_AFTER();
}

/* Unlocking the kernel's mutex: refused with -EPERM, as for any non-owner. */
ZTEST(attacks_in_use, test_01_unlock_kernel_mutex)
{
	holder_start(holder_locks);
	zassert_ok(holder_rc[0]);
	atk_prepare("unlock_kernel_mutex", 0, mutex_call, (void *)K_SYSCALL_K_MUTEX_UNLOCK, NULL,
		    false);
	k_object_access_grant(&mutex_granted, &atk_thread);
	atk_launch();
	zassert_equal(atk.reached, 1);
	zassert_equal((int)atk.value, -EPERM);
	zassert_equal_ptr(mutex_granted.owner, &holder);
	k_sem_give(&holder_go);
	zassert_ok(k_thread_join(&holder, K_MSEC(100)));
	zassert_ok(holder_rc[1]);
	zassert_ok(holder_rc[2]);
	atk_assert_alive();
}

/*
 * Re-initializing the mutex the kernel thread holds. Whatever the call
 * returns, the holder must keep its lock: its unlock must succeed and
 * leave its list of held mutexes consistent (empty).
 */
ZTEST(attacks_in_use, test_02_reinit_kernel_mutex)
{
	holder_start(holder_locks);
	zassert_ok(holder_rc[0]);
	atk_prepare("reinit_kernel_mutex", 0, mutex_call, (void *)K_SYSCALL_K_MUTEX_INIT, NULL,
		    false);
	k_object_access_grant(&mutex_granted, &atk_thread);
	/* A refusal by oops is fine too. */
	ztest_set_fault_valid(true);
	atk_launch();
	printk("  k_mutex_init from user returned %d; owner now %p\n", (int)atk.value,
	       (void *)mutex_granted.owner);
	k_sem_give(&holder_go);
	zassert_ok(k_thread_join(&holder, K_MSEC(100)));
	printk("  the holder's unlock returned %d; its held-mutex list is %s\n", holder_rc[1],
	       holder_rc[2] == 0 ? "empty" : "NOT empty");
	zassert_ok(holder_rc[1], "the holder's unlock failed: %d", holder_rc[1]);
	zassert_ok(holder_rc[2], "the holder's held-mutex list is corrupt");
	atk_assert_alive();
}

static void holder_waits(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	holder_rc[0] = k_sem_take(&sem_granted, K_MSEC(50));
}

static void sem_reinit_then_give(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	atk.value = (uintptr_t)k_sem_init(&sem_granted, 0, 5);
	k_sem_give(&sem_granted);
	ATK_AFTER();
}

/*
 * Re-initializing a sem a kernel thread waits on, then giving it: the
 * waiter must get the unit (or be woken with an error), not be forgotten
 * in a wait queue the kernel no longer knows.
 */
ZTEST(attacks_in_use, test_03_reinit_sem_with_kernel_waiter)
{
	k_sem_reset(&sem_granted);
	holder_start(holder_waits);
	zassert_equal(holder_rc[0], 1, "the kernel thread is not waiting");
	atk_prepare("reinit_sem_with_kernel_waiter", 0, sem_reinit_then_give, NULL, NULL, false);
	k_object_access_grant(&sem_granted, &atk_thread);
	ztest_set_fault_valid(true);
	atk_launch();
	printk("  k_sem_init from user returned %d\n", (int)atk.value);
	zassert_ok(k_thread_join(&holder, K_MSEC(200)));
	printk("  the kernel waiter got %d; count now %u\n", holder_rc[0],
	       k_sem_count_get(&sem_granted));
	zassert_true(holder_rc[0] == 0 || k_sem_count_get(&sem_granted) == 0,
		     "the waiter timed out (%d) while the given unit sits in the count",
		     holder_rc[0]);
	atk_assert_alive();
}

ZTEST_SUITE(attacks_in_use, NULL, NULL, NULL, NULL, NULL);
