/*
 * Kernel objects as seen from user mode (DESIGN.md §5, Zephyr's
 * sys/kobject.h). A user thread names an object by its address; the
 * kernel accepts it only if it is a real object of the expected type
 * (O(1): objects usable from user mode live in one linker section per
 * type, so the check is a range and stride test), initialized, and the
 * thread has permission to it. Every object carries its permission bitmap,
 * indexed by thread slot, in kernel memory.
 *
 * Define user-accessible objects with the K_*_DEFINE macros; an object
 * declared any other way stays kernel-only.
 */
#ifndef VIREO_INCLUDE_KERNEL_KOBJECT_H_
#define VIREO_INCLUDE_KERNEL_KOBJECT_H_

#include <stdint.h>
#include <vireo/syscall.h>
#include <vireo/toolchain.h>

struct k_thread;

enum k_objects {
	K_OBJ_ANY,
	K_OBJ_SEM,
	K_OBJ_MUTEX,
	K_OBJ_CONDVAR,
	K_OBJ_MSGQ,
	K_OBJ_EVENT,
	K_OBJ_TIMER,
	K_OBJ_THREAD,
	K_OBJ_LAST,
};

#ifdef CONFIG_USERSPACE

#define K_OBJ_FLAG_INITIALIZED BIT(0)
#define K_OBJ_FLAG_PUBLIC BIT(1)

/* The kernel's bookkeeping of an object, its first member. */
struct z_object {
	uint32_t perms[(CONFIG_MAX_THREAD_SLOTS + 31) / 32];
	uint8_t type;
	uint8_t flags;
};

void z_object_init(struct z_object *ko, enum k_objects type);

#define Z_KOBJ_FIELD struct z_object kobj;
/* Marks an object initialized by its k_*_init() call. */
#define Z_OBJECT_INIT(obj, type) z_object_init(&(obj)->kobj, (type))
#define Z_KOBJ_INIT(t) .kobj = { .type = (t), .flags = K_OBJ_FLAG_INITIALIZED },
/* Where K_*_DEFINE puts objects of type t (a struct tag), so they are found. */
#define Z_KOBJ_SECTION(t) __section(".z_kobj_" #t)

/**
 * @brief Let @p thread use @p object from user mode.
 * No effect when either is not a kernel object.
 */
__syscall void k_object_access_grant(const void *object, struct k_thread *thread);
/** @brief Take @p thread's permission to @p object away. */
__syscall void k_object_access_revoke(const void *object, struct k_thread *thread);
/** @brief Drop the calling thread's own permission to @p object. */
__syscall void k_object_release(const void *object);
/** @brief Let every thread use @p object (cannot be undone). */
void k_object_access_all_grant(const void *object);

/**
 * @brief Allocate a kernel object of type @p otype from the dynamic pool
 * (CONFIG_DYNAMIC_OBJECTS). The caller gets permission to it; it must
 * still be initialized (k_sem_init(), ...).
 * @return the object, or NULL when the pool is empty, the type is invalid
 * or dynamic objects are not configured
 */
__syscall void *k_object_alloc(enum k_objects otype);

/**
 * @brief Return a dynamic object to the pool. Permissions on it are
 * cleared. Objects not from k_object_alloc() are ignored.
 */
void k_object_free(void *obj);

/** @brief Grant @p thread every object of the NULL-terminated list. */
#define k_thread_access_grant(thread, ...)                                  \
	do {                                                                \
		const void *z_objs_[] = { __VA_ARGS__, NULL };              \
		for (int z_i_ = 0; z_objs_[z_i_] != NULL; z_i_++) {         \
			k_object_access_grant(z_objs_[z_i_], (thread));     \
		}                                                           \
	} while (0)

#include <syscalls/kobject.h>

#else

#define Z_KOBJ_FIELD
#define Z_KOBJ_INIT(t)
#define Z_KOBJ_SECTION(t)
#define Z_OBJECT_INIT(obj, type) ((void)(obj))

static inline void k_object_access_grant(const void *object, struct k_thread *thread)
{
	(void)object;
	(void)thread;
}
static inline void k_object_access_revoke(const void *object, struct k_thread *thread)
{
	(void)object;
	(void)thread;
}
static inline void k_object_release(const void *object)
{
	(void)object;
}
static inline void k_object_access_all_grant(const void *object)
{
	(void)object;
}
static inline void *k_object_alloc(enum k_objects otype)
{
	(void)otype;
	return NULL;
}
static inline void k_object_free(void *obj)
{
	(void)obj;
}
#define k_thread_access_grant(thread, ...) ((void)(thread))

#endif /* CONFIG_USERSPACE */

#endif /* VIREO_INCLUDE_KERNEL_KOBJECT_H_ */
