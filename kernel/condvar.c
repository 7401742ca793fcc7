/*
 * Condition variables (k_condvar): a wait queue used together with a
 * mutex. k_condvar_wait() releases the mutex and joins the queue as one
 * step, so a signal sent by whoever takes the mutex next cannot fall in
 * between and be lost; it relocks the mutex before returning.
 *
 * Signal and broadcast are ISR-safe. State is changed with interrupts
 * locked. The mutex is driven through its z_impl_ calls: from a syscall
 * the caller's permission to it was checked once, in z_vrfy_k_condvar_wait.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

int z_impl_k_condvar_init(struct k_condvar *condvar)
{
	z_waitq_init(&condvar->wait_q);
	Z_OBJECT_INIT(condvar, K_OBJ_CONDVAR);
	return 0;
}

int z_impl_k_condvar_signal(struct k_condvar *condvar)
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

int z_impl_k_condvar_broadcast(struct k_condvar *condvar)
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

int z_impl_k_condvar_wait(struct k_condvar *condvar, struct k_mutex *mutex,
			  k_timeout_t timeout)
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
	(void)z_impl_k_mutex_unlock(mutex);
	key = arch_irq_lock();
	_current->base.sched_locked--;
	_current->swap_retval = -EAGAIN;
	rc = z_pend_curr(key, &condvar->wait_q, timeout);

	(void)z_impl_k_mutex_lock(mutex, K_FOREVER);
	return rc;
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

/*
 * A user thread may initialize an object others wait on: emptying the
 * queue under them would leave their links pointing into it, so they are
 * released first, as by a timeout. Only an object already initialized
 * has a queue to release (a validated object's flags can be trusted).
 */
static inline int z_vrfy_k_condvar_init(struct k_condvar *condvar)
{
	unsigned int key;

	K_OOPS(K_SYSCALL_OBJ_INIT(condvar, K_OBJ_CONDVAR));
	key = arch_irq_lock();
	if ((condvar->kobj.flags & K_OBJ_FLAG_INITIALIZED) != 0) {
		(void)z_wake_all(&condvar->wait_q, -EAGAIN);
	}
	(void)z_impl_k_condvar_init(condvar);
	z_reschedule(key);
	return 0;
}
#include <syscalls/k_condvar_init_mrsh.c>

static inline int z_vrfy_k_condvar_signal(struct k_condvar *condvar)
{
	K_OOPS(K_SYSCALL_OBJ(condvar, K_OBJ_CONDVAR));
	return z_impl_k_condvar_signal(condvar);
}
#include <syscalls/k_condvar_signal_mrsh.c>

static inline int z_vrfy_k_condvar_broadcast(struct k_condvar *condvar)
{
	K_OOPS(K_SYSCALL_OBJ(condvar, K_OBJ_CONDVAR));
	return z_impl_k_condvar_broadcast(condvar);
}
#include <syscalls/k_condvar_broadcast_mrsh.c>

/* The wait unlocks and relocks the mutex: it must be one the caller may use. */
static inline int z_vrfy_k_condvar_wait(struct k_condvar *condvar, struct k_mutex *mutex,
					k_timeout_t timeout)
{
	K_OOPS(K_SYSCALL_OBJ(condvar, K_OBJ_CONDVAR));
	K_OOPS(K_SYSCALL_OBJ(mutex, K_OBJ_MUTEX));
	return z_impl_k_condvar_wait(condvar, mutex, timeout);
}
#include <syscalls/k_condvar_wait_mrsh.c>
#endif /* CONFIG_USERSPACE */
