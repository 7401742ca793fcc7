/*
 * The scheduler: the ready queue, the switch decision, blocking on wait
 * queues, and the calls that only move threads between those (yield,
 * sleep, wakeup, suspend, priority, scheduler lock).
 *
 * Rules (Zephyr's): the highest-priority ready thread runs; among equals,
 * the one that has waited longest. A cooperative thread (priority < 0) or
 * one holding k_sched_lock() keeps the CPU until it blocks or yields; on
 * the way out of an interrupt the kernel switches only when the
 * interrupted thread is preemptible and another thread is now first.
 * All state is changed with interrupts locked (kernel_internal.h).
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

struct z_kernel _kernel;

static inline unsigned int prio_level(int prio)
{
	return (unsigned int)(prio + CONFIG_NUM_COOP_PRIORITIES);
}

static struct k_thread *best_ready(void)
{
	/* Invariant: the idle thread is always ready, so the queue is not empty. */
	return CONTAINER_OF(z_priq_best(&_kernel.ready_q.runq), struct k_thread, base.qnode);
}

static bool may_be_preempted(const struct k_thread *cur)
{
	return !z_is_coop_prio(cur->base.prio) && cur->base.sched_locked == 0;
}

/*
 * Recompute the cache. A running thread that may not be preempted keeps
 * the CPU for as long as it is ready, unless it yields (yielding == true).
 */
static void update_cache(bool yielding)
{
	struct k_thread *best = best_ready();
	struct k_thread *cur = _current;

	if (!yielding && cur != NULL && z_is_thread_ready_to_run(cur) && !may_be_preempted(cur)) {
		_kernel.ready_q.cache = cur;
	} else {
		_kernel.ready_q.cache = best;
	}
}

static void queue_add(struct k_thread *t)
{
	z_priq_add(&_kernel.ready_q.runq, &t->base.qnode, prio_level(t->base.prio));
	t->base.thread_state |= _THREAD_QUEUED;
}

static void queue_remove(struct k_thread *t)
{
	z_priq_remove(&_kernel.ready_q.runq, &t->base.qnode, prio_level(t->base.prio));
	t->base.thread_state &= ~_THREAD_QUEUED;
}

void z_sched_init(void)
{
	z_priq_init(&_kernel.ready_q.runq);
	z_sched_time_slice_init();
}

void z_ready_thread(struct k_thread *thread)
{
	if (!z_is_thread_queued(thread) && z_is_thread_ready_to_run(thread)) {
		queue_add(thread);
		update_cache(false);
		z_time_slice_thread_readied(thread);
	}
}

void z_unready_thread(struct k_thread *thread)
{
	if (z_is_thread_queued(thread)) {
		queue_remove(thread);
	}
	update_cache(thread == _current);
}

/* Insert in priority order, after the threads of equal priority. */
static void waitq_add(_wait_q_t *wq, struct k_thread *thread)
{
	sys_dnode_t *node;

	SYS_DLIST_FOR_EACH_NODE(&wq->waitq, node) {
		struct k_thread *t = CONTAINER_OF(node, struct k_thread, base.qnode);

		if (thread->base.prio < t->base.prio) {
			sys_dlist_insert(node, &thread->base.qnode);
			return;
		}
	}
	sys_dlist_append(&wq->waitq, &thread->base.qnode);
}

void z_thread_prio_set(struct k_thread *thread, int prio)
{
	if (thread->base.prio == prio) {
		return;
	}
	if (z_is_thread_queued(thread)) {
		queue_remove(thread);
		thread->base.prio = (int8_t)prio;
		queue_add(thread);
		update_cache(false);
		/* It may now share the running thread's level. */
		z_time_slice_thread_readied(thread);
	} else if (thread->base.pended_on != NULL) {
		/* Keep its wait queue in priority order. */
		sys_dlist_remove(&thread->base.qnode);
		thread->base.prio = (int8_t)prio;
		waitq_add(thread->base.pended_on, thread);
	} else {
		thread->base.prio = (int8_t)prio;
	}
}

