/*
 * Syscall support common to every call: the bad-syscall handler, the
 * oops of a caller that failed a check, and the copies between user and
 * kernel memory (each preceded by a check against the caller's own PMP
 * image, so a user pointer can never make the kernel touch memory the
 * caller could not touch itself).
 */
#include <vireo/internal/syscall_handler.h>
#include "kernel_internal.h"

/* Per thread: syscalls run with interrupts on and may be preempted. */
void z_syscall_frame_set(void *ssf)
{
	_current->syscall_frame = ssf;
}

FUNC_NORETURN void z_syscall_oops(const char *what, const char *file, int line)
{
	printk("syscall refused: %s (%s:%d)\n", what, file, line);
	z_fatal_error(K_ERR_KERNEL_OOPS, _current->syscall_frame);
}

uintptr_t z_handler_bad_syscall(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3, uintptr_t arg4,
				uintptr_t arg5, uintptr_t arg6, void *ssf)
{
	ARG_UNUSED(arg1);
	ARG_UNUSED(arg2);
	ARG_UNUSED(arg3);
	ARG_UNUSED(arg4);
	ARG_UNUSED(arg5);
	ARG_UNUSED(arg6);
	printk("bad syscall id\n");
	z_fatal_error(K_ERR_KERNEL_OOPS, ssf);
}

int k_usermode_from_copy(void *dst, const void *src, size_t size)
{
	if (arch_buffer_validate(src, size, 0) != 0) {
		return -EFAULT;
	}
	memcpy(dst, src, size);
	return 0;
}

int k_usermode_to_copy(void *dst, const void *src, size_t size)
{
	if (arch_buffer_validate(dst, size, 1) != 0) {
		return -EFAULT;
	}
	memcpy(dst, src, size);
	return 0;
}

int k_usermode_string_copy(char *dst, const char *src, size_t maxlen)
{
	/* Byte by byte: each one is checked before it is read. */
	for (size_t i = 0; i < maxlen; i++) {
		if (arch_buffer_validate(src + i, 1, 0) != 0) {
			return -EFAULT;
		}
		dst[i] = src[i];
		if (dst[i] == '\0') {
			return 0;
		}
	}
	return -EINVAL;
}

/* The dispatch table; entries of syscalls not built alias the handler above. */
#include <syscall_dispatch.c>
