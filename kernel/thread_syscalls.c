/*
 * Verification of the thread, scheduling and time syscalls: every
 * argument a user thread passes is checked here, then the z_impl_ does
 * the work (decode, then perform). A failed check oopses the caller.
 *
 * The rules beyond "a thread object the caller may use": a user thread
 * creates only user threads, not essential ones, not above its own
 * priority, on a stack it can write itself; it may lower priorities but
 * never raise one above its own.
 */
#include <vireo/internal/syscall_handler.h>
#include "kernel_internal.h"

#define THREAD_OK(t) K_OOPS(K_SYSCALL_OBJ((t), K_OBJ_THREAD))

static inline k_tid_t z_vrfy_k_thread_create(struct k_thread *new_thread,
					     k_thread_stack_t *stack, size_t stack_size,
					     k_thread_entry_t entry, void *p1, void *p2,
					     void *p3, int prio, uint32_t options,
					     k_timeout_t delay)
{
	const struct z_object *ko = &new_thread->kobj;

	K_OOPS(K_SYSCALL_OBJ_INIT(new_thread, K_OBJ_THREAD));
	/* Never an object in use: created before and not dead is refused. */
	K_OOPS(K_SYSCALL_VERIFY((ko->flags & K_OBJ_FLAG_INITIALIZED) == 0 ||
				(new_thread->base.thread_state & _THREAD_DEAD) != 0));
	K_OOPS(K_SYSCALL_MEMORY_WRITE(stack, stack_size));
	/* base_prio: a priority lent by a mutex waiter is not the thread's own. */
	K_OOPS(K_SYSCALL_VERIFY(z_is_valid_prio(prio) && prio >= _current->base_prio));
	K_OOPS(K_SYSCALL_VERIFY((options & K_USER) != 0 && (options & K_ESSENTIAL) == 0));
	return z_impl_k_thread_create(new_thread, stack, stack_size, entry, p1, p2, p3, prio,
				      options, delay);
}
#include <syscalls/k_thread_create_mrsh.c>

static inline void z_vrfy_k_thread_start(k_tid_t thread)
{
	THREAD_OK(thread);
	z_impl_k_thread_start(thread);
}
#include <syscalls/k_thread_start_mrsh.c>

static inline void z_vrfy_k_thread_abort(k_tid_t thread)
{
	THREAD_OK(thread);
	z_impl_k_thread_abort(thread);
}
#include <syscalls/k_thread_abort_mrsh.c>

static inline int z_vrfy_k_thread_join(struct k_thread *thread, k_timeout_t timeout)
{
	THREAD_OK(thread);
	return z_impl_k_thread_join(thread, timeout);
}
#include <syscalls/k_thread_join_mrsh.c>

static inline void z_vrfy_k_yield(void)
{
	z_impl_k_yield();
}
#include <syscalls/k_yield_mrsh.c>

static inline int32_t z_vrfy_k_sleep(k_timeout_t timeout)
{
	return z_impl_k_sleep(timeout);
}
#include <syscalls/k_sleep_mrsh.c>

static inline int32_t z_vrfy_k_usleep(int32_t us)
{
	return z_impl_k_usleep(us);
}
#include <syscalls/k_usleep_mrsh.c>

static inline void z_vrfy_k_wakeup(k_tid_t thread)
{
	THREAD_OK(thread);
	z_impl_k_wakeup(thread);
}
#include <syscalls/k_wakeup_mrsh.c>

static inline void z_vrfy_k_busy_wait(uint32_t usec_to_wait)
{
	z_impl_k_busy_wait(usec_to_wait);
}
#include <syscalls/k_busy_wait_mrsh.c>

static inline void z_vrfy_k_thread_suspend(k_tid_t thread)
{
	THREAD_OK(thread);
	z_impl_k_thread_suspend(thread);
}
#include <syscalls/k_thread_suspend_mrsh.c>

static inline void z_vrfy_k_thread_resume(k_tid_t thread)
{
	THREAD_OK(thread);
	z_impl_k_thread_resume(thread);
}
#include <syscalls/k_thread_resume_mrsh.c>

static inline int z_vrfy_k_thread_priority_get(k_tid_t thread)
{
	THREAD_OK(thread);
	return z_impl_k_thread_priority_get(thread);
}
#include <syscalls/k_thread_priority_get_mrsh.c>

static inline void z_vrfy_k_thread_priority_set(k_tid_t thread, int prio)
{
	THREAD_OK(thread);
	K_OOPS(K_SYSCALL_VERIFY(z_is_valid_prio(prio) && prio >= _current->base_prio));
	z_impl_k_thread_priority_set(thread, prio);
}
#include <syscalls/k_thread_priority_set_mrsh.c>

static inline int z_vrfy_k_thread_name_set(k_tid_t thread, const char *str)
{
	char name[CONFIG_THREAD_MAX_NAME_LEN > 0 ? CONFIG_THREAD_MAX_NAME_LEN : 1];

	THREAD_OK(thread);
	/* Copied first: the user could change the string while we look. */
	K_OOPS(k_usermode_string_copy(name, str, sizeof(name)) == -EFAULT);
	/* A longer name is cut, as the kernel-mode call cuts it. */
	name[sizeof(name) - 1] = '\0';
	return z_impl_k_thread_name_set(thread, name);
}
#include <syscalls/k_thread_name_set_mrsh.c>

static inline k_tid_t z_vrfy_k_current_get(void)
{
	return z_impl_k_current_get();
}
#include <syscalls/k_current_get_mrsh.c>

static inline int z_vrfy_k_thread_stack_space_get(const struct k_thread *thread,
						  size_t *unused_ptr)
{
	size_t unused = 0;
	int rc;

	THREAD_OK(thread);
	rc = z_impl_k_thread_stack_space_get(thread, &unused);
	K_OOPS(k_usermode_to_copy(unused_ptr, &unused, sizeof(unused)) != 0);
	return rc;
}
#include <syscalls/k_thread_stack_space_get_mrsh.c>

static inline int64_t z_vrfy_k_uptime_ticks(void)
{
	return z_impl_k_uptime_ticks();
}
#include <syscalls/k_uptime_ticks_mrsh.c>
