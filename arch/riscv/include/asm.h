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

#endif /* VIREO_ARCH_RISCV_ASM_H_ */
