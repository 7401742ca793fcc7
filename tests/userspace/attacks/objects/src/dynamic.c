/*
 * Dynamic kernel objects (k_object_alloc) against a user thread: threads
 * from the pool, invalid types, use before init, use after the kernel
 * freed the object (and after the slot went to another object), pointers
 * into the middle of a slot. Each is refused; the pool stays consistent.
 */
#include "attack.h"

K_APP_BMEM(atk_part) static void *allocated[2];

static void alloc_call(void *type, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	allocated[0] = k_object_alloc((enum k_objects)(uintptr_t)type);
	ATK_AFTER();
}

ZTEST(attacks_dynamic, test_01_alloc_thread_from_user)
{
	atk_run("alloc_thread_from_user", 0, alloc_call, (void *)K_OBJ_THREAD, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

/* Control: a sem from the pool works once initialized. */
static void alloc_init_use(void *p1, void *p2, void *p3)
{
	struct k_sem *s;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	s = k_object_alloc(K_OBJ_SEM);
	allocated[0] = s;
	if (s != NULL && k_sem_init(s, 0, 1) == 0) {
		k_sem_give(s);
		atk.value = k_sem_take(s, K_NO_WAIT) == 0;
	}
	/* Invalid types: NULL, not an oops. */
	allocated[1] = k_object_alloc(K_OBJ_ANY);
	if (allocated[1] == NULL) {
		allocated[1] = k_object_alloc((enum k_objects)99);
	}
	ATK_AFTER();
}

ZTEST(attacks_dynamic, test_02_alloc_sem_works)
{
	atk_run("alloc_sem_works", 0, alloc_init_use, NULL, NULL, false);
	zassert_equal(atk.reached, 1);
	zassert_not_null(allocated[0]);
	zassert_equal(atk.value, 1);
	zassert_is_null(allocated[1], "an invalid type was allocated");
	k_object_free(allocated[0]);
}

static void use_uninit(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	allocated[0] = k_object_alloc(K_OBJ_SEM);
	ATK_BEFORE();
	k_sem_give(allocated[0]);
	ATK_AFTER();
}

ZTEST(attacks_dynamic, test_03_use_before_init)
{
	atk_run("use_before_init", 0, use_uninit, NULL, NULL, true);
	atk_assert_stopped();
	zassert_not_null(allocated[0]);
	k_object_free(allocated[0]);
	atk_assert_alive();
}

/* The kernel allocates, grants, then frees (and maybe reuses) the slot. */
K_SEM_DEFINE(dyn_step, 0, 1);

static void give_wait_give(void *p1, void *p2, void *p3)
{
	struct k_sem *s = (struct k_sem *)atk.arg;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(s);
	(void)k_sem_take(&dyn_step, K_FOREVER);
	ATK_BEFORE();
	k_sem_give(s);
	ATK_AFTER();
}

/* reuse: 0 free only, 1 reallocate as a sem, 2 as a mutex. */
static void after_free_case(const char *name, int reuse)
{
	struct k_sem *s = k_object_alloc(K_OBJ_SEM);
	void *again = NULL;

	zassert_not_null(s);
	zassert_ok(k_sem_init(s, 0, 5));
	atk_prepare(name, (uintptr_t)s, give_wait_give, NULL, NULL, true);
	atk.arg = (uintptr_t)s;
	k_object_access_grant(s, &atk_thread);
	k_object_access_grant(&dyn_step, &atk_thread);
	k_thread_start(&atk_thread);
	k_msleep(2);
	zassert_equal(k_sem_count_get(s), 1, "the granted give did not work");
	k_object_free(s);
	if (reuse != 0) {
		again = k_object_alloc(reuse == 1 ? K_OBJ_SEM : K_OBJ_MUTEX);
		zassert_equal_ptr(again, s, "the slot was not reused");
		if (reuse == 1) {
			zassert_ok(k_sem_init(again, 0, 5));
		} else {
			zassert_ok(k_mutex_init(again));
		}
	}
	k_sem_give(&dyn_step);
	atk_launch();
	atk_assert_stopped();
	if (reuse == 1) {
		zassert_equal(k_sem_count_get(again), 0, "the stale pointer reached the new sem");
	} else if (reuse == 2) {
		zassert_is_null(((struct k_mutex *)again)->owner);
	}
	if (again != NULL) {
		k_object_free(again);
	}
	atk_assert_alive();
}

ZTEST(attacks_dynamic, test_04_use_after_free)
{
	after_free_case("use_after_free", 0);
}

ZTEST(attacks_dynamic, test_05_use_after_free_reused_as_sem)
{
	after_free_case("use_after_free_reused_as_sem", 1);
}

ZTEST(attacks_dynamic, test_06_use_after_free_reused_as_mutex)
{
	after_free_case("use_after_free_reused_as_mutex", 2);
}

static void give_ptr(void *obj, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	k_sem_give(obj);
	ATK_AFTER();
}

ZTEST(attacks_dynamic, test_07_inside_a_pool_slot)
{
	struct k_sem *s = k_object_alloc(K_OBJ_SEM);
	char *inside;

	zassert_not_null(s);
	zassert_ok(k_sem_init(s, 0, 5));
	inside = (char *)s + sizeof(struct z_object);
	atk_prepare("inside_a_pool_slot", (uintptr_t)inside, give_ptr, inside, NULL, true);
	k_object_access_grant(s, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(s), 0);
	k_object_free(s);
	atk_assert_alive();
}

ZTEST_SUITE(attacks_dynamic, NULL, NULL, NULL, NULL, NULL);
