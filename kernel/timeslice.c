/*
 * Round-robin time slicing among preemptible threads of equal priority
 * (CONFIG_TIMESLICING). A slice is armed when a thread starts running and
 * another thread of its priority is ready, or when such a thread becomes
 * ready later; when it expires the running thread goes behind its equals
 * and the interrupt exit switches. Cooperative threads, threads holding
 * k_sched_lock() and threads above the slicing priority are never sliced.
 * State is changed with interrupts locked.
 */
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

static struct _timeout slice_timeout;
int32_t z_slice_ticks;
static int slice_max_prio;

static bool sliceable(const struct k_thread *t)
{
	return z_slice_ticks > 0 && !z_is_coop_prio(t->base.prio) && t->base.prio >= slice_max_prio &&
	       t != &z_idle_thread;
}

/* Another ready thread shares @p t's priority. */
static bool has_equals(const struct k_thread *t)
{
	return z_is_thread_queued(t) && z_priq_has_equals(&t->base.qnode);
}

static void slice_expired(struct _timeout *to)
{
	struct k_thread *cur = _current;

	ARG_UNUSED(to);
	if (sliceable(cur) && cur->base.sched_locked == 0 && z_is_thread_ready_to_run(cur)) {
		z_requeue_current_behind_equals();
	}
}

/* (Re)start the running thread's slice, or stop it when it has none. */
void z_time_slice_arm(struct k_thread *thread)
{
	z_abort_timeout(&slice_timeout);
	if (sliceable(thread) && has_equals(thread)) {
		z_add_timeout_abs(&slice_timeout, slice_expired, z_tick_get() + z_slice_ticks);
	}
}

/* A thread became ready: the running one may now have an equal to share with. */
void z_time_slice_thread_readied(struct k_thread *thread)
{
	if (IS_ENABLED(CONFIG_TIMESLICING) && z_slice_ticks != 0 && _current != NULL &&
	    thread->base.prio == _current->base.prio && !z_timeout_is_pending(&slice_timeout)) {
		z_time_slice_arm(_current);
	}
}

void z_sched_time_slice_init(void)
{
	z_tq_node_init(&slice_timeout.node);
	z_slice_ticks = (int32_t)k_ms_to_ticks_ceil64(CONFIG_TIMESLICE_SIZE);
	slice_max_prio = CONFIG_TIMESLICE_PRIORITY;
}

void k_sched_time_slice_set(int32_t slice, int prio)
{
	unsigned int key = arch_irq_lock();

	z_slice_ticks = slice > 0 ? (int32_t)k_ms_to_ticks_ceil64(slice) : 0;
	slice_max_prio = prio;
	/* Arm for the running thread, or (slicing now off) disarm. */
	z_time_slice_arm(_current);
	arch_irq_unlock(key);
}
