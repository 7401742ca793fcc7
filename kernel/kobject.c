/*
 * Kernel object validation and permissions (include/vireo/kernel/kobject.h).
 *
 * Finding an object is O(1): each type's objects sit in their own linker
 * run, so "is p a k_sem" is a range test and a stride test. Each object
 * carries a permission bitmap indexed by thread slot; a thread takes a
 * slot when created and gives it back when it dies, after its bit has been
 * cleared in every object, so a reused slot starts clean.
 *
 * Invariant: every object of a run is exactly sizeof(type) from the next
 * (checked at boot: a run whose length is not a multiple stops the kernel).
 * State is changed with interrupts locked.
 */
#include <vireo/kernel.h>
#include <string.h>
#include <vireo/init.h>
#include "kernel_internal.h"

#define RUN(type, enumval)                                                  \
	extern char __z_kobj_##type##_start[], __z_kobj_##type##_end[];   \
	static const struct kobj_run run_##type = {                        \
		__z_kobj_##type##_start, __z_kobj_##type##_end,            \
		sizeof(struct type), enumval }

struct kobj_run {
	char *start;
	char *end;
	size_t size;
	enum k_objects type;
};

RUN(k_sem, K_OBJ_SEM);
RUN(k_mutex, K_OBJ_MUTEX);
RUN(k_condvar, K_OBJ_CONDVAR);
RUN(k_msgq, K_OBJ_MSGQ);
RUN(k_event, K_OBJ_EVENT);
RUN(k_timer, K_OBJ_TIMER);
RUN(k_thread, K_OBJ_THREAD);

static const struct kobj_run *const runs[K_OBJ_LAST] = {
	[K_OBJ_SEM] = &run_k_sem,         [K_OBJ_MUTEX] = &run_k_mutex,
	[K_OBJ_CONDVAR] = &run_k_condvar, [K_OBJ_MSGQ] = &run_k_msgq,
	[K_OBJ_EVENT] = &run_k_event,     [K_OBJ_TIMER] = &run_k_timer,
	[K_OBJ_THREAD] = &run_k_thread,
};

static uint32_t slots_used[(CONFIG_MAX_THREAD_SLOTS + 31) / 32];

/*
 * The dynamic pool: slots as large as the largest object; a slot holds an
 * object when its bit in pool_used is set, and then its kobj.type says
 * which (so finding one is O(1) too).
 */
union dyn_object {
	struct k_sem sem;
	struct k_mutex mutex;
	struct k_condvar condvar;
	struct k_msgq msgq;
	struct k_event event;
	struct k_timer timer;
	struct k_thread thread;
};

#ifdef CONFIG_DYNAMIC_OBJECTS
#define POOL_SIZE CONFIG_DYNAMIC_OBJECTS_POOL_SIZE
#else
#define POOL_SIZE 0
#endif /* CONFIG_DYNAMIC_OBJECTS */

static union dyn_object pool[POOL_SIZE];
static uint32_t pool_used[(POOL_SIZE + 31) / 32 + 1];

/* The pool slot holding @p obj, or -1. */
static int pool_index(const void *obj)
{
	uintptr_t a = (uintptr_t)obj;
	uintptr_t start = (uintptr_t)pool;
	size_t i;

	if (POOL_SIZE == 0 || a < start || a >= start + sizeof(pool) ||
	    (a - start) % sizeof(pool[0]) != 0) {
		return -1;
	}
	i = (a - start) / sizeof(pool[0]);
	return (pool_used[i / 32] & BIT(i % 32)) != 0 ? (int)i : -1;
}

static bool in_run(const struct kobj_run *r, const void *p)
{
	uintptr_t a = (uintptr_t)p;

	return a >= (uintptr_t)r->start && a < (uintptr_t)r->end &&
	       (a - (uintptr_t)r->start) % r->size == 0;
}

