/*
 * Semaphores and mutexes (Zephyr's k_sem and k_mutex). Included by
 * <vireo/kernel.h>; do not include directly.
 */
#ifndef VIREO_INCLUDE_KERNEL_SYNC_H_
#define VIREO_INCLUDE_KERNEL_SYNC_H_

#include <stdint.h>
#include <vireo/kernel/kobject.h>
#include <vireo/syscall.h>
#include <vireo/kernel/thread.h>
#include <vireo/sys_clock.h>

#define K_SEM_MAX_LIMIT UINT32_MAX

struct k_sem {
	Z_KOBJ_FIELD
	_wait_q_t wait_q;
	uint32_t count;
	uint32_t limit;
};

#define Z_SEM_INITIALIZER(obj, initial_count, count_limit) \
	{ Z_KOBJ_INIT(K_OBJ_SEM) .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q),              \
	  .count = (initial_count), .limit = (count_limit) }

/**
 * @brief Define and initialize a semaphore (may be preceded by static).
 * The initial count must not exceed the limit, and the limit must not be
 * zero (build-time checks).
 */
#define K_SEM_DEFINE(name, initial_count, count_limit)                        \
	struct k_sem name Z_KOBJ_SECTION(k_sem) =                              \
		Z_SEM_INITIALIZER(name, initial_count, count_limit);           \
	BUILD_ASSERT((count_limit) != 0 && (initial_count) <= (count_limit),   \
		     "K_SEM_DEFINE: bad count or limit")

/**
 * @brief Initialize a semaphore.
 * @retval 0 done
 * @retval -EINVAL limit is 0 or initial_count > limit
 */
__syscall int k_sem_init(struct k_sem *sem, unsigned int initial_count, unsigned int limit);

/**
 * @brief Take a semaphore.
 * @retval 0 taken
 * @retval -EBUSY K_NO_WAIT and not available
 * @retval -EAGAIN the timeout expired, or k_sem_reset() woke the waiter
 */
__syscall int k_sem_take(struct k_sem *sem, k_timeout_t timeout);

/** @brief Give a semaphore (ISR-safe): wakes the first waiter, else counts
 * up to the limit. */
__syscall void k_sem_give(struct k_sem *sem);

/** @brief Set the count to 0 and wake every waiter with -EAGAIN. */
__syscall void k_sem_reset(struct k_sem *sem);

/** @brief Current count. */
__syscall unsigned int k_sem_count_get(struct k_sem *sem);

static inline unsigned int z_impl_k_sem_count_get(struct k_sem *sem)
{
	return sem->count;
}

struct k_mutex {
	Z_KOBJ_FIELD
	_wait_q_t wait_q;
	struct k_thread *owner;
	uint32_t lock_count;
	/* Link in the owner's list of held mutexes (priority inheritance). */
	sys_dnode_t held_node;
};

#define Z_MUTEX_INITIALIZER(obj) \
	{ Z_KOBJ_INIT(K_OBJ_MUTEX) .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q),           \
	  .owner = NULL, .lock_count = 0,                                            \
	  .held_node = { NULL, NULL } }

/** @brief Define and initialize a mutex. */
#define K_MUTEX_DEFINE(name) \
	struct k_mutex name Z_KOBJ_SECTION(k_mutex) = Z_MUTEX_INITIALIZER(name)

/** @brief Initialize a mutex. @retval 0 always */
__syscall int k_mutex_init(struct k_mutex *mutex);

/**
 * @brief Lock a mutex (recursive for its owner). While a higher-priority
 * thread waits, the owner runs at that priority (priority inheritance).
 * @retval 0 locked
 * @retval -EBUSY K_NO_WAIT and owned by another thread
 * @retval -EAGAIN the timeout expired
 */
__syscall int k_mutex_lock(struct k_mutex *mutex, k_timeout_t timeout);

/**
 * @brief Unlock a mutex; the last unlock hands it to the first waiter.
 * @retval 0 unlocked
 * @retval -EINVAL it is not locked
 * @retval -EPERM the caller is not the owner
 */
__syscall int k_mutex_unlock(struct k_mutex *mutex);

#include <syscalls/sync.h>

#endif /* VIREO_INCLUDE_KERNEL_SYNC_H_ */
