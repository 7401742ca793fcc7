/*
 * Message queues, condition variables, events and timers (Zephyr's
 * k_msgq, k_condvar, k_event and k_timer). Included by <vireo/kernel.h>;
 * do not include directly. Names, signatures and return codes follow
 * Zephyr's documentation; the fields are the kernel's.
 *
 * The calls Zephyr makes syscalls are syscalls here (__syscall, checked in
 * the z_vrfy_ functions at the end of each kernel file). Initializers that
 * take a buffer or a function, k_msgq_init() and k_timer_init(), are
 * kernel-only: a queue or timer used from user mode is defined with
 * K_MSGQ_DEFINE / K_TIMER_DEFINE (or taken from k_object_alloc() and
 * initialized by the kernel), then granted.
 */
#ifndef VIREO_INCLUDE_KERNEL_IPC_H_
#define VIREO_INCLUDE_KERNEL_IPC_H_

#include <vireo/kernel/kobject.h>
#include <vireo/syscall.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vireo/kernel/thread.h>
#include <vireo/sys_clock.h>
#include <vireo/toolchain.h>

struct k_mutex;

/* ---- Message queues ---------------------------------------------------- */

/**
 * A ring of max_msgs messages of msg_size bytes each, copied in and out.
 * Code written for Zephyr may read msg_size, max_msgs and used_msgs.
 */
struct k_msgq {
	Z_KOBJ_FIELD
	/* Getters while the queue is empty, or putters while it is full. */
	_wait_q_t wait_q;
	size_t msg_size;
	uint32_t max_msgs;
	char *buffer_start;
	char *buffer_end;
	char *read_ptr;  /* oldest message */
	char *write_ptr; /* where the next message goes */
	uint32_t used_msgs;
};

/** What k_msgq_get_attrs() reports. */
struct k_msgq_attrs {
	size_t msg_size;
	uint32_t max_msgs;
	uint32_t used_msgs;
};

#define Z_MSGQ_INITIALIZER(obj, buf, size, count)                                   \
	{ Z_KOBJ_INIT(K_OBJ_MSGQ) .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q),           \
	  .msg_size = (size),                                                       \
	  .max_msgs = (count), .buffer_start = (buf),                               \
	  .buffer_end = (buf) + (size) * (count), .read_ptr = (buf),                \
	  .write_ptr = (buf), .used_msgs = 0 }

/**
 * @brief Define a message queue and its buffer.
 * @param name     the queue (struct k_msgq)
 * @param msg_size bytes per message (at least 1)
 * @param max_msgs capacity in messages (at least 1)
 * @param align    alignment of the buffer, a power of two
 */
