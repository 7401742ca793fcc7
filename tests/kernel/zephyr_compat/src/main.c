/*
 * Zephyr source compatibility: this file is written as a Zephyr test
 * would be, with <zephyr/...> headers only, and must build and pass
 * unchanged on Vireo.
 */
#include <zephyr/kernel.h>
#include <zephyr/sys/atomic.h>
#include <zephyr/sys/printk.h>
#include <zephyr/sys/ring_buffer.h>
#include <zephyr/sys/util.h>
#include <zephyr/ztest.h>

K_SEM_DEFINE(compat_sem, 0, 1);
K_MUTEX_DEFINE(compat_mutex);
RING_BUF_DECLARE(compat_rb, 8);
static atomic_t compat_count = ATOMIC_INIT(0);

static void worker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	atomic_add(&compat_count, POINTER_TO_UINT(p1));
	k_sem_give(&compat_sem);
}

K_THREAD_STACK_DEFINE(worker_stack, 1024);
static struct k_thread worker_thread;

ZTEST(zephyr_compat, test_thread_sem_atomic)
{
	k_tid_t tid = k_thread_create(&worker_thread, worker_stack,
				      K_THREAD_STACK_SIZEOF(worker_stack), worker,
				      UINT_TO_POINTER(5), NULL, NULL, K_PRIO_PREEMPT(1), 0,
				      K_NO_WAIT);

	zassert_ok(k_sem_take(&compat_sem, K_MSEC(100)));
	zassert_equal(atomic_get(&compat_count), 5);
	zassert_ok(k_thread_join(tid, K_FOREVER));
}

ZTEST(zephyr_compat, test_mutex_ring_buffer)
{
	uint8_t out[4];

	zassert_ok(k_mutex_lock(&compat_mutex, K_NO_WAIT));
	zassert_equal(ring_buf_put(&compat_rb, (const uint8_t *)"abcd", 4), 4);
	zassert_equal(ring_buf_get(&compat_rb, out, sizeof(out)), 4);
	zassert_mem_equal(out, "abcd", 4);
	zassert_ok(k_mutex_unlock(&compat_mutex));
	zassert_true(k_uptime_get() >= 0);
}

ZTEST_SUITE(zephyr_compat, NULL, NULL, NULL, NULL, NULL);
