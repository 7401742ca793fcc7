/*
 * Timers (k_timer): a timeout that calls the expiry function, counts
 * expiries in the status and wakes k_timer_status_sync() waiters, and
 * re-arms itself when periodic.
 *
 * No drift: the expiry callback runs inside sys_clock_announce(), where
 * "now" is the deadline being served (timeout.c), so the next deadline is
 * that deadline plus the period, whatever the interrupt latency. After a
 * long stall the missed expiries are served one after the other, each
 * counted in the status.
 *
 * Contexts: the expiry function runs in the timer interrupt with
 * interrupts locked; the stop function runs in the caller of
 * k_timer_stop() without the lock. State is changed with interrupts
 * locked.
 *
 * User mode: every call but k_timer_init() is a syscall that checks only
 * the timer, so both functions are always the kernel's (a user thread
 * cannot initialize a timer); a stop function called for a user thread
 * runs in kernel mode, inside its syscall. Durations and periods are any
 * 64-bit values a user passes: deadlines saturate instead of overflowing.
 */
#include <vireo/arch_interface.h>
#include <vireo/sys/timeout_q.h>
#include "kernel_internal.h"

/* @p base + @p ticks for base >= 0, ticks >= 0, saturating at INT64_MAX ("never"). */
static int64_t deadline_after(int64_t base, int64_t ticks)
{
	return ticks > INT64_MAX - base ? INT64_MAX : base + ticks;
}

/* K_NO_WAIT, K_FOREVER and absolute values all mean one-shot. */
static bool is_periodic(k_timeout_t period)
{
	return period.ticks > 0;
}

static void timer_expired(struct _timeout *to)
{
	struct k_timer *timer = CONTAINER_OF(to, struct k_timer, timeout);
	struct k_thread *waiter;

	/* Re-armed first, so that expiry_fn may stop or restart the timer. */
	if (is_periodic(timer->period)) {
		z_add_timeout_abs(&timer->timeout, timer_expired,
				  deadline_after(z_tick_get(), timer->period.ticks));
	}
	timer->status++;
	if (timer->expiry_fn != NULL) {
		timer->expiry_fn(timer);
	}
	/*
	 * One waiter consumes one expiry; once the timer has stopped, every
	 * waiter's condition ("expired or stopped") holds.
	 */
	if (z_timeout_is_pending(&timer->timeout)) {
		waiter = z_unpend_first_thread(&timer->wait_q);
		if (waiter != NULL) {
			waiter->swap_retval = 0;
			z_ready_thread(waiter);
		}
	} else {
		(void)z_wake_all(&timer->wait_q, 0);
	}
}

void k_timer_init(struct k_timer *timer, k_timer_expiry_t expiry_fn, k_timer_stop_t stop_fn)
{
	z_tq_node_init(&timer->timeout.node);
	timer->timeout.fn = NULL;
	z_waitq_init(&timer->wait_q);
	timer->expiry_fn = expiry_fn;
	timer->stop_fn = stop_fn;
	timer->period = K_NO_WAIT;
	timer->status = 0;
	timer->user_data = NULL;
	Z_OBJECT_INIT(timer, K_OBJ_TIMER);
}

void z_impl_k_timer_start(struct k_timer *timer, k_timeout_t duration, k_timeout_t period)
{
	unsigned int key;
	int64_t deadline;

	if (K_TIMEOUT_EQ(duration, K_FOREVER)) {
		return;
	}
	key = arch_irq_lock();
	if (Z_IS_TIMEOUT_ABSOLUTE(duration)) {
		deadline = Z_TIMEOUT_ABS_TICKS(duration);
	} else {
		/*
		 * n tick boundaries from now. At least one: a deadline of "now"
		 * set from an expiry function would be served again by the same
		 * announcement, forever if it restarts itself.
		 */
		deadline = deadline_after(z_tick_get(), MAX(duration.ticks, 1));
	}
	z_abort_timeout(&timer->timeout);
	timer->period = period;
	timer->status = 0;
	z_add_timeout_abs(&timer->timeout, timer_expired, deadline);
	arch_irq_unlock(key);
}

