/*
 * Condition variables (k_condvar): a wait queue used together with a
 * mutex. k_condvar_wait() releases the mutex and joins the queue as one
 * step, so a signal sent by whoever takes the mutex next cannot fall in
 * between and be lost; it relocks the mutex before returning.
 *
 * Signal and broadcast are ISR-safe. State is changed with interrupts
 * locked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

int k_condvar_init(struct k_condvar *condvar)
{
	z_waitq_init(&condvar->wait_q);
	return 0;
}

int k_condvar_signal(struct k_condvar *condvar)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *waiter = z_unpend_first_thread(&condvar->wait_q);

	if (waiter != NULL) {
		waiter->swap_retval = 0;
		z_ready_thread(waiter);
	}
	z_reschedule(key);
	return 0;
}

int k_condvar_broadcast(struct k_condvar *condvar)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *waiter;
	int woken = 0;

	while ((waiter = z_unpend_first_thread(&condvar->wait_q)) != NULL) {
		waiter->swap_retval = 0;
		z_ready_thread(waiter);
		woken++;
	}
	z_reschedule(key);
	return woken;
}

int k_condvar_wait(struct k_condvar *condvar, struct k_mutex *mutex, k_timeout_t timeout)
{
	unsigned int key;
	int rc;

	/* Only the owner can make owner == _current, so no lock is needed. */
	if (k_is_in_isr() || mutex->owner != _current) {
		return -EPERM;
	}
	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT)) {
		return -EAGAIN;
	}
	/*
	 * Unlocking may ready a mutex waiter of higher priority. The
	 * scheduler lock keeps the CPU here until this thread is on the wait
	 * queue; it is dropped, without a reschedule, in the same locked
	 * section that pends, and pending picks the next thread anyway.
	 */
	k_sched_lock();
	(void)k_mutex_unlock(mutex);
	key = arch_irq_lock();
	_current->base.sched_locked--;
	_current->swap_retval = -EAGAIN;
	rc = z_pend_curr(key, &condvar->wait_q, timeout);

	(void)k_mutex_lock(mutex, K_FOREVER);
	return rc;
}
