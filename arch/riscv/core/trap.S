/*
 * The one trap entry (xtvec, direct mode). It saves the interrupted
 * context in a struct arch_esf on the current stack, hands every decision
 * to C (z_riscv_trap_exception / z_riscv_trap_interrupt) and restores.
 *
 * Registers on entry: every general register belongs to the interrupted
 * code; only sp is used before it has been saved (to make room for the
 * frame). The frame goes on the interrupted thread's stack; xscratch is
 * not used yet (it will hold the kernel stack of a U-mode thread).
 *
 * Exceptions run their C handler on that same stack. Interrupts switch to
 * the ISR stack (_kernel.irq_stack) for the handler, keeping the frame
 * address on it, come back to the thread's stack, then call
 * z_sched_irq_exit(), which may switch to another thread: the interrupted
 * one resumes later by returning from that call into trap_exit below.
 *
 * Frame (struct arch_esf, offsets from the generated offsets.h), sp-relative:
 *   ESF_RA..ESF_A7     caller-saved registers: saved on every trap
 *   ESF_EPC/ESF_STATUS return address and status: saved on every trap
 *   ESF_S0..ESF_TVAL   callee-saved registers, sp, gp, tp, cause, tval:
 *                      saved on exceptions only, for the fault report.
 *                      C preserves s0-s11, so interrupts need not save them.
 *
 * In the C handlers: a0 = frame pointer. They may rewrite the frame's epc
 * and status (to skip an ecall, say); the exit path loads them back.
 */
#include <vireo/arch/riscv/csr.h>
#include <asm.h>
#include <offsets.h>

	.section .text.z_riscv_trap_entry, "ax"
	.globl z_riscv_trap_entry
	.balign 4
z_riscv_trap_entry:
	addi	sp, sp, -ESF_SIZE
	REG_S	ra, ESF_RA(sp)
	REG_S	t0, ESF_T0(sp)
	REG_S	t1, ESF_T1(sp)
	REG_S	t2, ESF_T2(sp)
	REG_S	t3, ESF_T3(sp)
	REG_S	t4, ESF_T4(sp)
	REG_S	t5, ESF_T5(sp)
	REG_S	t6, ESF_T6(sp)
	REG_S	a0, ESF_A0(sp)
	REG_S	a1, ESF_A1(sp)
	REG_S	a2, ESF_A2(sp)
	REG_S	a3, ESF_A3(sp)
	REG_S	a4, ESF_A4(sp)
	REG_S	a5, ESF_A5(sp)
	REG_S	a6, ESF_A6(sp)
	REG_S	a7, ESF_A7(sp)
	csrr	t0, CSR_XEPC
	csrr	t1, CSR_XSTATUS
	REG_S	t0, ESF_EPC(sp)
	REG_S	t1, ESF_STATUS(sp)

	mv	a0, sp
	csrr	t2, CSR_XCAUSE
	/* The cause's top bit tells an interrupt from an exception. */
	bltz	t2, is_interrupt

	REG_S	s0, ESF_S0(sp)
	REG_S	s1, ESF_S1(sp)
	REG_S	s2, ESF_S2(sp)
	REG_S	s3, ESF_S3(sp)
	REG_S	s4, ESF_S4(sp)
	REG_S	s5, ESF_S5(sp)
	REG_S	s6, ESF_S6(sp)
	REG_S	s7, ESF_S7(sp)
	REG_S	s8, ESF_S8(sp)
	REG_S	s9, ESF_S9(sp)
	REG_S	s10, ESF_S10(sp)
	REG_S	s11, ESF_S11(sp)
	addi	t0, sp, ESF_SIZE
	REG_S	t0, ESF_SP(sp)
	REG_S	gp, ESF_GP(sp)
	REG_S	tp, ESF_TP(sp)
	REG_S	t2, ESF_CAUSE(sp)
	csrr	t0, CSR_XTVAL
	REG_S	t0, ESF_TVAL(sp)
	call	z_riscv_trap_exception
	j	trap_exit

is_interrupt:
	/* a0 = frame, a1 = cause; count the nesting for k_is_in_isr(). */
	mv	a1, t2
	la	t0, _kernel
	lw	t1, KERNEL_NESTED(t0)
	addi	t1, t1, 1
	sw	t1, KERNEL_NESTED(t0)
	REG_L	sp, KERNEL_IRQ_STACK(t0)
	addi	sp, sp, -16
	REG_S	a0, 0(sp)
	call	z_riscv_irq_dispatch
	REG_L	sp, 0(sp)
	la	t0, _kernel
	lw	t1, KERNEL_NESTED(t0)
	addi	t1, t1, -1
	sw	t1, KERNEL_NESTED(t0)
	call	z_sched_irq_exit

trap_exit:
	REG_L	t0, ESF_EPC(sp)
	REG_L	t1, ESF_STATUS(sp)
	csrw	CSR_XEPC, t0
	csrw	CSR_XSTATUS, t1
	REG_L	ra, ESF_RA(sp)
	REG_L	t0, ESF_T0(sp)
	REG_L	t1, ESF_T1(sp)
	REG_L	t2, ESF_T2(sp)
	REG_L	t3, ESF_T3(sp)
	REG_L	t4, ESF_T4(sp)
	REG_L	t5, ESF_T5(sp)
	REG_L	t6, ESF_T6(sp)
	REG_L	a0, ESF_A0(sp)
	REG_L	a1, ESF_A1(sp)
	REG_L	a2, ESF_A2(sp)
	REG_L	a3, ESF_A3(sp)
	REG_L	a4, ESF_A4(sp)
	REG_L	a5, ESF_A5(sp)
	REG_L	a6, ESF_A6(sp)
	REG_L	a7, ESF_A7(sp)
	addi	sp, sp, ESF_SIZE
	XRET