#define K_MSGQ_DEFINE(name, msg_size, max_msgs, align)                              \
	BUILD_ASSERT((msg_size) > 0 && (max_msgs) > 0,                             \
		     "K_MSGQ_DEFINE: empty messages or no room");              \
	static char __noinit __aligned(align) _k_msgq_buf_##name[(msg_size) * (max_msgs)]; \
	struct k_msgq name Z_KOBJ_SECTION(k_msgq) =                                   \
		Z_MSGQ_INITIALIZER(name, _k_msgq_buf_##name, msg_size, max_msgs)

/**
 * @brief Initialize a message queue on a caller-supplied buffer of
 * @p msg_size * @p max_msgs bytes. Both must be at least 1. Kernel mode
 * only (not a syscall, as in Zephyr).
 */
void k_msgq_init(struct k_msgq *msgq, char *buffer, size_t msg_size, uint32_t max_msgs);

/**
 * @brief Add a message at the back of the queue (copied from @p data).
 * When a getter waits, the message goes straight to it. ISR-safe; an ISR
 * never waits, whatever @p timeout says. From user mode, a queue whose
 * messages are longer than 64 bytes takes only K_NO_WAIT (anything else
 * is an oops): longer messages cannot be copied to the kernel first.
 * @retval 0 message sent
 * @retval -ENOMSG the queue is full and K_NO_WAIT (or ISR), or
 *         k_msgq_purge() cancelled the wait
 * @retval -EAGAIN the timeout expired
 */
__syscall int k_msgq_put(struct k_msgq *msgq, const void *data, k_timeout_t timeout);

/**
 * @brief Take the oldest message (copied to @p data, msg_size bytes).
 * Freeing a slot lets the first waiting putter add its message at once.
 * ISR-safe; an ISR never waits, whatever @p timeout says. From user mode,
 * messages longer than 64 bytes as for k_msgq_put().
 * @retval 0 message received
 * @retval -ENOMSG the queue is empty and K_NO_WAIT (or ISR)
 * @retval -EAGAIN the timeout expired
 */
__syscall int k_msgq_get(struct k_msgq *msgq, void *data, k_timeout_t timeout);

/**
 * @brief Copy the oldest message to @p data without removing it.
 * @retval 0 copied
 * @retval -ENOMSG the queue is empty
 */
__syscall int k_msgq_peek(struct k_msgq *msgq, void *data);

/**
 * @brief Copy message @p idx (0 is the oldest) without removing it.
 * @retval 0 copied
 * @retval -ENOMSG fewer than @p idx + 1 messages are queued
 */
__syscall int k_msgq_peek_at(struct k_msgq *msgq, void *data, uint32_t idx);

/**
 * @brief Discard every queued message; threads waiting to put are woken
 * and their k_msgq_put() returns -ENOMSG.
 */
__syscall void k_msgq_purge(struct k_msgq *msgq);

/** @brief Report the queue's message size, capacity and messages queued. */
__syscall void k_msgq_get_attrs(struct k_msgq *msgq, struct k_msgq_attrs *attrs);

/** @brief Number of messages queued. */
__syscall uint32_t k_msgq_num_used_get(struct k_msgq *msgq);

static inline uint32_t z_impl_k_msgq_num_used_get(struct k_msgq *msgq)
{
	return msgq->used_msgs;
}

/** @brief Number of free slots. */
__syscall uint32_t k_msgq_num_free_get(struct k_msgq *msgq);

static inline uint32_t z_impl_k_msgq_num_free_get(struct k_msgq *msgq)
{
	return msgq->max_msgs - msgq->used_msgs;
}

/* ---- Condition variables ----------------------------------------------- */

struct k_condvar {
	Z_KOBJ_FIELD
	_wait_q_t wait_q;
};

#define Z_CONDVAR_INITIALIZER(obj) \
	{ Z_KOBJ_INIT(K_OBJ_CONDVAR) .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q) }

/** @brief Define and initialize a condition variable. */
#define K_CONDVAR_DEFINE(name) \
	struct k_condvar name Z_KOBJ_SECTION(k_condvar) = Z_CONDVAR_INITIALIZER(name)

/**
 * @brief Initialize a condition variable. When a user thread initializes
 * one that threads wait on, they are released first, as by a timeout.
 * @retval 0 always
 */
__syscall int k_condvar_init(struct k_condvar *condvar);

/** @brief Wake the first (highest-priority) waiter, if any. ISR-safe. @retval 0 always */
__syscall int k_condvar_signal(struct k_condvar *condvar);

/**
 * @brief Wake every waiter. ISR-safe.
 * @return the number of threads woken
 */
__syscall int k_condvar_broadcast(struct k_condvar *condvar);

/**
 * @brief Release @p mutex and wait for a signal, as one step (no signal
 * sent after the release can be missed), then lock @p mutex again before
 * returning, whatever the outcome. The caller must own @p mutex; a
 * recursively locked mutex is released by one level only. From user mode
 * the caller needs permission to both objects.
 * @retval 0 signalled
 * @retval -EAGAIN the timeout expired (at once for K_NO_WAIT)
 * @retval -EPERM the caller does not own @p mutex, or is an ISR (Vireo's
 *         check; Zephyr leaves this undefined)
 */