void z_pend_curr_prepare(_wait_q_t *wait_q, k_timeout_t timeout)
{
	struct k_thread *cur = _current;

	queue_remove(cur);
	/* What the wait returns when it times out; a waker overwrites it. */
	cur->swap_retval = -EAGAIN;
	cur->base.thread_state |= _THREAD_PENDING;
	cur->base.pended_on = wait_q;
	waitq_add(wait_q, cur);
	z_add_timeout(&cur->base.timeout, z_thread_timeout, timeout);
	update_cache(true);
}

int z_pend_curr(unsigned int key, _wait_q_t *wait_q, k_timeout_t timeout)
{
	z_pend_curr_prepare(wait_q, timeout);
	return z_swap(key);
}

/* Take a pended thread off its wait queue, without making it ready. */
static void unpend(struct k_thread *thread)
{
	sys_dlist_remove(&thread->base.qnode);
	thread->base.pended_on = NULL;
	thread->base.thread_state &= ~_THREAD_PENDING;
}

void z_unpend_thread_no_timeout(struct k_thread *thread)
{
	unpend(thread);
}

void z_unpend_thread(struct k_thread *thread)
{
	unpend(thread);
	z_abort_timeout(&thread->base.timeout);
}

struct k_thread *z_unpend_first_thread(_wait_q_t *wait_q)
{
	struct k_thread *t = z_waitq_head(wait_q);

	if (t != NULL) {
		z_unpend_thread(t);
	}
	return t;
}

bool z_wake_all(_wait_q_t *wait_q, int retval)
{
	struct k_thread *t;
	bool woke = false;

	while ((t = z_unpend_first_thread(wait_q)) != NULL) {
		t->swap_retval = retval;
		z_ready_thread(t);
		woke = true;
	}
	return woke;
}

/*
 * Timeout expiry of a pended or sleeping thread: a pended one returns
 * the -EAGAIN that z_pend_curr_prepare() left in swap_retval.
 */
void z_thread_timeout(struct _timeout *to)
{
	struct k_thread *t = CONTAINER_OF(to, struct k_thread, base.timeout);

	if (t->base.pended_on != NULL) {
		unpend(t);
	}
	t->base.thread_state &= ~_THREAD_SLEEPING;
	z_ready_thread(t);
}

static void switch_to(struct k_thread *new, struct k_thread *old)
{
	_current = new;
	z_time_slice_start(new);
	arch_switch(new, old);
}

int z_swap(unsigned int key)
{
	struct k_thread *old = _current;
	struct k_thread *new = _kernel.ready_q.cache;

	if (new != old) {
		switch_to(new, old);
	}
	/* Back in 'old', possibly much later. */
	arch_irq_unlock(key);
	return _current->swap_retval;
}

/*
 * Switch if another thread should run now, unless the caller cannot be
 * switched out: in an ISR (the interrupt exit switches), or with
 * interrupts locked by an outer irq_lock() (key says so).
 */
void z_reschedule(unsigned int key)
{
	if (arch_irq_unlocked(key) && !k_is_in_isr() && _kernel.ready_q.cache != _current) {
		(void)z_swap(key);
	} else {
		arch_irq_unlock(key);
	}
}

/*
 * Called by the architecture on the way out of every interrupt, on the
 * interrupted thread's stack with interrupts locked. The cache already
 * says whether that thread may be preempted (update_cache).
 */
void z_sched_irq_exit(void)
{
	struct k_thread *next = _kernel.ready_q.cache;

	if (next != _current) {
		switch_to(next, _current);
	}
}

bool k_is_in_isr(void)
{
	return _kernel.nested != 0;
}

k_tid_t z_impl_k_current_get(void)
{
	return _current;
}

/* To the back of its priority's queue, behind its equals. */
void z_requeue_current_behind_equals(void)
{
	struct k_thread *cur = _current;

	z_priq_requeue(&cur->base.qnode,
		       &_kernel.ready_q.runq.queues[prio_level(cur->base.prio)]);
	update_cache(true);
}

void z_impl_k_yield(void)
{
	unsigned int key = arch_irq_lock();

	z_requeue_current_behind_equals();
	(void)z_swap(key);
}

