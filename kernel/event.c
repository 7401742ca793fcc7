/*
 * Event objects (k_event): 32 event bits and the threads waiting for any
 * or all of a set of them. Every change of the bits (post, set, masked
 * set) wakes each waiter whose condition now holds, not just the first,
 * so one post can release several threads waiting for different masks.
 *
 * A waiter keeps its condition in its own thread: `events` holds the
 * wanted bits while it waits and the matching bits once woken; swap_data
 * is &match_all for wait-all, NULL for wait-any.
 *
 * Updates cost O(waiters) with interrupts locked. Everything but waiting
 * is ISR-safe; an ISR never waits. State is changed with interrupts
 * locked. From user mode every argument but the object is a plain value:
 * only the object is checked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

static const bool match_all = true;

/* The wanted bits that satisfy the condition, or 0 when it does not hold. */
static uint32_t matched(uint32_t have, uint32_t want, bool all)
{
	uint32_t common = have & want;

	if (all) {
		return common == want ? common : 0;
	}
	return common;
}

void z_impl_k_event_init(struct k_event *event)
{
	event->events = 0;
	z_waitq_init(&event->wait_q);
	Z_OBJECT_INIT(event, K_OBJ_EVENT);
}

static uint32_t update(struct k_event *event, uint32_t events, uint32_t mask)
{
	unsigned int key = arch_irq_lock();
	uint32_t prev = event->events;
	sys_dnode_t *node;
	sys_dnode_t *next;

	event->events = (prev & ~mask) | (events & mask);
	SYS_DLIST_FOR_EACH_NODE_SAFE(&event->wait_q.waitq, node, next) {
		struct k_thread *t = CONTAINER_OF(node, struct k_thread, base.qnode);
		uint32_t got = matched(event->events, t->events, t->swap_data == &match_all);

		if (got != 0) {
			z_unpend_thread(t);
			t->events = got;
			t->swap_retval = 0;
			z_ready_thread(t);
		}
	}
	z_reschedule(key);
	return prev;
}

uint32_t z_impl_k_event_post(struct k_event *event, uint32_t events)
{
	return update(event, events, events);
}

uint32_t z_impl_k_event_set(struct k_event *event, uint32_t events)
{
	return update(event, events, UINT32_MAX);
}

uint32_t z_impl_k_event_set_masked(struct k_event *event, uint32_t events,
				   uint32_t events_mask)
{
	return update(event, events, events_mask);
}

uint32_t z_impl_k_event_clear(struct k_event *event, uint32_t events)
{
	return update(event, 0, events);
}

static uint32_t wait(struct k_event *event, uint32_t events, bool reset, k_timeout_t timeout,
		     bool all)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *cur = _current;
	uint32_t got;

	if (reset) {
		event->events = 0;
	}
	got = matched(event->events, events, all);
	if (got != 0 || K_TIMEOUT_EQ(timeout, K_NO_WAIT) || k_is_in_isr()) {
		arch_irq_unlock(key);
		return got;
	}
	cur->events = events;
	cur->swap_data = all ? (void *)(uintptr_t)&match_all : NULL;
	cur->swap_retval = -EAGAIN;
	if (z_pend_curr(key, &event->wait_q, timeout) != 0) {
		return 0;
	}
	/* The updater stored the bits that woke us. */
	return cur->events;
}

uint32_t z_impl_k_event_wait(struct k_event *event, uint32_t events, bool reset,
			     k_timeout_t timeout)
{
	return wait(event, events, reset, timeout, false);
}

uint32_t z_impl_k_event_wait_all(struct k_event *event, uint32_t events, bool reset,
				 k_timeout_t timeout)
{
	return wait(event, events, reset, timeout, true);
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

#define EVENT_OK(e) K_OOPS(K_SYSCALL_OBJ((e), K_OBJ_EVENT))

/* Waiters are released first (their wait returns 0): see condvar.c. */
static inline void z_vrfy_k_event_init(struct k_event *event)
{
	unsigned int key;

	K_OOPS(K_SYSCALL_OBJ_INIT(event, K_OBJ_EVENT));
	key = arch_irq_lock();
	if ((event->kobj.flags & K_OBJ_FLAG_INITIALIZED) != 0) {
		(void)z_wake_all(&event->wait_q, -EAGAIN);
	}
	z_impl_k_event_init(event);
	z_reschedule(key);
}
#include <syscalls/k_event_init_mrsh.c>

static inline uint32_t z_vrfy_k_event_post(struct k_event *event, uint32_t events)
{
	EVENT_OK(event);
	return z_impl_k_event_post(event, events);
}
#include <syscalls/k_event_post_mrsh.c>

static inline uint32_t z_vrfy_k_event_set(struct k_event *event, uint32_t events)
{
	EVENT_OK(event);
	return z_impl_k_event_set(event, events);
}
#include <syscalls/k_event_set_mrsh.c>

static inline uint32_t z_vrfy_k_event_set_masked(struct k_event *event, uint32_t events,
						 uint32_t events_mask)
{
	EVENT_OK(event);
	return z_impl_k_event_set_masked(event, events, events_mask);
}
#include <syscalls/k_event_set_masked_mrsh.c>

static inline uint32_t z_vrfy_k_event_clear(struct k_event *event, uint32_t events)
{
	EVENT_OK(event);
	return z_impl_k_event_clear(event, events);
}
#include <syscalls/k_event_clear_mrsh.c>

static inline uint32_t z_vrfy_k_event_wait(struct k_event *event, uint32_t events, bool reset,
					   k_timeout_t timeout)
{
	EVENT_OK(event);
	return z_impl_k_event_wait(event, events, reset, timeout);
}
#include <syscalls/k_event_wait_mrsh.c>

static inline uint32_t z_vrfy_k_event_wait_all(struct k_event *event, uint32_t events,
					       bool reset, k_timeout_t timeout)
{
	EVENT_OK(event);
	return z_impl_k_event_wait_all(event, events, reset, timeout);
}
#include <syscalls/k_event_wait_all_mrsh.c>
#endif /* CONFIG_USERSPACE */
