/*
 * Thread objects and stacks (Zephyr's kernel/thread.h and
 * kernel/thread_stack.h). The fields are the kernel's; applications only
 * allocate struct k_thread and pass it to k_thread_create().
 */
#ifndef VIREO_INCLUDE_KERNEL_THREAD_H_
#define VIREO_INCLUDE_KERNEL_THREAD_H_

#include <stddef.h>
#include <stdint.h>
#include <vireo/arch/riscv/thread.h>
#include <vireo/kernel/kobject.h>
#include <vireo/sys/dlist.h>
#include <vireo/sys/timeout_q.h>
#include <vireo/sys/util.h>
#include <vireo/toolchain.h>

struct k_thread;
typedef struct k_thread *k_tid_t;
typedef void (*k_thread_entry_t)(void *p1, void *p2, void *p3);

/** A queue of threads waiting for an object, in priority order. */
typedef struct {
	sys_dlist_t waitq;
} _wait_q_t;

#define Z_WAIT_Q_INIT(wq) { SYS_DLIST_STATIC_INIT(&(wq)->waitq) }

/** A pending timeout: a node of the kernel's deadline tree. */
struct _timeout {
	struct z_tq_node node;
	void (*fn)(struct _timeout *t);
};

struct _thread_base {
	/* Link in the ready queue or in the wait queue of pended_on. */
	sys_dnode_t qnode;
	_wait_q_t *pended_on;
	uint8_t user_options;  /* K_ESSENTIAL, K_USER, ... */
	uint8_t thread_state;  /* _THREAD_* bits, kernel/include/ksched.h */
	int8_t prio;
	uint8_t sched_locked;  /* k_sched_lock() depth */
	struct _timeout timeout;
};

struct _thread_stack_info {
	uintptr_t start;
	size_t size;
};

struct k_thread {
	Z_KOBJ_FIELD
	struct _thread_base base;
	struct _thread_arch arch;
	/* Value returned by the z_swap() that put this thread to sleep. */
	int swap_retval;
	/* Object handed over with the wake-up (message, mutex, ...). */
	void *swap_data;
	k_thread_entry_t entry;
	void *p1, *p2, *p3;
	struct _thread_stack_info stack_info;
	/* Threads in k_thread_join() on this one. */
	_wait_q_t join_queue;
	/* Mutexes this thread owns; their waiters lend it their priority. */
	sys_dlist_t held_mutexes;
	/* The mutex this thread waits for, if any (to pass priority along). */
	struct k_mutex *waiting_mutex;
	/* Priority without inheritance (k_thread_priority_set sets it). */
	int8_t base_prio;
	uint32_t events; /* k_event_wait: what the thread waits for, then got */
#ifdef CONFIG_USERSPACE
	/* The memory domain whose partitions the PMP holds while this runs. */
	struct k_mem_domain *mem_domain;
	sys_dnode_t mem_domain_node;
	/* Index into every object's permission bitmap (0xff: none). */
	uint8_t perm_slot;
	/* Frame of the syscall this thread is in (for an oops report). */
	void *syscall_frame;
#endif /* CONFIG_USERSPACE */
#if CONFIG_THREAD_MAX_NAME_LEN > 0
	char name[CONFIG_THREAD_MAX_NAME_LEN];
#endif /* CONFIG_THREAD_MAX_NAME_LEN */
};

/* Thread options (Zephyr's values). */
#define K_ESSENTIAL BIT(0)
#define K_FP_REGS BIT(1)
#define K_USER BIT(2)
#define K_INHERIT_PERMS BIT(3)

/* Stacks. Aligned for the stack pointer; placed in .noinit (not zeroed). */
struct z_thread_stack_element {
	char data;
};
typedef struct z_thread_stack_element k_thread_stack_t;

#define Z_STACK_LEN(size) (ROUND_UP(size, ARCH_STACK_PTR_ALIGN) + ARCH_STACK_GUARD_SIZE)

#define K_KERNEL_STACK_DEFINE(sym, size)                                     \
	struct z_thread_stack_element __noinit __aligned(ARCH_STACK_PTR_ALIGN) \
		sym[Z_STACK_LEN(size)]
#define K_KERNEL_STACK_ARRAY_DEFINE(sym, nmemb, size)                        \
	struct z_thread_stack_element __noinit __aligned(ARCH_STACK_PTR_ALIGN) \
		sym[nmemb][Z_STACK_LEN(size)]
#define K_KERNEL_STACK_SIZEOF(sym) sizeof(sym)
#define K_THREAD_STACK_DEFINE(sym, size) K_KERNEL_STACK_DEFINE(sym, size)
#define K_THREAD_STACK_ARRAY_DEFINE(sym, nmemb, size) \
	K_KERNEL_STACK_ARRAY_DEFINE(sym, nmemb, size)
#define K_THREAD_STACK_SIZEOF(sym) sizeof(sym)
#define K_THREAD_STACK_LEN(size) Z_STACK_LEN(size)
#define K_KERNEL_STACK_EXTERN(sym) extern k_thread_stack_t sym[]
#define K_THREAD_STACK_EXTERN(sym) extern k_thread_stack_t sym[]

/** Static thread description, collected by the linker for K_THREAD_DEFINE. */
struct _static_thread_data {
	struct k_thread *init_thread;
	k_thread_stack_t *init_stack;
	size_t init_stack_size;
	k_thread_entry_t init_entry;
	void *init_p1, *init_p2, *init_p3;
	int init_prio;
	uint32_t init_options;
	int32_t init_delay_ms;
	const char *init_name;
};

#endif /* VIREO_INCLUDE_KERNEL_THREAD_H_ */
