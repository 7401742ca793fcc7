/*
 * Width-neutral assembly helpers (private to arch/riscv): one source builds
 * for RV32 and RV64.
 */
#ifndef VIREO_ARCH_RISCV_ASM_H_
#define VIREO_ARCH_RISCV_ASM_H_

#if __riscv_xlen == 64
#define REG_L ld
#define REG_S sd
#define RV_REGSIZE 8
#else
#define REG_L lw
#define REG_S sw
#define RV_REGSIZE 4
#endif

/*
 * The ISR stack: a guard of PMP_STACK_GUARD_SIZE bytes at its bottom with
 * PMP_ISR_STACK_GUARD (NAPOT: aligned to its power-of-two size), then
 * ISR_STACK_SIZE bytes; reset.S boots on it too.
 */
#ifdef CONFIG_PMP_ISR_STACK_GUARD
#define Z_ISR_STACK_GUARD_SIZE CONFIG_PMP_STACK_GUARD_SIZE
#else
#define Z_ISR_STACK_GUARD_SIZE 0
#endif /* CONFIG_PMP_ISR_STACK_GUARD */
#define Z_ISR_STACK_OBJ_SIZE (Z_ISR_STACK_GUARD_SIZE + CONFIG_ISR_STACK_SIZE)

/* Where a fault runs when the ISR stack is spent (trap.S). */
#define Z_EXCEPTION_STACK_SIZE 1024

#endif /* VIREO_ARCH_RISCV_ASM_H_ */
