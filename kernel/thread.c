/*
 * Thread life cycle: creation (with stack painting), start, static threads
 * from K_THREAD_DEFINE, names, stack usage, join and abort. Scheduling
 * decisions are sched.c's; this file only moves threads through states.
 * State changes happen with interrupts locked.
 */
#include <string.h>
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

#define STACK_PAINT 0xaa

extern const struct _static_thread_data __static_thread_data_start[];
extern const struct _static_thread_data __static_thread_data_end[];

/* A new thread's permissions and memory domain come from its creator. */
static void user_setup(struct k_thread *thread, uint32_t options)
{
#ifdef CONFIG_USERSPACE
	struct k_thread *parent = _current;
	struct k_mem_domain *domain = &k_mem_domain_default;

	if (parent != NULL && (parent->base.thread_state & _THREAD_DUMMY) != 0) {
		parent = NULL;
	}
	if (parent != NULL && parent->mem_domain != NULL) {
		domain = parent->mem_domain;
	}
	z_thread_perms_setup(thread, parent, (options & K_INHERIT_PERMS) != 0);
	z_mem_domain_thread_set(thread, domain);
#else
	ARG_UNUSED(thread);
	ARG_UNUSED(options);
#endif /* CONFIG_USERSPACE */
}

/* What a dying thread gives back: slot, domain membership, kernel stack. */
static void user_release(struct k_thread *thread)
{
#ifdef CONFIG_USERSPACE
	z_thread_perms_release(thread);
	if (thread->mem_domain != NULL) {
		sys_dlist_remove(&thread->mem_domain_node);
		thread->mem_domain = NULL;
	}
	arch_thread_user_release(thread);
#else
	ARG_UNUSED(thread);
#endif /* CONFIG_USERSPACE */
}

void z_setup_new_thread(struct k_thread *thread, k_thread_stack_t *stack, size_t stack_size,
			k_thread_entry_t entry, void *p1, void *p2, void *p3, int prio,
			uint32_t options, const char *name)
{
	/* The guard, if any, takes the lowest bytes (the arch protects them). */
	char *base = (char *)stack + ARCH_STACK_GUARD_SIZE;
	/* stack_size counts the guard; the top keeps the psABI's alignment. */
	char *top = (char *)ROUND_DOWN((char *)stack + stack_size, ARCH_STACK_PTR_ALIGN);

	memset(thread, 0, sizeof(*thread));
	if (IS_ENABLED(CONFIG_INIT_STACKS)) {
		memset(base, STACK_PAINT, (size_t)(top - base));
	}
	thread->stack_info.start = (uintptr_t)base;
	thread->stack_info.size = (size_t)(top - base);
	thread->entry = entry;
	thread->p1 = p1;
	thread->p2 = p2;
	thread->p3 = p3;
	thread->base.prio = (int8_t)prio;
	thread->base_prio = (int8_t)prio;
	thread->base.user_options = (uint8_t)options;
	thread->base.thread_state = _THREAD_PRESTART;
	z_tq_node_init(&thread->base.timeout.node);
	sys_dnode_init(&thread->base.qnode);
	z_waitq_init(&thread->join_queue);
	sys_dlist_init(&thread->held_mutexes);
	(void)z_impl_k_thread_name_set(thread, name);
	user_setup(thread, options);
	arch_new_thread(thread, top, entry, p1, p2, p3);
}

static void start_locked(struct k_thread *thread)
{
	thread->base.thread_state &= ~_THREAD_PRESTART;
	z_ready_thread(thread);
}

static void delayed_start(struct _timeout *to)
{
	start_locked(CONTAINER_OF(to, struct k_thread, base.timeout));
}

static void schedule_start(struct k_thread *thread, k_timeout_t delay)
{
	unsigned int key = arch_irq_lock();

	if (K_TIMEOUT_EQ(delay, K_NO_WAIT)) {
		start_locked(thread);
		z_reschedule(key);
		return;
	}
	z_add_timeout(&thread->base.timeout, delayed_start, delay);
	arch_irq_unlock(key);
}

k_tid_t z_impl_k_thread_create(struct k_thread *new_thread, k_thread_stack_t *stack,
			size_t stack_size, k_thread_entry_t entry, void *p1, void *p2,
			void *p3, int prio, uint32_t options, k_timeout_t delay)
{
	Z_OOPS_IF(!z_is_valid_prio(prio), "k_thread_create: invalid priority %d (%d..%d)\n",
		  prio, K_HIGHEST_THREAD_PRIO, K_LOWEST_APPLICATION_THREAD_PRIO);
	Z_OOPS_IF(stack == NULL || stack_size < ARCH_STACK_GUARD_SIZE + Z_MIN_STACK_SIZE,
		  "k_thread_create: stack of %u bytes is too small\n", (unsigned int)stack_size);
	z_setup_new_thread(new_thread, stack, stack_size, entry, p1, p2, p3, prio, options,
			   NULL);
	if (!K_TIMEOUT_EQ(delay, K_FOREVER)) {
		schedule_start(new_thread, delay);
	}
	return new_thread;
}

void z_impl_k_thread_start(k_tid_t thread)
{
	unsigned int key = arch_irq_lock();

	if ((thread->base.thread_state & _THREAD_PRESTART) == 0) {
		arch_irq_unlock(key);
		return;
	}
	z_abort_timeout(&thread->base.timeout);
	start_locked(thread);
	z_reschedule(key);
}

