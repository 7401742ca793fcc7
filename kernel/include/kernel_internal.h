/*
 * Kernel-private state and entry points shared by the files of kernel/ and
 * by the architecture's trap and switch code (which reaches _kernel's
 * fields through the generated offsets).
 *
 * Locking: every field below is changed only with interrupts locked
 * (single hart: that is the whole of mutual exclusion in the kernel).
 */
#ifndef VIREO_KERNEL_INTERNAL_H_
#define VIREO_KERNEL_INTERNAL_H_

#include <vireo/kernel.h>
#include "priq.h"
#include <vireo/app_memory/mem_domain.h>

/*
 * The ready queue: the running thread stays in it (at the head of its
 * level) while it runs.
 * Invariant: cache is the thread the scheduler would run now; the switch
 * paths only read it.
 */
struct z_ready_q {
	struct k_thread *cache;
	struct z_priq runq;
};

struct z_kernel {
	struct k_thread *current;
	/* Interrupt nesting depth: non-zero inside an ISR. */
	uint32_t nested;
	/* Top of the ISR stack, loaded by the trap entry. */
	char *irq_stack;
	struct z_ready_q ready_q;
};

extern struct z_kernel _kernel;
#define _current (_kernel.current)

/* Thread states (base.thread_state bits). */
#define _THREAD_DUMMY BIT(0)     /* the boot context before main exists */
#define _THREAD_PENDING BIT(1)   /* in a wait queue */
#define _THREAD_PRESTART BIT(2)  /* created, not started */
#define _THREAD_DEAD BIT(3)      /* terminated */
#define _THREAD_SUSPENDED BIT(4) /* k_thread_suspend() */
#define _THREAD_SLEEPING BIT(5)  /* k_sleep() */
#define _THREAD_QUEUED BIT(7)    /* in the ready queue */

static inline bool z_is_thread_queued(const struct k_thread *t)
{
	return (t->base.thread_state & _THREAD_QUEUED) != 0;
}

static inline bool z_is_thread_ready_to_run(const struct k_thread *t)
{
	return (t->base.thread_state & (_THREAD_PENDING | _THREAD_PRESTART | _THREAD_DEAD |
					_THREAD_SUSPENDED | _THREAD_SLEEPING | _THREAD_DUMMY)) == 0;
}

static inline bool z_is_coop_prio(int prio)
{
	return prio < 0;
}

/* Priorities an application thread may have (the idle level is the idle thread's). */
static inline bool z_is_valid_prio(int prio)
{
	return prio >= K_HIGHEST_THREAD_PRIO && prio <= K_LOWEST_APPLICATION_THREAD_PRIO;
}

/*
 * The least usable stack a thread may be given: the start-up code and the
 * frames of a thread's first calls must fit inside its own stack.
 */
#define Z_MIN_STACK_SIZE 256

/* A misused API with no error code to return: stop the caller, loudly. */
#define Z_OOPS_IF(cond, ...)                      \
	do {                                      \
		if (unlikely(cond)) {             \
			printk(__VA_ARGS__);      \
			k_oops();                 \
		}                                 \
	} while (0)

static inline bool z_is_thread_essential(const struct k_thread *t)
{
	return (t->base.user_options & K_ESSENTIAL) != 0;
}

/* sched.c */
void z_sched_init(void);
void z_ready_thread(struct k_thread *thread);
void z_unready_thread(struct k_thread *thread);
void z_thread_prio_set(struct k_thread *thread, int prio);
void z_pend_curr_prepare(_wait_q_t *wait_q, k_timeout_t timeout);
int z_pend_curr(unsigned int key, _wait_q_t *wait_q, k_timeout_t timeout);
struct k_thread *z_unpend_first_thread(_wait_q_t *wait_q);
void z_unpend_thread(struct k_thread *thread);
void z_unpend_thread_no_timeout(struct k_thread *thread);
bool z_wake_all(_wait_q_t *wait_q, int retval);
int z_swap(unsigned int key);
void z_reschedule(unsigned int key);
void z_sched_irq_exit(void);
void z_sched_time_slice_init(void);
void z_time_slice_arm(struct k_thread *thread);
/* Slice length in ticks; 0 while slicing is off. */
extern int32_t z_slice_ticks;

/* On every switch: a load and a branch while slicing is off. */
static inline void z_time_slice_start(struct k_thread *thread)
{
	if (IS_ENABLED(CONFIG_TIMESLICING) && z_slice_ticks != 0) {
		z_time_slice_arm(thread);
	}
}
void z_time_slice_thread_readied(struct k_thread *thread);
void z_requeue_current_behind_equals(void);
void z_mutex_prio_recompute(struct k_thread *thread);

/* wait_q helpers */
static inline void z_waitq_init(_wait_q_t *wq)
{
	sys_dlist_init(&wq->waitq);
}

static inline struct k_thread *z_waitq_head(_wait_q_t *wq)
{
	sys_dnode_t *n = sys_dlist_peek_head(&wq->waitq);

	return n != NULL ? CONTAINER_OF(n, struct k_thread, base.qnode) : NULL;
}

/* timeout.c */
void z_timeout_init(void);
void z_add_timeout(struct _timeout *to, void (*fn)(struct _timeout *), k_timeout_t timeout);
void z_add_timeout_abs(struct _timeout *to, void (*fn)(struct _timeout *), int64_t deadline);
void z_abort_timeout(struct _timeout *to);
bool z_timeout_is_pending(const struct _timeout *to);
int64_t z_timeout_remaining(const struct _timeout *to);
int64_t z_tick_get(void);
void z_thread_timeout(struct _timeout *to);

/* thread.c */
void z_thread_init_static(void);
void z_setup_new_thread(struct k_thread *thread, k_thread_stack_t *stack, size_t stack_size,
			k_thread_entry_t entry, void *p1, void *p2, void *p3, int prio,
			uint32_t options, const char *name);
FUNC_NORETURN void z_thread_entry(k_thread_entry_t entry, void *p1, void *p2, void *p3);
void z_thread_abort(struct k_thread *thread);
const char *z_thread_name_or_placeholder(const struct k_thread *thread);

/* kobject.c, mem_domain.c (CONFIG_USERSPACE) */
struct k_mem_domain;
void z_thread_perms_setup(struct k_thread *thread, struct k_thread *parent, bool inherit);
void z_thread_perms_release(struct k_thread *thread);
void z_mem_domain_thread_set(struct k_thread *thread, struct k_mem_domain *domain);

/* init.c */
extern struct k_thread z_main_thread;
extern struct k_thread z_idle_thread;

#endif /* VIREO_KERNEL_INTERNAL_H_ */
