/*
 * Kernel side of syscalls (Zephyr's internal/syscall_handler.h): the
 * checks every z_vrfy_<name>() makes before calling z_impl_<name>(), and
 * the helpers the generated marshallers use.
 *
 * A failed check oopses the calling thread only: the report names the
 * check, then the thread is aborted and the system goes on.
 * Included by kernel .c files only, after <vireo/kernel.h>.
 */
#ifndef VIREO_INCLUDE_INTERNAL_SYSCALL_HANDLER_H_
#define VIREO_INCLUDE_INTERNAL_SYSCALL_HANDLER_H_

#ifdef CONFIG_USERSPACE

#include <stdint.h>
#include <string.h>
#include <vireo/arch_interface.h>
#include <vireo/kernel.h>
#include <syscall_list.h>

/* The frame of the syscall being served (for the oops report). */
void z_syscall_frame_set(void *ssf);
FUNC_NORETURN void z_syscall_oops(const char *what, const char *file, int line);

struct z_object *z_object_find(const void *obj, enum k_objects type);
int z_object_validate(const void *obj, enum k_objects type, bool must_be_init);
void z_object_init(struct z_object *ko, enum k_objects type);

uintptr_t z_handler_bad_syscall(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3, uintptr_t arg4,
				uintptr_t arg5, uintptr_t arg6, void *ssf);

/** @brief Oops the caller when @p expr is true (non-zero). */
#define K_OOPS(expr)                                                 \
	do {                                                         \
		if (unlikely(expr)) {                                \
			z_syscall_oops(#expr, __FILE__, __LINE__);   \
		}                                                    \
	} while (0)

/** @brief Non-zero (and reported) when @p expr is false. */
#define K_SYSCALL_VERIFY_MSG(expr, ...) \
	(!(expr) ? (printk("syscall check failed: " __VA_ARGS__), printk("\n"), 1) : 0)
#define K_SYSCALL_VERIFY(expr) K_SYSCALL_VERIFY_MSG(expr, "%s", #expr)

/** @brief Non-zero unless the caller may read [ptr, ptr + size). */
#define K_SYSCALL_MEMORY_READ(ptr, size) \
	K_SYSCALL_VERIFY_MSG(arch_buffer_validate((const void *)(ptr), (size), 0) == 0, \
			     "%p (%u bytes) is not readable by the caller", (void *)(ptr),     \
			     (unsigned int)(size))
/** @brief Non-zero unless the caller may write [ptr, ptr + size). */
#define K_SYSCALL_MEMORY_WRITE(ptr, size) \
	K_SYSCALL_VERIFY_MSG(arch_buffer_validate((const void *)(ptr), (size), 1) == 0, \
			     "%p (%u bytes) is not writable by the caller", (void *)(ptr),     \
			     (unsigned int)(size))
/** @brief Non-zero unless @p ptr is an initialized @p type the caller may use. */
#define K_SYSCALL_OBJ(ptr, type) \
	K_SYSCALL_VERIFY_MSG(z_object_validate((ptr), (type), true) == 0, \
			     "%p is not a " #type " the caller may use", (const void *)(ptr))
/** @brief As K_SYSCALL_OBJ, for objects the call itself initializes. */
#define K_SYSCALL_OBJ_INIT(ptr, type) \
	K_SYSCALL_VERIFY_MSG(z_object_validate((ptr), (type), false) == 0, \
			     "%p is not a " #type " the caller may use", (const void *)(ptr))

/**
 * @brief Copy from user memory after checking it is readable by the caller.
 * @retval 0 copied
 * @retval -EFAULT not readable (nothing copied)
 */
int k_usermode_from_copy(void *dst, const void *src, size_t size);
/** @brief Copy to user memory after checking it is writable (0 or -EFAULT). */
int k_usermode_to_copy(void *dst, const void *src, size_t size);
/**
 * @brief Copy a NUL-terminated user string of at most @p maxlen bytes
 * (including the NUL). @retval 0, -EFAULT (unreadable) or -EINVAL (too long)
 */
int k_usermode_string_copy(char *dst, const char *src, size_t maxlen);

/* Used by the generated marshallers. */
#define K_SYSCALL_COPY_MORE(dst, src, size, ssf) \
	K_OOPS(k_usermode_from_copy((dst), (src), (size)) != 0)
#define K_SYSCALL_STORE_RET64(dst, src, size, ssf) \
	K_OOPS(k_usermode_to_copy((dst), (src), (size)) != 0)

#endif /* CONFIG_USERSPACE */

#endif /* VIREO_INCLUDE_INTERNAL_SYSCALL_HANDLER_H_ */
