/*
 * Semaphore bookkeeping without waiting: static and run-time
 * initialization, argument checks, K_NO_WAIT takes, the count and its
 * limit, and a reset with nobody waiting (Zephyr's k_sem documentation).
 */
#include <vireo/ztest.h>

K_SEM_DEFINE(static_sem, 2, 5);

ZTEST(sem_basic, test_define_sets_count_and_limit)
{
	zassert_equal(k_sem_count_get(&static_sem), 2);
	zassert_ok(k_sem_take(&static_sem, K_NO_WAIT));
	zassert_ok(k_sem_take(&static_sem, K_NO_WAIT));
	zassert_equal(k_sem_take(&static_sem, K_NO_WAIT), -EBUSY);
	for (int i = 0; i < 7; i++) {
		k_sem_give(&static_sem);
	}
	zassert_equal(k_sem_count_get(&static_sem), 5, "limit 5 not kept");
}

ZTEST(sem_basic, test_init_rejects_zero_limit)
{
	struct k_sem sem;

	zassert_equal(k_sem_init(&sem, 0, 0), -EINVAL);
}

ZTEST(sem_basic, test_init_rejects_initial_above_limit)
{
	struct k_sem sem;

	zassert_equal(k_sem_init(&sem, 3, 2), -EINVAL);
	zassert_equal(k_sem_init(&sem, K_SEM_MAX_LIMIT, 1), -EINVAL);
}

ZTEST(sem_basic, test_init_accepts_edges)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 0, 1));
	zassert_equal(k_sem_count_get(&sem), 0);
	zassert_ok(k_sem_init(&sem, 1, 1));
	zassert_equal(k_sem_count_get(&sem), 1);
	zassert_ok(k_sem_init(&sem, K_SEM_MAX_LIMIT, K_SEM_MAX_LIMIT));
	zassert_equal(k_sem_count_get(&sem), K_SEM_MAX_LIMIT);
}

/* Validate first, then act: a rejected init leaves the semaphore as it was. */
ZTEST(sem_basic, test_rejected_init_changes_nothing)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 1, 3));
	zassert_equal(k_sem_init(&sem, 5, 2), -EINVAL);
	zassert_equal(k_sem_count_get(&sem), 1);
	k_sem_give(&sem);
	k_sem_give(&sem);
	k_sem_give(&sem);
	zassert_equal(k_sem_count_get(&sem), 3, "the old limit 3 must still hold");
}

ZTEST(sem_basic, test_take_no_wait_busy_when_zero)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 0, 1));
	zassert_equal(k_sem_take(&sem, K_NO_WAIT), -EBUSY);
	zassert_equal(k_sem_count_get(&sem), 0);
	k_sem_give(&sem);
	zassert_ok(k_sem_take(&sem, K_NO_WAIT));
	zassert_equal(k_sem_take(&sem, K_NO_WAIT), -EBUSY);
}

ZTEST(sem_basic, test_give_saturates_at_limit)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 0, 3));
	for (int i = 0; i < 5; i++) {
		k_sem_give(&sem);
	}
	zassert_equal(k_sem_count_get(&sem), 3);
	for (int i = 0; i < 3; i++) {
		zassert_ok(k_sem_take(&sem, K_NO_WAIT), "take %d", i);
	}
	zassert_equal(k_sem_take(&sem, K_NO_WAIT), -EBUSY);
}

ZTEST(sem_basic, test_count_get_follows_gives_and_takes)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 1, 10));
	zassert_equal(k_sem_count_get(&sem), 1);
	k_sem_give(&sem);
	k_sem_give(&sem);
	zassert_equal(k_sem_count_get(&sem), 3);
	zassert_ok(k_sem_take(&sem, K_NO_WAIT));
	zassert_equal(k_sem_count_get(&sem), 2);
	/* A take with a timeout that can be served at once does not wait. */
	zassert_ok(k_sem_take(&sem, K_MSEC(100)));
	zassert_ok(k_sem_take(&sem, K_FOREVER));
	zassert_equal(k_sem_count_get(&sem), 0);
}

ZTEST(sem_basic, test_reset_zeroes_count)
{
	struct k_sem sem;

	zassert_ok(k_sem_init(&sem, 5, 10));
	k_sem_reset(&sem);
	zassert_equal(k_sem_count_get(&sem), 0);
	zassert_equal(k_sem_take(&sem, K_NO_WAIT), -EBUSY);
	/* The limit survives a reset. */
	for (int i = 0; i < 12; i++) {
		k_sem_give(&sem);
	}
	zassert_equal(k_sem_count_get(&sem), 10);
}

ZTEST_SUITE(sem_basic, NULL, NULL, NULL, NULL, NULL);