__syscall int k_condvar_wait(struct k_condvar *condvar, struct k_mutex *mutex,
			     k_timeout_t timeout);

/* ---- Events ------------------------------------------------------------ */

/** A set of 32 event bits that threads wait on. */
struct k_event {
	Z_KOBJ_FIELD
	_wait_q_t wait_q;
	uint32_t events;
};

#define Z_EVENT_INITIALIZER(obj) \
	{ Z_KOBJ_INIT(K_OBJ_EVENT) .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q), .events = 0 }

/** @brief Define and initialize an event object (no event set). */
#define K_EVENT_DEFINE(name) \
	struct k_event name Z_KOBJ_SECTION(k_event) = Z_EVENT_INITIALIZER(name)

/**
 * @brief Initialize an event object with no event set. When a user thread
 * initializes one that threads wait on, they are released first, as by a
 * timeout.
 */
__syscall void k_event_init(struct k_event *event);

/**
 * @brief Set the bits of @p events (the others are kept) and wake every
 * waiter whose condition now holds. ISR-safe.
 * @return the events before the call
 */
__syscall uint32_t k_event_post(struct k_event *event, uint32_t events);

/**
 * @brief Replace the whole set with @p events and wake every waiter whose
 * condition now holds. ISR-safe.
 * @return the events before the call
 */
__syscall uint32_t k_event_set(struct k_event *event, uint32_t events);

/**
 * @brief Replace the bits selected by @p events_mask with those of
 * @p events and wake every waiter whose condition now holds. ISR-safe.
 * @return the events before the call
 */
__syscall uint32_t k_event_set_masked(struct k_event *event, uint32_t events,
				       uint32_t events_mask);

/**
 * @brief Clear the bits of @p events. ISR-safe.
 * @return the events before the call
 */
__syscall uint32_t k_event_clear(struct k_event *event, uint32_t events);

/**
 * @brief Wait until any of @p events is set. With @p reset, every event
 * is cleared first, so only events set after the call count. ISR-safe
 * with K_NO_WAIT.
 * @return the wanted events that are set (non-zero), or 0 when the
 *         timeout expired (at once for K_NO_WAIT)
 */
__syscall uint32_t k_event_wait(struct k_event *event, uint32_t events, bool reset,
				 k_timeout_t timeout);

/**
 * @brief Wait until all of @p events are set; @p reset as k_event_wait().
 * @return @p events once all are set, or 0 when the timeout expired
 */
__syscall uint32_t k_event_wait_all(struct k_event *event, uint32_t events, bool reset,
				     k_timeout_t timeout);

/**
 * @brief The events of @p events_mask that are set, without waiting.
 */
static inline uint32_t k_event_test(struct k_event *event, uint32_t events_mask)
{
	return k_event_wait(event, events_mask, false, K_NO_WAIT);
}

/* ---- Timers ------------------------------------------------------------ */

struct k_timer;
typedef void (*k_timer_expiry_t)(struct k_timer *timer);
typedef void (*k_timer_stop_t)(struct k_timer *timer);

struct k_timer {
	Z_KOBJ_FIELD
	struct _timeout timeout;   /* linked while the timer runs */
	_wait_q_t wait_q;          /* threads in k_timer_status_sync() */
	k_timer_expiry_t expiry_fn;
	k_timer_stop_t stop_fn;
	k_timeout_t period;        /* > 0 ticks: periodic, else one-shot */
	uint32_t status;           /* expiries since the status was last read */
	void *user_data;
};

#define Z_TIMER_INITIALIZER(obj, expiry, stop)                                 \
	{ Z_KOBJ_INIT(K_OBJ_TIMER) .timeout = { .fn = NULL },                  \
	  .wait_q = Z_WAIT_Q_INIT(&(obj).wait_q),                              \
	  .expiry_fn = (expiry), .stop_fn = (stop), .period = { 0 },           \
	  .status = 0, .user_data = NULL }

