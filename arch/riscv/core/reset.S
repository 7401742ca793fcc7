/*
 * Reset entry: the first instructions after the hart leaves reset (or the
 * firmware, in S-mode). Boot only: the C start-up code does the rest.
 *
 * Registers:
 *   gp   global pointer (small data), set first: C code relies on it
 *   sp   top of the ISR stack, which doubles as the boot stack
 *   tp   start of the static TLS block (picolibc keeps errno there)
 *   t0   scratch
 * No trap can be taken before xtvec is written except by a bug; interrupts
 * stay off (xie = 0, on harts that have it) until the kernel enables them.
 * With CONFIG_RISCV_VECTORED_MTVEC xtvec gets the vector table (vectors.S)
 * in vectored mode, for harts that support no other.
 */
#include <vireo/arch/riscv/csr.h>
#include <asm.h>

	.section .text.reset, "ax"
	.globl __start
__start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

#ifdef CONFIG_RISCV_HAS_XIE
	csrw	CSR_XIE, zero
#endif /* CONFIG_RISCV_HAS_XIE */
	csrci	CSR_XSTATUS, XSTATUS_IE

#ifdef CONFIG_RISCV_S_MODE
	/* The SBI firmware passes the hart id in a0. */
	bnez	a0, park
#else
	csrr	t0, mhartid
	bnez	t0, park
#endif /* CONFIG_RISCV_S_MODE */

#ifdef CONFIG_RISCV_VECTORED_MTVEC
	la	t0, z_riscv_vector_table
	ori	t0, t0, 1
#else
	la	t0, z_riscv_trap_entry
#endif /* CONFIG_RISCV_VECTORED_MTVEC */
	csrw	CSR_XTVEC, t0

	la	sp, z_interrupt_stack
	li	t0, Z_ISR_STACK_OBJ_SIZE
	add	sp, sp, t0
	la	tp, __tls_base

	tail	z_riscv_start

	/* Harts other than 0 wait here for good: the kernel is single-hart. */
park:
	wfi
	j	park
