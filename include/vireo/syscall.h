/*
 * Syscall plumbing shared by every header that declares syscalls.
 * A declaration `__syscall int k_foo(...)` is the prototype of the inline
 * stub that scripts/gen_syscalls.py writes into build/include/generated/
 * syscalls/<header>.h: in user mode it traps with ecall, in kernel mode
 * (or without CONFIG_USERSPACE) it calls z_impl_k_foo() directly.
 */
#ifndef VIREO_INCLUDE_SYSCALL_H_
#define VIREO_INCLUDE_SYSCALL_H_

#include <stdbool.h>
#include <stdint.h>
#include <syscall_list.h>
#include <vireo/arch/riscv/syscall.h>

#define __syscall static inline

/** @brief true when the caller runs in user mode. */
static inline bool k_is_user_context(void)
{
	return arch_is_user_context();
}

/* Used by the generated stubs: must this call trap into the kernel? */
static inline bool z_syscall_trap(void)
{
	return arch_is_user_context();
}

#endif /* VIREO_INCLUDE_SYSCALL_H_ */
