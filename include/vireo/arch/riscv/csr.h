/*
 * CSR access and the privilege-level choice (DESIGN.md §4): the trap CSRs
 * are named CSR_X* and resolve to the machine-mode or supervisor-mode
 * register by one build-time choice, so trap and switch code is written
 * once for both. Usable from C and from assembly.
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_CSR_H_
#define VIREO_INCLUDE_ARCH_RISCV_CSR_H_

/* Constants usable by both the assembler (no UL suffix) and C. */
#ifdef __ASSEMBLER__
#define Z_UL(x) x
#else
#define Z_UL(x) x##UL
#endif /* __ASSEMBLER__ */

#ifdef CONFIG_RISCV_S_MODE
#define CSR_XSTATUS sstatus
#define CSR_XEPC sepc
#define CSR_XCAUSE scause
#define CSR_XTVAL stval
#define CSR_XIE sie
#define CSR_XIP sip
#define CSR_XTVEC stvec
#define CSR_XSCRATCH sscratch
#define XRET sret
#define XSTATUS_IE (Z_UL(1) << 1)   /* sstatus.SIE */
#define XSTATUS_PIE (Z_UL(1) << 5)  /* sstatus.SPIE */
/* sstatus.SPP: the privilege a trap came from, one bit (0 = U, 1 = S). */
#define XSTATUS_PP_SHIFT 8
#define XSTATUS_PP_BITS 1
#define XPRIV_NAME "S"
#define XCSR_PREFIX "s"
#else
#define CSR_XSTATUS mstatus
#define CSR_XEPC mepc
#define CSR_XCAUSE mcause
#define CSR_XTVAL mtval
#define CSR_XIE mie
#define CSR_XIP mip
#define CSR_XTVEC mtvec
#define CSR_XSCRATCH mscratch
#define XRET mret
#define XSTATUS_IE (Z_UL(1) << 3)   /* mstatus.MIE */
#define XSTATUS_PIE (Z_UL(1) << 7)  /* mstatus.MPIE */
/* mstatus.MPP: the privilege a trap came from, two bits (0 = U, 3 = M). */
#define XSTATUS_PP_SHIFT 11
#define XSTATUS_PP_BITS 3
#define XPRIV_NAME "M"
#define XCSR_PREFIX "m"
#endif /* CONFIG_RISCV_S_MODE */

/* Nonzero previous privilege: the trap came from the kernel, not from U-mode. */
#define XSTATUS_PP_MASK ((unsigned long)XSTATUS_PP_BITS << XSTATUS_PP_SHIFT)

/* Interrupt bits of sie/sip (S-mode): software, timer, external. */
#define SIP_SSIP (Z_UL(1) << 1)
#define SIP_STIP (Z_UL(1) << 5)
#define SIP_SEIP (Z_UL(1) << 9)

/* The user-level counter: readable in every mode (mcounteren/scounteren.CY). */
#define Z_CYCLE_CSR cycle
#define Z_CYCLEH_CSR cycleh

#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP_MASK (Z_UL(3) << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPRV (Z_UL(1) << 17)
#define MSTATUS_TW (Z_UL(1) << 21)

#ifndef __ASSEMBLER__

#include <stdint.h>

#define Z_CSR_STR(x) #x
#define Z_CSR_NAME(x) Z_CSR_STR(x)

#define csr_read(csr)                                                     \
	({                                                                \
		unsigned long v__;                                        \
		__asm__ volatile("csrr %0, " Z_CSR_NAME(csr) : "=r"(v__)); \
		v__;                                                      \
	})

#define csr_write(csr, val)                                                 \
	__asm__ volatile("csrw " Z_CSR_NAME(csr) ", %0"                    \
			 :: "rK"((unsigned long)(val)) : "memory")

/* Read-and-clear: returns the old value (csrrc). */
#define csr_read_clear(csr, bits)                                           \
	({                                                                  \
		unsigned long v__;                                          \
		__asm__ volatile("csrrc %0, " Z_CSR_NAME(csr) ", %1"       \
				 : "=r"(v__) : "rK"((unsigned long)(bits))  \
				 : "memory");                               \
		v__;                                                        \
	})

/*
 * A 64-bit counter CSR (cycle, time, ...) read whole: one read on RV64; on
 * RV32 the halves, the high one read again until it did not change, so a
 * carry between the two reads cannot tear the value.
 */
#if __riscv_xlen == 64
#define csr_read64(csr, csrh) ((uint64_t)csr_read(csr))
#else
#define csr_read64(csr, csrh)                                               \
	({                                                                  \
		uint32_t hi__, lo__;                                        \
		do {                                                        \
			hi__ = (uint32_t)csr_read(csrh);                    \
			lo__ = (uint32_t)csr_read(csr);                     \
		} while (hi__ != (uint32_t)csr_read(csrh));                 \
		((uint64_t)hi__ << 32) | lo__;                              \
	})
#endif /* __riscv_xlen == 64 */

#define csr_set(csr, bits)                                                  \
	__asm__ volatile("csrs " Z_CSR_NAME(csr) ", %0"                    \
			 :: "rK"((unsigned long)(bits)) : "memory")

#define csr_clear(csr, bits)                                                \
	__asm__ volatile("csrc " Z_CSR_NAME(csr) ", %0"                    \
			 :: "rK"((unsigned long)(bits)) : "memory")

#endif /* !__ASSEMBLER__ */

#endif /* VIREO_INCLUDE_ARCH_RISCV_CSR_H_ */