static int32_t sleep_ticks(k_timeout_t timeout)
{
	unsigned int key;
	struct k_thread *cur = _current;
	int64_t left;

	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT)) {
		k_yield();
		return 0;
	}
	key = arch_irq_lock();
	queue_remove(cur);
	cur->base.thread_state |= _THREAD_SLEEPING;
	z_add_timeout(&cur->base.timeout, z_thread_timeout, timeout);
	update_cache(true);
	(void)z_swap(key);

	if (K_TIMEOUT_EQ(timeout, K_FOREVER)) {
		return K_TICKS_FOREVER;
	}
	/* Woken early by k_wakeup(): the timeout is still pending. */
	key = arch_irq_lock();
	left = z_timeout_remaining(&cur->base.timeout);
	z_abort_timeout(&cur->base.timeout);
	arch_irq_unlock(key);
	return (int32_t)left;
}

int32_t z_impl_k_sleep(k_timeout_t timeout)
{
	int32_t left = sleep_ticks(timeout);

	if (left == K_TICKS_FOREVER || left <= 0) {
		return left < 0 ? left : 0;
	}
	return (int32_t)k_ticks_to_ms_ceil64(left);
}

int32_t z_impl_k_usleep(int32_t us)
{
	int32_t left = sleep_ticks(K_USEC(us));

	return left > 0 ? (int32_t)k_ticks_to_us_floor64(left) : 0;
}

void z_impl_k_wakeup(k_tid_t thread)
{
	unsigned int key = arch_irq_lock();

	if ((thread->base.thread_state & _THREAD_SLEEPING) == 0) {
		arch_irq_unlock(key);
		return;
	}
	thread->base.thread_state &= ~_THREAD_SLEEPING;
	/* The timeout stays queued: k_sleep reads what was left of it. */
	z_ready_thread(thread);
	z_reschedule(key);
}

void z_impl_k_thread_suspend(k_tid_t thread)
{
	unsigned int key = arch_irq_lock();

	thread->base.thread_state |= _THREAD_SUSPENDED;
	if (z_is_thread_queued(thread)) {
		queue_remove(thread);
	}
	update_cache(thread == _current);
	z_reschedule(key);
}

void z_impl_k_thread_resume(k_tid_t thread)
{
	unsigned int key = arch_irq_lock();

	if ((thread->base.thread_state & _THREAD_SUSPENDED) == 0) {
		arch_irq_unlock(key);
		return;
	}
	thread->base.thread_state &= ~_THREAD_SUSPENDED;
	z_ready_thread(thread);
	z_reschedule(key);
}

int z_impl_k_thread_priority_get(k_tid_t thread)
{
	return thread->base.prio;
}

void z_impl_k_thread_priority_set(k_tid_t thread, int prio)
{
	unsigned int key;

	Z_OOPS_IF(!z_is_valid_prio(prio), "k_thread_priority_set: invalid priority %d (%d..%d)\n",
		  prio, K_HIGHEST_THREAD_PRIO, K_LOWEST_APPLICATION_THREAD_PRIO);
	key = arch_irq_lock();
	thread->base_prio = (int8_t)prio;
	/* Any priority it inherits from mutex waiters still applies. */
	z_mutex_prio_recompute(thread);
	/*
	 * Takes effect at once, as in Zephyr: even a cooperative caller gives
	 * way to a thread that is now above it (unless it locked the scheduler).
	 */
	update_cache(_current->base.sched_locked == 0);
	z_reschedule(key);
}

void k_sched_lock(void)
{
	unsigned int key = arch_irq_lock();

	_current->base.sched_locked++;
	update_cache(false);
	arch_irq_unlock(key);
}

void k_sched_unlock(void)
{
	unsigned int key = arch_irq_lock();

	if (_current->base.sched_locked > 0) {
		_current->base.sched_locked--;
	}
	if (_current->base.sched_locked == 0) {
		/* A slice that ran out while locked starts afresh. */
		z_time_slice_start(_current);
	}
	update_cache(false);
	z_reschedule(key);
}