/**
 * @brief Define and initialize a timer.
 * @param name      the timer (struct k_timer)
 * @param expiry_fn called at each expiry, in interrupt context, or NULL
 * @param stop_fn   called by k_timer_stop() on a running timer, in the
 *                  caller's context (kernel mode when the caller is a
 *                  user thread: it runs inside the syscall), or NULL
 */
#define K_TIMER_DEFINE(name, expiry_fn, stop_fn) \
	struct k_timer name Z_KOBJ_SECTION(k_timer) = Z_TIMER_INITIALIZER(name, expiry_fn, stop_fn)

/**
 * @brief Initialize a timer (stopped); functions as for K_TIMER_DEFINE.
 * Kernel mode only (not a syscall, as in Zephyr): the functions run in
 * kernel mode.
 */
void k_timer_init(struct k_timer *timer, k_timer_expiry_t expiry_fn, k_timer_stop_t stop_fn);

/**
 * @brief Start (or restart) a timer: it expires after @p duration, then
 * every @p period. A period of K_NO_WAIT or K_FOREVER makes a one-shot
 * timer. Periodic expiries are computed from the previous deadline, so
 * they do not drift. A relative @p duration of n ticks expires at the n-th
 * tick boundary from now (the next one for K_NO_WAIT); an absolute one
 * (K_TIMEOUT_ABS_*) at that tick. Restarting resets the status to 0 and
 * does not call the stop function. @p duration K_FOREVER does nothing.
 * ISR-safe.
 */
__syscall void k_timer_start(struct k_timer *timer, k_timeout_t duration, k_timeout_t period);

/**
 * @brief Stop a timer. If it was running, its stop function is called (in
 * the caller's context). Threads in k_timer_status_sync() are woken.
 * The status is kept. ISR-safe.
 */
__syscall void k_timer_stop(struct k_timer *timer);

/**
 * @brief Expiries since the status was last read; resets it to 0. ISR-safe.
 */
__syscall uint32_t k_timer_status_get(struct k_timer *timer);

/**
 * @brief Wait until the status is non-zero or the timer stops, then read
 * and reset it as k_timer_status_get(). Returns at once when the status
 * is already non-zero or the timer is not running (or from an ISR).
 * @return the status: 0 means the timer stopped before it expired again
 */
__syscall uint32_t k_timer_status_sync(struct k_timer *timer);

/** @brief Absolute tick of the next expiry (the current tick when stopped). */
__syscall k_ticks_t k_timer_expires_ticks(const struct k_timer *timer);

/** @brief Ticks until the next expiry, 0 when the timer is stopped. */
__syscall k_ticks_t k_timer_remaining_ticks(const struct k_timer *timer);

/** @brief Milliseconds until the next expiry (rounded down), 0 when stopped. */
static inline uint32_t k_timer_remaining_get(struct k_timer *timer)
{
	return k_ticks_to_ms_floor32(k_timer_remaining_ticks(timer));
}

/**
 * @brief Attach an application pointer to the timer. The kernel never
 * dereferences it; an expiry or stop function that does must not trust a
 * pointer a user thread could have set.
 */
__syscall void k_timer_user_data_set(struct k_timer *timer, void *user_data);

static inline void z_impl_k_timer_user_data_set(struct k_timer *timer, void *user_data)
{
	timer->user_data = user_data;
}

/** @brief The pointer set by k_timer_user_data_set() (NULL initially). */
__syscall void *k_timer_user_data_get(const struct k_timer *timer);

static inline void *z_impl_k_timer_user_data_get(const struct k_timer *timer)
{
	return timer->user_data;
}

#include <syscalls/ipc.h>

#endif /* VIREO_INCLUDE_KERNEL_IPC_H_ */