struct z_object *z_object_find(const void *obj, enum k_objects type)
{
	if (pool_index(obj) >= 0) {
		struct z_object *ko = (struct z_object *)obj;

		return type == K_OBJ_ANY || ko->type == type ? ko : NULL;
	}
	if (type != K_OBJ_ANY) {
		return type < K_OBJ_LAST && runs[type] != NULL && in_run(runs[type], obj) ?
			       (struct z_object *)obj : NULL;
	}
	for (int t = 1; t < K_OBJ_LAST; t++) {
		if (in_run(runs[t], obj)) {
			return (struct z_object *)obj;
		}
	}
	return NULL;
}

static bool has_perm(const struct z_object *ko, const struct k_thread *t)
{
	uint8_t s = t->perm_slot;

	return (ko->flags & K_OBJ_FLAG_PUBLIC) != 0 ||
	       (s < CONFIG_MAX_THREAD_SLOTS && (ko->perms[s / 32] & BIT(s % 32)) != 0);
}

int z_object_validate(const void *obj, enum k_objects type, bool must_be_init)
{
	const struct z_object *ko = z_object_find(obj, type);

	if (ko == NULL) {
		return -EBADF;
	}
	if (!has_perm(ko, _current)) {
		return -EPERM;
	}
	if (must_be_init && (ko->flags & K_OBJ_FLAG_INITIALIZED) == 0) {
		return -EINVAL;
	}
	return 0;
}

static void set_perm(struct z_object *ko, const struct k_thread *t, bool on)
{
	uint8_t s = t->perm_slot;

	if (s >= CONFIG_MAX_THREAD_SLOTS) {
		return;
	}
	if (on) {
		ko->perms[s / 32] |= BIT(s % 32);
	} else {
		ko->perms[s / 32] &= ~BIT(s % 32);
	}
}

void z_object_init(struct z_object *ko, enum k_objects type)
{
	ko->type = (uint8_t)type;
	ko->flags |= K_OBJ_FLAG_INITIALIZED;
}

void z_impl_k_object_access_grant(const void *object, struct k_thread *thread)
{
	struct z_object *ko = z_object_find(object, K_OBJ_ANY);

	if (ko != NULL) {
		set_perm(ko, thread, true);
	}
}

void z_impl_k_object_access_revoke(const void *object, struct k_thread *thread)
{
	struct z_object *ko = z_object_find(object, K_OBJ_ANY);

	if (ko != NULL) {
		set_perm(ko, thread, false);
	}
}

void z_impl_k_object_release(const void *object)
{
	z_impl_k_object_access_revoke(object, _current);
}

void k_object_access_all_grant(const void *object)
{
	struct z_object *ko = z_object_find(object, K_OBJ_ANY);

	if (ko != NULL) {
		ko->flags |= K_OBJ_FLAG_PUBLIC;
	}
}

/* Apply fn to every object of every run and of the pool. */
static void for_each_object(void (*fn)(struct z_object *ko, void *ctx), void *ctx)
{
	for (int t = 1; t < K_OBJ_LAST; t++) {
		const struct kobj_run *r = runs[t];

		for (char *p = r->start; p < r->end; p += r->size) {
			fn((struct z_object *)p, ctx);
		}
	}
	for (int i = 0; i < POOL_SIZE; i++) {
		if (pool_index(&pool[i]) >= 0) {
			fn((struct z_object *)&pool[i], ctx);
		}
	}
}

void *z_impl_k_object_alloc(enum k_objects otype)
{
	unsigned int key;

	if (otype <= K_OBJ_ANY || otype >= K_OBJ_LAST) {
		return NULL;
	}
	key = arch_irq_lock();
	for (int i = 0; i < POOL_SIZE; i++) {
		if ((pool_used[i / 32] & BIT(i % 32)) == 0) {
			struct z_object *ko = (struct z_object *)&pool[i];

			pool_used[i / 32] |= BIT(i % 32);
			memset(&pool[i], 0, sizeof(pool[i]));
			ko->type = (uint8_t)otype;
			set_perm(ko, _current, true);
			arch_irq_unlock(key);
			return ko;
		}
	}
	arch_irq_unlock(key);
	return NULL;
}

