/*
 * Counting semaphores (k_sem). Waiters queue in priority order; a give
 * hands the unit straight to the first waiter instead of counting it, so a
 * later taker cannot steal it. Give is ISR-safe. State changes with
 * interrupts locked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

int z_impl_k_sem_init(struct k_sem *sem, unsigned int initial_count, unsigned int limit)
{
	if (limit == 0 || initial_count > limit) {
		return -EINVAL;
	}
	sem->count = initial_count;
	sem->limit = limit;
	z_waitq_init(&sem->wait_q);
	Z_OBJECT_INIT(sem, K_OBJ_SEM);
	return 0;
}

void z_impl_k_sem_give(struct k_sem *sem)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *waiter = z_unpend_first_thread(&sem->wait_q);

	if (waiter != NULL) {
		waiter->swap_retval = 0;
		z_ready_thread(waiter);
		z_reschedule(key);
		return;
	}
	if (sem->count < sem->limit) {
		sem->count++;
	}
	arch_irq_unlock(key);
}

int z_impl_k_sem_take(struct k_sem *sem, k_timeout_t timeout)
{
	unsigned int key = arch_irq_lock();

	if (likely(sem->count > 0U)) {
		sem->count--;
		arch_irq_unlock(key);
		return 0;
	}
	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT)) {
		arch_irq_unlock(key);
		return -EBUSY;
	}
	return z_pend_curr(key, &sem->wait_q, timeout);
}

void z_impl_k_sem_reset(struct k_sem *sem)
{
	unsigned int key = arch_irq_lock();

	sem->count = 0;
	if (z_wake_all(&sem->wait_q, -EAGAIN)) {
		z_reschedule(key);
		return;
	}
	arch_irq_unlock(key);
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

static inline int z_vrfy_k_sem_init(struct k_sem *sem, unsigned int initial_count,
				    unsigned int limit)
{
	K_OOPS(K_SYSCALL_OBJ_INIT(sem, K_OBJ_SEM));
	/* Re-initializing under waiters would strand them. */
	K_OOPS(K_SYSCALL_VERIFY(z_waitq_head(&sem->wait_q) == NULL));
	return z_impl_k_sem_init(sem, initial_count, limit);
}
#include <syscalls/k_sem_init_mrsh.c>

static inline void z_vrfy_k_sem_give(struct k_sem *sem)
{
	K_OOPS(K_SYSCALL_OBJ(sem, K_OBJ_SEM));
	z_impl_k_sem_give(sem);
}
#include <syscalls/k_sem_give_mrsh.c>

static inline int z_vrfy_k_sem_take(struct k_sem *sem, k_timeout_t timeout)
{
	K_OOPS(K_SYSCALL_OBJ(sem, K_OBJ_SEM));
	return z_impl_k_sem_take(sem, timeout);
}
#include <syscalls/k_sem_take_mrsh.c>

static inline void z_vrfy_k_sem_reset(struct k_sem *sem)
{
	K_OOPS(K_SYSCALL_OBJ(sem, K_OBJ_SEM));
	z_impl_k_sem_reset(sem);
}
#include <syscalls/k_sem_reset_mrsh.c>

static inline unsigned int z_vrfy_k_sem_count_get(struct k_sem *sem)
{
	K_OOPS(K_SYSCALL_OBJ(sem, K_OBJ_SEM));
	return z_impl_k_sem_count_get(sem);
}
#include <syscalls/k_sem_count_get_mrsh.c>
#endif /* CONFIG_USERSPACE */