void z_thread_init_static(void)
{
	for (const struct _static_thread_data *d = __static_thread_data_start;
	     d < __static_thread_data_end; d++) {
		z_setup_new_thread(d->init_thread, d->init_stack, d->init_stack_size,
				   d->init_entry, d->init_p1, d->init_p2, d->init_p3,
				   d->init_prio, d->init_options, d->init_name);
	}
	/* Started only once all exist, so they may refer to one another. */
	for (const struct _static_thread_data *d = __static_thread_data_start;
	     d < __static_thread_data_end; d++) {
		if (d->init_delay_ms >= 0) {
			schedule_start(d->init_thread, K_MSEC(d->init_delay_ms));
		}
	}
}

/*
 * Every thread starts here in kernel mode; a user thread comes back here
 * in U-mode (arch_user_mode_enter), where only syscalls may touch kernel
 * state, hence the user-context test first.
 */
FUNC_NORETURN void z_thread_entry(k_thread_entry_t entry, void *p1, void *p2, void *p3)
{
	if (IS_ENABLED(CONFIG_USERSPACE) && !k_is_user_context() &&
	    (_current->base.user_options & K_USER) != 0) {
		k_thread_user_mode_enter(entry, p1, p2, p3);
	}
	entry(p1, p2, p3);
	/* Returning from the entry function is a clean exit. */
	k_thread_abort(k_current_get());
	CODE_UNREACHABLE;
}

void z_impl_k_thread_abort(k_tid_t thread)
{
	unsigned int key = arch_irq_lock();

	if ((thread->base.thread_state & _THREAD_DEAD) != 0) {
		arch_irq_unlock(key);
		return;
	}
	if (z_is_thread_essential(thread)) {
		arch_irq_unlock(key);
		printk("essential thread %s aborted\n", z_thread_name_or_placeholder(thread));
		k_panic();
	}
	z_thread_abort(thread);
	if (thread == _current && !k_is_in_isr()) {
		(void)z_swap(key);
		CODE_UNREACHABLE;
	}
	z_reschedule(key);
}

/* Take a thread out of every queue and wake its joiners. Interrupts locked. */
void z_thread_abort(struct k_thread *thread)
{
	struct k_mutex *waited = thread->waiting_mutex;

	if (thread->base.pended_on != NULL) {
		z_unpend_thread_no_timeout(thread);
	}
	z_abort_timeout(&thread->base.timeout);
	thread->waiting_mutex = NULL;
	if (waited != NULL && waited->owner != NULL) {
		/* It no longer lends its priority to the mutex's owner. */
		z_mutex_prio_recompute(waited->owner);
	}
	thread->base.thread_state |= _THREAD_DEAD;
	user_release(thread);
	z_unready_thread(thread);
	(void)z_wake_all(&thread->join_queue, 0);
}

int z_impl_k_thread_join(struct k_thread *thread, k_timeout_t timeout)
{
	unsigned int key = arch_irq_lock();

	if ((thread->base.thread_state & _THREAD_DEAD) != 0) {
		arch_irq_unlock(key);
		return 0;
	}
	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT)) {
		arch_irq_unlock(key);
		return -EBUSY;
	}
	if (thread == _current || _current->base.pended_on == &thread->join_queue ||
	    thread->base.pended_on == &_current->join_queue) {
		arch_irq_unlock(key);
		return -EDEADLK;
	}
	return z_pend_curr(key, &thread->join_queue, timeout);
}

int z_impl_k_thread_name_set(k_tid_t thread, const char *str)
{
#if CONFIG_THREAD_MAX_NAME_LEN > 0
	if (thread == NULL) {
		thread = _current;
	}
	if (str == NULL) {
		thread->name[0] = '\0';
		return 0;
	}
	strncpy(thread->name, str, CONFIG_THREAD_MAX_NAME_LEN - 1);
	thread->name[CONFIG_THREAD_MAX_NAME_LEN - 1] = '\0';
	return 0;
#else
	ARG_UNUSED(thread);
	ARG_UNUSED(str);
	return -ENOSYS;
#endif /* CONFIG_THREAD_MAX_NAME_LEN */
}

const char *k_thread_name_get(k_tid_t thread)
{
#if CONFIG_THREAD_MAX_NAME_LEN > 0
	return thread->name;
#else
	ARG_UNUSED(thread);
	return NULL;
#endif /* CONFIG_THREAD_MAX_NAME_LEN */
}

const char *z_thread_name_or_placeholder(const struct k_thread *thread)
{
	const char *name = k_thread_name_get((k_tid_t)thread);

	return name != NULL && name[0] != '\0' ? name : "(unnamed)";
}

int z_impl_k_thread_stack_space_get(const struct k_thread *thread, size_t *unused_ptr)
{
	const unsigned char *p = (const unsigned char *)thread->stack_info.start;
	size_t unused = 0;

	if (!IS_ENABLED(CONFIG_INIT_STACKS)) {
		return -ENOTSUP;
	}
	/* Stacks grow down: paint left untouched at the low end is unused. */
	while (unused < thread->stack_info.size && p[unused] == STACK_PAINT) {
		unused++;
	}
	*unused_ptr = unused;
	return 0;
}
