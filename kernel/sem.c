/*
 * Counting semaphores (k_sem). Waiters queue in priority order; a give
 * hands the unit straight to the first waiter instead of counting it, so a
 * later taker cannot steal it. Give is ISR-safe. State changes with
 * interrupts locked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

int k_sem_init(struct k_sem *sem, unsigned int initial_count, unsigned int limit)
{
	if (limit == 0 || initial_count > limit) {
		return -EINVAL;
	}
	sem->count = initial_count;
	sem->limit = limit;
	z_waitq_init(&sem->wait_q);
	return 0;
}

void k_sem_give(struct k_sem *sem)
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

int k_sem_take(struct k_sem *sem, k_timeout_t timeout)
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

void k_sem_reset(struct k_sem *sem)
{
	unsigned int key = arch_irq_lock();

	sem->count = 0;
	if (z_wake_all(&sem->wait_q, -EAGAIN)) {
		z_reschedule(key);
		return;
	}
	arch_irq_unlock(key);
}
