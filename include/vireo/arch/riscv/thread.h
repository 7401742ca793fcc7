/*
 * RISC-V per-thread state kept by the context switch: the registers a C
 * function must preserve. Everything else of a switched-out thread is on
 * its stack (in an arch_esf when it was interrupted).
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_THREAD_H_
#define VIREO_INCLUDE_ARCH_RISCV_THREAD_H_

struct _callee_saved {
	unsigned long sp;
	unsigned long ra;
	unsigned long s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
};

struct _thread_arch {
	struct _callee_saved callee_saved;
#ifdef CONFIG_USERSPACE
	/* Top of the privileged stack; 0 for a thread that never left M-mode. */
	unsigned long priv_stack_top;
	/*
	 * pmpaddr values of the stack entries (TOR bottom and top): the
	 * user stack of a user thread, the guard of a kernel thread.
	 */
	unsigned long stack_pmpaddr[2];
#endif /* CONFIG_USERSPACE */
};

/* Stacks: the psABI wants 16-byte alignment of sp. */
#define ARCH_STACK_PTR_ALIGN 16

/* Bytes below every stack that only a PMP stack guard uses. */
#ifdef CONFIG_PMP_STACK_GUARD
#define ARCH_STACK_GUARD_SIZE CONFIG_PMP_STACK_GUARD_SIZE
#else
#define ARCH_STACK_GUARD_SIZE 0
#endif /* CONFIG_PMP_STACK_GUARD */

#endif /* VIREO_INCLUDE_ARCH_RISCV_THREAD_H_ */