void k_object_free(void *obj)
{
	unsigned int key = arch_irq_lock();
	int i = pool_index(obj);

	if (i >= 0) {
		/* Nobody keeps a permission to a slot that will hold another object. */
		memset(&pool[i], 0, sizeof(pool[i]));
		pool_used[i / 32] &= ~BIT(i % 32);
	}
	arch_irq_unlock(key);
}

static void copy_perm(struct z_object *ko, void *ctx)
{
	struct k_thread **pair = ctx;

	if (has_perm(ko, pair[0]) && (ko->flags & K_OBJ_FLAG_PUBLIC) == 0) {
		set_perm(ko, pair[1], true);
	}
}

static void clear_perm(struct z_object *ko, void *ctx)
{
	set_perm(ko, ctx, false);
}

/* A new thread: a fresh slot, and its parent's permissions if asked. */
void z_thread_perms_setup(struct k_thread *thread, struct k_thread *parent, bool inherit)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *pair[2] = { parent, thread };

	thread->perm_slot = 0xff;
	for (unsigned int s = 0; s < CONFIG_MAX_THREAD_SLOTS; s++) {
		if ((slots_used[s / 32] & BIT(s % 32)) == 0) {
			slots_used[s / 32] |= BIT(s % 32);
			thread->perm_slot = (uint8_t)s;
			break;
		}
	}
	/* Stale bits of a slot's previous owner were cleared when it died. */
	if (inherit && parent != NULL && thread->perm_slot != 0xff) {
		for_each_object(copy_perm, pair);
	}
	z_object_init(&thread->kobj, K_OBJ_THREAD);
	set_perm(&thread->kobj, thread, true);
	if (parent != NULL) {
		set_perm(&thread->kobj, parent, true);
	}
	arch_irq_unlock(key);
}

/* A dead thread gives its slot back, clean. Interrupts locked. */
void z_thread_perms_release(struct k_thread *thread)
{
	uint8_t s = thread->perm_slot;

	if (s < CONFIG_MAX_THREAD_SLOTS) {
		for_each_object(clear_perm, thread);
		slots_used[s / 32] &= ~BIT(s % 32);
		thread->perm_slot = 0xff;
	}
}

static int kobject_runs_check(void)
{
	for (int t = 1; t < K_OBJ_LAST; t++) {
		const struct kobj_run *r = runs[t];

		/* Invariant: a run is an array of its type (see the file comment). */
		if ((size_t)(r->end - r->start) % r->size != 0) {
			printk("kobject: run of type %d is not an array\n", t);
			k_panic();
		}
	}
	return 0;
}

SYS_INIT(kobject_runs_check, PRE_KERNEL_1, 1);

#include <vireo/internal/syscall_handler.h>

/* A user thread passes on only what it holds, to threads it may name. */
static inline void z_vrfy_k_object_access_grant(const void *object, struct k_thread *thread)
{
	K_OOPS(K_SYSCALL_OBJ_INIT(object, K_OBJ_ANY));
	K_OOPS(K_SYSCALL_OBJ(thread, K_OBJ_THREAD));
	z_impl_k_object_access_grant(object, thread);
}
#include <syscalls/k_object_access_grant_mrsh.c>

static inline void z_vrfy_k_object_access_revoke(const void *object, struct k_thread *thread)
{
	K_OOPS(K_SYSCALL_OBJ_INIT(object, K_OBJ_ANY));
	K_OOPS(K_SYSCALL_OBJ(thread, K_OBJ_THREAD));
	z_impl_k_object_access_revoke(object, thread);
}
#include <syscalls/k_object_access_revoke_mrsh.c>

static inline void *z_vrfy_k_object_alloc(enum k_objects otype)
{
	/* A thread from the pool would need a stack the kernel vouches for. */
	K_OOPS(K_SYSCALL_VERIFY(otype != K_OBJ_THREAD));
	return z_impl_k_object_alloc(otype);
}
#include <syscalls/k_object_alloc_mrsh.c>

static inline void z_vrfy_k_object_release(const void *object)
{
	K_OOPS(K_SYSCALL_OBJ_INIT(object, K_OBJ_ANY));
	z_impl_k_object_release(object);
}
#include <syscalls/k_object_release_mrsh.c>
