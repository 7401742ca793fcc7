/*
 * Mutexes (k_mutex): recursive for the owner, owner-only unlock, and
 * priority inheritance. While threads wait for a mutex, its owner runs at
 * the best priority among its own base priority and the first waiter of
 * every mutex it holds; when a mutex is released the owner drops back to
 * what its remaining mutexes justify, so nested mutexes unwind in any
 * order. A waiter that is itself an owner passes the priority on down the
 * chain (bounded by CONFIG_MUTEX_PI_CHAIN_MAX).
 * State changes with interrupts locked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

int z_impl_k_mutex_init(struct k_mutex *mutex)
{
	mutex->owner = NULL;
	mutex->lock_count = 0;
	sys_dnode_init(&mutex->held_node);
	z_waitq_init(&mutex->wait_q);
	Z_OBJECT_INIT(mutex, K_OBJ_MUTEX);
	return 0;
}

/* Best (numerically lowest) priority @p thread is owed by its mutexes. */
static int owed_prio(const struct k_thread *thread)
{
	int prio = thread->base_prio;
	sys_dnode_t *node;

	SYS_DLIST_FOR_EACH_NODE(&thread->held_mutexes, node) {
		struct k_mutex *m = CONTAINER_OF(node, struct k_mutex, held_node);
		struct k_thread *top = z_waitq_head(&m->wait_q);

		if (top != NULL && top->base.prio < prio) {
			prio = top->base.prio;
		}
	}
	return prio;
}

void z_mutex_prio_recompute(struct k_thread *thread)
{
	for (int depth = 0; thread != NULL && depth < CONFIG_MUTEX_PI_CHAIN_MAX; depth++) {
		int prio = owed_prio(thread);

		if (prio == thread->base.prio) {
			return;
		}
		z_thread_prio_set(thread, prio);
		/* Its place in a mutex wait queue changed: tell that owner. */
		thread = thread->waiting_mutex != NULL ? thread->waiting_mutex->owner : NULL;
	}
}

static void take_ownership(struct k_mutex *mutex, struct k_thread *thread)
{
	mutex->owner = thread;
	mutex->lock_count = 1;
	sys_dlist_append(&thread->held_mutexes, &mutex->held_node);
}

int z_impl_k_mutex_lock(struct k_mutex *mutex, k_timeout_t timeout)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *cur = _current;
	int rc;

	if (likely(mutex->owner == NULL)) {
		take_ownership(mutex, cur);
		arch_irq_unlock(key);
		return 0;
	}
	if (mutex->owner == cur) {
		mutex->lock_count++;
		arch_irq_unlock(key);
		return 0;
	}
	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT)) {
		arch_irq_unlock(key);
		return -EBUSY;
	}
	cur->waiting_mutex = mutex;
	z_pend_curr_prepare(&mutex->wait_q, timeout);
	z_mutex_prio_recompute(mutex->owner);
	rc = z_swap(key);

	if (rc != 0) {
		/* Timed out: we no longer lend the owner our priority. */
		key = arch_irq_lock();
		cur->waiting_mutex = NULL;
		if (mutex->owner != NULL) {
			z_mutex_prio_recompute(mutex->owner);
		}
		z_reschedule(key);
	}
	/* On success the unlocking thread made us the owner already. */
	return rc;
}

int z_impl_k_mutex_unlock(struct k_mutex *mutex)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *cur = _current;
	struct k_thread *next;

	if (mutex->owner == NULL) {
		arch_irq_unlock(key);
		return -EINVAL;
	}
	if (mutex->owner != cur) {
		arch_irq_unlock(key);
		return -EPERM;
	}
	if (--mutex->lock_count > 0) {
		arch_irq_unlock(key);
		return 0;
	}
	sys_dlist_remove(&mutex->held_node);
	mutex->owner = NULL;
	next = z_unpend_first_thread(&mutex->wait_q);
	if (next == NULL && cur->base.prio == cur->base_prio) {
		/* Nobody waited and nothing was lent: the common case. */
		arch_irq_unlock(key);
		return 0;
	}
	if (next != NULL) {
		/* Hand over directly: nobody can slip in between. */
		next->waiting_mutex = NULL;
		next->swap_retval = 0;
		take_ownership(mutex, next);
		z_mutex_prio_recompute(next);
		z_ready_thread(next);
	}
	z_mutex_prio_recompute(cur);
	z_reschedule(key);
	return 0;
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

static inline int z_vrfy_k_mutex_init(struct k_mutex *mutex)
{
	K_OOPS(K_SYSCALL_OBJ_INIT(mutex, K_OBJ_MUTEX));
	/* A held mutex is linked into its owner's list: never reset it. */
	K_OOPS(K_SYSCALL_VERIFY(mutex->owner == NULL && z_waitq_head(&mutex->wait_q) == NULL));
	return z_impl_k_mutex_init(mutex);
}
#include <syscalls/k_mutex_init_mrsh.c>

static inline int z_vrfy_k_mutex_lock(struct k_mutex *mutex, k_timeout_t timeout)
{
	K_OOPS(K_SYSCALL_OBJ(mutex, K_OBJ_MUTEX));
	return z_impl_k_mutex_lock(mutex, timeout);
}
#include <syscalls/k_mutex_lock_mrsh.c>

static inline int z_vrfy_k_mutex_unlock(struct k_mutex *mutex)
{
	K_OOPS(K_SYSCALL_OBJ(mutex, K_OBJ_MUTEX));
	return z_impl_k_mutex_unlock(mutex);
}
#include <syscalls/k_mutex_unlock_mrsh.c>
#endif /* CONFIG_USERSPACE */
