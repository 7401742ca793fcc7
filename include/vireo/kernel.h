/*
 * The kernel API (Zephyr's kernel.h): threads, scheduling, time,
 * interrupts and synchronization. Names, signatures and return codes follow
 * Zephyr's documentation.
 */
#ifndef VIREO_INCLUDE_KERNEL_H_
#define VIREO_INCLUDE_KERNEL_H_

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vireo/app_memory/mem_domain.h>
#include <vireo/fatal.h>
#include <vireo/irq.h>
#include <vireo/kernel/thread.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>
#include <vireo/sys_clock.h>
#include <vireo/syscall.h>
#include <vireo/toolchain.h>

/* Priorities: negative are cooperative, 0 and up preemptible. */
#define K_PRIO_COOP(x) (-(CONFIG_NUM_COOP_PRIORITIES - (x)))
#define K_PRIO_PREEMPT(x) (x)
#define K_HIGHEST_THREAD_PRIO (-CONFIG_NUM_COOP_PRIORITIES)
#define K_LOWEST_THREAD_PRIO CONFIG_NUM_PREEMPT_PRIORITIES
#define K_IDLE_PRIO K_LOWEST_THREAD_PRIO
#define K_HIGHEST_APPLICATION_THREAD_PRIO K_HIGHEST_THREAD_PRIO
#define K_LOWEST_APPLICATION_THREAD_PRIO (K_LOWEST_THREAD_PRIO - 1)

/* ---- Threads ----------------------------------------------------------- */

/**
 * @brief Create a thread.
 * @param new_thread  the thread object to initialize
 * @param stack       a stack from K_THREAD_STACK_DEFINE/K_KERNEL_STACK_DEFINE
 * @param stack_size  its size (K_THREAD_STACK_SIZEOF)
 * @param entry       entry function, called with p1, p2, p3; returning from
 *                    it terminates the thread cleanly
 * @param prio        priority (cooperative < 0 <= preemptible)
 * @param options     K_ESSENTIAL, K_USER, K_INHERIT_PERMS, K_FP_REGS
 * @param delay       K_NO_WAIT to start now, K_FOREVER to start with
 *                    k_thread_start(), or a delay
 * @return the thread's id (new_thread)
 */
__syscall k_tid_t k_thread_create(struct k_thread *new_thread, k_thread_stack_t *stack,
			size_t stack_size, k_thread_entry_t entry, void *p1, void *p2,
			void *p3, int prio, uint32_t options, k_timeout_t delay);

/** @brief Start a thread created with a K_FOREVER delay. */
__syscall void k_thread_start(k_tid_t thread);

/**
 * @brief Abort a thread: any thread, including the caller and one that is
 * blocked (it leaves its wait queue). Threads joining it are woken.
 */
__syscall void k_thread_abort(k_tid_t thread);

/**
 * @brief Wait for @p thread to terminate.
 * @retval 0 it terminated (or had already)
 * @retval -EBUSY K_NO_WAIT and it is still running
 * @retval -EAGAIN the timeout expired
 * @retval -EDEADLK it is the caller, or it is joining the caller
 */
__syscall int k_thread_join(struct k_thread *thread, k_timeout_t timeout);

/** @brief Let other threads of the same or higher priority run. */
__syscall void k_yield(void);

/**
 * @brief Sleep.
 * @return 0 when the time elapsed, else the milliseconds left when woken
 * early by k_wakeup() (K_FOREVER: K_TICKS_FOREVER).
 */
__syscall int32_t k_sleep(k_timeout_t timeout);
/** @brief Sleep @p ms milliseconds. @return as k_sleep(). */
static inline int32_t k_msleep(int32_t ms)
{
	return k_sleep(K_MSEC(ms));
}
/** @brief Sleep @p us microseconds (rounded up to ticks). @return 0 or us left. */
__syscall int32_t k_usleep(int32_t us);
/** @brief Wake a sleeping thread early; no effect on others. */
__syscall void k_wakeup(k_tid_t thread);
/** @brief Spin for @p usec_to_wait microseconds without sleeping. */
__syscall void k_busy_wait(uint32_t usec_to_wait);

/** @brief Suspend a thread until k_thread_resume(). */
__syscall void k_thread_suspend(k_tid_t thread);
/** @brief Resume a suspended thread. */
__syscall void k_thread_resume(k_tid_t thread);

/** @brief Current priority of @p thread. */
__syscall int k_thread_priority_get(k_tid_t thread);
/** @brief Change the priority of @p thread; takes effect at once. */
__syscall void k_thread_priority_set(k_tid_t thread, int prio);

