/*
 * Source of the generated offsets.h: compiled to assembly only, never
 * linked. Each OFFSET() leaves a "->NAME value" marker in the assembly that
 * scripts/gen_offsets.py turns into a #define, so the trap code's frame
 * offsets always match the C structs.
 */
#include <stddef.h>
#include <vireo/arch/riscv/exception.h>
#include "kernel_internal.h"

#define EMIT(name, value) \
	__asm__ volatile("\n->" #name " %0\n" ::"i"(value))
#define OFFSET(name, type, field) EMIT(name, offsetof(struct type, field))

/* Frame size rounded up to 16 bytes: the psABI's stack alignment. */
#define ESF_SIZE_ALIGNED ((sizeof(struct arch_esf) + 15) & ~(size_t)15)

void z_offsets(void);
void z_offsets(void)
{
	OFFSET(ESF_RA, arch_esf, ra);
	OFFSET(ESF_T0, arch_esf, t0);
	OFFSET(ESF_T1, arch_esf, t1);
	OFFSET(ESF_T2, arch_esf, t2);
	OFFSET(ESF_T3, arch_esf, t3);
	OFFSET(ESF_T4, arch_esf, t4);
	OFFSET(ESF_T5, arch_esf, t5);
	OFFSET(ESF_T6, arch_esf, t6);
	OFFSET(ESF_A0, arch_esf, a0);
	OFFSET(ESF_A1, arch_esf, a1);
	OFFSET(ESF_A2, arch_esf, a2);
	OFFSET(ESF_A3, arch_esf, a3);
	OFFSET(ESF_A4, arch_esf, a4);
	OFFSET(ESF_A5, arch_esf, a5);
	OFFSET(ESF_A6, arch_esf, a6);
	OFFSET(ESF_A7, arch_esf, a7);
	OFFSET(ESF_EPC, arch_esf, epc);
	OFFSET(ESF_STATUS, arch_esf, status);
	OFFSET(ESF_S0, arch_esf, s0);
	OFFSET(ESF_S1, arch_esf, s1);
	OFFSET(ESF_S2, arch_esf, s2);
	OFFSET(ESF_S3, arch_esf, s3);
	OFFSET(ESF_S4, arch_esf, s4);
	OFFSET(ESF_S5, arch_esf, s5);
	OFFSET(ESF_S6, arch_esf, s6);
	OFFSET(ESF_S7, arch_esf, s7);
	OFFSET(ESF_S8, arch_esf, s8);
	OFFSET(ESF_S9, arch_esf, s9);
	OFFSET(ESF_S10, arch_esf, s10);
	OFFSET(ESF_S11, arch_esf, s11);
	OFFSET(ESF_SP, arch_esf, sp);
	OFFSET(ESF_GP, arch_esf, gp);
	OFFSET(ESF_TP, arch_esf, tp);
	OFFSET(ESF_CAUSE, arch_esf, cause);
	OFFSET(ESF_TVAL, arch_esf, tval);
	EMIT(ESF_SIZE, ESF_SIZE_ALIGNED);

#define CALLEE(name, field) OFFSET(name, k_thread, arch.callee_saved.field)
	CALLEE(THREAD_SP, sp);
	CALLEE(THREAD_RA, ra);
	CALLEE(THREAD_S0, s0);
	CALLEE(THREAD_S1, s1);
	CALLEE(THREAD_S2, s2);
	CALLEE(THREAD_S3, s3);
	CALLEE(THREAD_S4, s4);
	CALLEE(THREAD_S5, s5);
	CALLEE(THREAD_S6, s6);
	CALLEE(THREAD_S7, s7);
	CALLEE(THREAD_S8, s8);
	CALLEE(THREAD_S9, s9);
	CALLEE(THREAD_S10, s10);
	CALLEE(THREAD_S11, s11);

	OFFSET(KERNEL_CURRENT, z_kernel, current);
	OFFSET(KERNEL_NESTED, z_kernel, nested);
	OFFSET(KERNEL_IRQ_STACK, z_kernel, irq_stack);
#ifdef CONFIG_USERSPACE
	OFFSET(THREAD_STACK_PMPADDR0, k_thread, arch.stack_pmpaddr[0]);
	OFFSET(THREAD_STACK_PMPADDR1, k_thread, arch.stack_pmpaddr[1]);
#endif /* CONFIG_USERSPACE */
}
