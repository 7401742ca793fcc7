/*
 * The RISC-V exception stack frame (Zephyr's struct arch_esf): what the
 * trap entry saves. Assembly uses the offsets generated from this struct
 * (arch/riscv/core/offsets.c), never literals.
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_EXCEPTION_H_
#define VIREO_INCLUDE_ARCH_RISCV_EXCEPTION_H_

/*
 * The first part is saved on every trap (everything a C handler may
 * clobber, plus the return state). The second part is saved only when the
 * trap is an exception, so that a fault report shows every register while
 * interrupts pay nothing for it.
 */
struct arch_esf {
	unsigned long ra;
	unsigned long t0, t1, t2, t3, t4, t5, t6;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long epc;    /* mepc (sepc in S-mode): where to resume */
	unsigned long status; /* mstatus (sstatus): privilege and IE to restore */

	/* Exceptions only. */
	unsigned long s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long sp; /* value before the trap */
	unsigned long gp, tp;
	unsigned long cause, tval;
};

#endif /* VIREO_INCLUDE_ARCH_RISCV_EXCEPTION_H_ */