/**
 * @brief Name a thread (copied, truncated to CONFIG_THREAD_MAX_NAME_LEN - 1).
 * @retval 0 named
 * @retval -ENOSYS names are configured out
 */
__syscall int k_thread_name_set(k_tid_t thread, const char *str);
/** @brief The thread's name, or NULL when names are configured out. */
const char *k_thread_name_get(k_tid_t thread);

/** @brief The calling thread. */
__syscall k_tid_t k_current_get(void);

/** @brief Keep the current thread from being preempted (nests). */
void k_sched_lock(void);
/** @brief Undo one k_sched_lock(); reschedules when the last one goes. */
void k_sched_unlock(void);

/**
 * @brief Set the time slice: @p slice milliseconds (0 turns slicing off)
 * for preemptible threads of priority @p prio and lower (numerically
 * higher). Needs CONFIG_TIMESLICING.
 */
void k_sched_time_slice_set(int32_t slice, int prio);

/** @brief true when called from an interrupt handler. */
bool k_is_in_isr(void);

/**
 * @brief Unused bytes of a thread's stack (needs CONFIG_INIT_STACKS).
 * @retval 0 @p unused_ptr set
 * @retval -ENOTSUP stack painting is configured out
 */
__syscall int k_thread_stack_space_get(const struct k_thread *thread, size_t *unused_ptr);

/**
 * @brief Statically define and initialize a thread, started after boot
 * (after the APPLICATION init level) with the given delay in milliseconds.
 */
#define K_THREAD_DEFINE(name, stack_size, entry, p1, p2, p3, prio, options, delay) \
	K_THREAD_STACK_DEFINE(_k_thread_stack_##name, stack_size);                  \
	struct k_thread _k_thread_obj_##name Z_KOBJ_SECTION(k_thread);            \
	static const struct _static_thread_data __used                             \
	__section(".z_static_thread_data." #name) _k_thread_data_##name = {       \
		.init_thread = &_k_thread_obj_##name,                              \
		.init_stack = _k_thread_stack_##name,                              \
		.init_stack_size = K_THREAD_STACK_SIZEOF(_k_thread_stack_##name),  \
		.init_entry = (k_thread_entry_t)(entry),                           \
		.init_p1 = (void *)(p1), .init_p2 = (void *)(p2),                  \
		.init_p3 = (void *)(p3), .init_prio = (prio),                      \
		.init_options = (options), .init_delay_ms = (delay),               \
		.init_name = #name };                                              \
	const k_tid_t name = &_k_thread_obj_##name

/* ---- Time -------------------------------------------------------------- */

/** @brief Ticks since boot. */
__syscall int64_t k_uptime_ticks(void);
/** @brief Milliseconds since boot. */
static inline int64_t k_uptime_get(void)
{
	return k_ticks_to_ms_floor64(k_uptime_ticks());
}
/** @brief Milliseconds since boot, low 32 bits. */
static inline uint32_t k_uptime_get_32(void)
{
	return (uint32_t)k_uptime_get();
}
/** @brief Milliseconds since *reftime; updates *reftime to now. */
static inline int64_t k_uptime_delta(int64_t *reftime)
{
	int64_t now = k_uptime_get();
	int64_t delta = now - *reftime;

	*reftime = now;
	return delta;
}
/** @brief Hardware cycle counter (the timer's clock), 32 bits. */
uint32_t k_cycle_get_32(void);
/** @brief Hardware cycle counter, 64 bits. */
uint64_t k_cycle_get_64(void);
/** @brief Frequency of the k_cycle_get_* counter. */
static inline uint32_t sys_clock_hw_cycles_per_sec(void)
{
	return CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC;
}

/**
 * @brief Drop the calling thread to user mode for good and run
 * entry(p1, p2, p3) there (without CONFIG_USERSPACE it runs in kernel mode).
 */
FUNC_NORETURN void k_thread_user_mode_enter(k_thread_entry_t entry, void *p1, void *p2, void *p3);

/**
 * @brief Write @p n characters to the console (what printk uses from user
 * mode: the string is checked and copied by the kernel).
 */
__syscall void k_str_out(char *c, size_t n);

/* ---- Fatal errors ------------------------------------------------------ */

/** @brief Stop the current thread with a kernel oops (fatal error report). */
#define k_oops() z_fatal_error(K_ERR_KERNEL_OOPS, NULL)

/** @brief Stop the system with a kernel panic (fatal error report). */
#define k_panic() z_fatal_error(K_ERR_KERNEL_PANIC, NULL)

#include <vireo/kernel/sync.h>
#include <vireo/kernel/ipc.h>
#include <syscalls/kernel.h>

#endif /* VIREO_INCLUDE_KERNEL_H_ */