void z_impl_k_timer_stop(struct k_timer *timer)
{
	unsigned int key = arch_irq_lock();
	bool was_running = z_timeout_is_pending(&timer->timeout);

	z_abort_timeout(&timer->timeout);
	arch_irq_unlock(key);

	if (was_running && timer->stop_fn != NULL) {
		timer->stop_fn(timer);
	}
	key = arch_irq_lock();
	(void)z_wake_all(&timer->wait_q, 0);
	z_reschedule(key);
}

uint32_t z_impl_k_timer_status_get(struct k_timer *timer)
{
	unsigned int key = arch_irq_lock();
	uint32_t status = timer->status;

	timer->status = 0;
	arch_irq_unlock(key);
	return status;
}

uint32_t z_impl_k_timer_status_sync(struct k_timer *timer)
{
	unsigned int key = arch_irq_lock();
	uint32_t status = timer->status;

	if (status == 0 && z_timeout_is_pending(&timer->timeout) && !k_is_in_isr()) {
		/* Woken by the next expiry or by k_timer_stop(). */
		(void)z_pend_curr(key, &timer->wait_q, K_FOREVER);
		key = arch_irq_lock();
		status = timer->status;
	}
	timer->status = 0;
	arch_irq_unlock(key);
	return status;
}

k_ticks_t z_impl_k_timer_expires_ticks(const struct k_timer *timer)
{
	unsigned int key = arch_irq_lock();
	k_ticks_t at = z_tick_get() + z_timeout_remaining(&timer->timeout);

	arch_irq_unlock(key);
	return at;
}

k_ticks_t z_impl_k_timer_remaining_ticks(const struct k_timer *timer)
{
	unsigned int key = arch_irq_lock();
	k_ticks_t left = z_timeout_remaining(&timer->timeout);

	arch_irq_unlock(key);
	return left;
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

#define TIMER_OK(t) K_OOPS(K_SYSCALL_OBJ((t), K_OBJ_TIMER))

static inline void z_vrfy_k_timer_start(struct k_timer *timer, k_timeout_t duration,
					k_timeout_t period)
{
	TIMER_OK(timer);
	z_impl_k_timer_start(timer, duration, period);
}
#include <syscalls/k_timer_start_mrsh.c>

static inline void z_vrfy_k_timer_stop(struct k_timer *timer)
{
	TIMER_OK(timer);
	z_impl_k_timer_stop(timer);
}
#include <syscalls/k_timer_stop_mrsh.c>

static inline uint32_t z_vrfy_k_timer_status_get(struct k_timer *timer)
{
	TIMER_OK(timer);
	return z_impl_k_timer_status_get(timer);
}
#include <syscalls/k_timer_status_get_mrsh.c>

static inline uint32_t z_vrfy_k_timer_status_sync(struct k_timer *timer)
{
	TIMER_OK(timer);
	return z_impl_k_timer_status_sync(timer);
}
#include <syscalls/k_timer_status_sync_mrsh.c>

static inline k_ticks_t z_vrfy_k_timer_expires_ticks(const struct k_timer *timer)
{
	TIMER_OK(timer);
	return z_impl_k_timer_expires_ticks(timer);
}
#include <syscalls/k_timer_expires_ticks_mrsh.c>

static inline k_ticks_t z_vrfy_k_timer_remaining_ticks(const struct k_timer *timer)
{
	TIMER_OK(timer);
	return z_impl_k_timer_remaining_ticks(timer);
}
#include <syscalls/k_timer_remaining_ticks_mrsh.c>

/* The pointer is only stored, never followed, so any value is accepted. */
static inline void z_vrfy_k_timer_user_data_set(struct k_timer *timer, void *user_data)
{
	TIMER_OK(timer);
	z_impl_k_timer_user_data_set(timer, user_data);
}
#include <syscalls/k_timer_user_data_set_mrsh.c>

static inline void *z_vrfy_k_timer_user_data_get(const struct k_timer *timer)
{
	TIMER_OK(timer);
	return z_impl_k_timer_user_data_get(timer);
}
#include <syscalls/k_timer_user_data_get_mrsh.c>
#endif /* CONFIG_USERSPACE */
