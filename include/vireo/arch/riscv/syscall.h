/*
 * The user side of a syscall (DESIGN.md §4): a7 = id, a0..a5 = arguments,
 * result in a0. Each invoke is the single ecall instruction with its
 * registers bound; the generated stubs call them.
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_SYSCALL_H_
#define VIREO_INCLUDE_ARCH_RISCV_SYSCALL_H_

#include <stdbool.h>
#include <stdint.h>

#ifdef CONFIG_USERSPACE

/* 1 in a user thread's TLS block, 0 in the kernel's: U-mode reads it via tp. */
extern __thread uint8_t z_riscv_is_user_mode;

static inline bool arch_is_user_context(void)
{
	return z_riscv_is_user_mode != 0;
}

#define Z_ECALL(...) __asm__ volatile("ecall" : "+r"(a0) : __VA_ARGS__ : "memory")

static inline uintptr_t arch_syscall_invoke6(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3,
					     uintptr_t arg4, uintptr_t arg5, uintptr_t arg6,
					     uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a1 __asm__("a1") = arg2;
	register uintptr_t a2 __asm__("a2") = arg3;
	register uintptr_t a3 __asm__("a3") = arg4;
	register uintptr_t a4 __asm__("a4") = arg5;
	register uintptr_t a5 __asm__("a5") = arg6;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke5(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3,
					     uintptr_t arg4, uintptr_t arg5, uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a1 __asm__("a1") = arg2;
	register uintptr_t a2 __asm__("a2") = arg3;
	register uintptr_t a3 __asm__("a3") = arg4;
	register uintptr_t a4 __asm__("a4") = arg5;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke4(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3,
					     uintptr_t arg4, uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a1 __asm__("a1") = arg2;
	register uintptr_t a2 __asm__("a2") = arg3;
	register uintptr_t a3 __asm__("a3") = arg4;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a1), "r"(a2), "r"(a3), "r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke3(uintptr_t arg1, uintptr_t arg2, uintptr_t arg3,
					     uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a1 __asm__("a1") = arg2;
	register uintptr_t a2 __asm__("a2") = arg3;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a1), "r"(a2), "r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke2(uintptr_t arg1, uintptr_t arg2, uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a1 __asm__("a1") = arg2;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a1), "r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke1(uintptr_t arg1, uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = arg1;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a7));
	return a0;
}

static inline uintptr_t arch_syscall_invoke0(uintptr_t call_id)
{
	register uintptr_t a0 __asm__("a0") = 0;
	register uintptr_t a7 __asm__("a7") = call_id;

	Z_ECALL("r"(a7));
	return a0;
}

#else

static inline bool arch_is_user_context(void)
{
	return false;
}

#endif /* CONFIG_USERSPACE */

#endif /* VIREO_INCLUDE_ARCH_RISCV_SYSCALL_H_ */
