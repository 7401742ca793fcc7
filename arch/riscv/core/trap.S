/*
 * The one trap entry (xtvec, direct mode). It saves the interrupted
 * context in a struct arch_esf, hands every decision to C and restores.
 *
 * Registers on entry: every general register belongs to the interrupted
 * code. Only sp is touched before it is saved.
 *
 * xscratch (CONFIG_USERSPACE): 0 while the hart runs kernel code; the top
 * of the running user thread's privileged stack while it runs in U-mode.
 * So the first instruction tells the two apart: a trap from U-mode swaps
 * in the privileged stack and never stores through the user's sp; gp and
 * tp get kernel values before any C code runs (user code can leave
 * anything in them); the user's gp/tp/sp are saved in the frame.
 *
 * Stacks: the frame goes on the interrupted thread's stack (its privileged
 * stack when it came from U-mode), or on the exception stack when it would
 * land in the ISR stack's guard (PMP_ISR_STACK_GUARD; xscratch holds t0
 * for that check). Exceptions run their C handler there; a kernel
 * thread's overflow into its own guard (PMP_STACK_GUARD) is reported from
 * the ISR stack.
 * Interrupts switch to the ISR stack (_kernel.irq_stack) for the handler,
 * come back, then call z_sched_irq_exit(), which may switch threads: the
 * interrupted thread resumes later by returning from that call.
 *
 * Frame (struct arch_esf, offsets from the generated offsets.h):
 *   ESF_RA..ESF_A7, ESF_EPC, ESF_STATUS  saved on every trap
 *   ESF_GP, ESF_TP, ESF_SP               saved on traps from U-mode and on
 *                                        exceptions
 *   ESF_S0..ESF_S11, ESF_CAUSE, ESF_TVAL on exceptions only, for the
 *                                        fault report (C keeps s0-s11);
 *                                        ESF_CAUSE on ecalls too
 * C handlers get a0 = frame; they may rewrite its epc (to skip an ecall)
 * and a0 (a syscall's result); the exit path loads them back.
 */
#include <vireo/arch/riscv/csr.h>
#include <asm.h>
#include <offsets.h>

#define CAUSE_ECALL_U 8

.macro RESTORE_CALLER_SAVED
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
.endm

	.section .text.z_riscv_trap_entry, "ax"
	.globl z_riscv_trap_entry
	.balign 4
z_riscv_trap_entry:
#ifdef CONFIG_USERSPACE
	csrrw	sp, CSR_XSCRATCH, sp
	bnez	sp, from_user
	/* From kernel code: put sp back (xscratch is 0 again). */
	csrrw	sp, CSR_XSCRATCH, sp
#ifdef CONFIG_PMP_ISR_STACK_GUARD
	/*
	 * A frame saved this close to the ISR stack's guard would fault in it
	 * (the guard entry is locked: it binds M-mode) and trap again without
	 * end: take this trap on the exception stack. xscratch holds t0 for
	 * two instructions, then is 0 again.
	 */
	csrw	CSR_XSCRATCH, t0
	la	t0, z_interrupt_stack
	bltu	sp, t0, 4f
	la	t0, z_interrupt_stack + Z_ISR_STACK_GUARD_SIZE + ESF_SIZE
	bgeu	sp, t0, 4f
	la	sp, z_riscv_exception_stack + Z_EXCEPTION_STACK_SIZE
4:	csrr	t0, CSR_XSCRATCH
	csrw	CSR_XSCRATCH, zero
#endif /* CONFIG_PMP_ISR_STACK_GUARD */
#endif /* CONFIG_USERSPACE */
	addi	sp, sp, -ESF_SIZE
	jal	zero, save_caller_saved

#ifdef CONFIG_USERSPACE
from_user:
	/* sp = privileged stack top, xscratch = user sp. */
	addi	sp, sp, -ESF_SIZE
	REG_S	gp, ESF_GP(sp)
	REG_S	tp, ESF_TP(sp)
	REG_S	t0, ESF_T0(sp)
	csrrw	t0, CSR_XSCRATCH, zero
	REG_S	t0, ESF_SP(sp)
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	tp, __tls_base
	REG_L	t0, ESF_T0(sp)
#endif /* CONFIG_USERSPACE */

save_caller_saved:
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

	csrr	t2, CSR_XCAUSE
	/* The cause's top bit tells an interrupt from an exception. */
	bltz	t2, is_interrupt
#ifdef CONFIG_USERSPACE
	li	t0, CAUSE_ECALL_U
	beq	t2, t0, is_syscall
#endif /* CONFIG_USERSPACE */

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
	REG_S	t2, ESF_CAUSE(sp)
	csrr	t0, CSR_XTVAL
	REG_S	t0, ESF_TVAL(sp)
	/* From U-mode, sp/gp/tp are already in the frame (the user's). */
	srli	t0, t1, XSTATUS_PP_SHIFT
	andi	t0, t0, XSTATUS_PP_BITS
	beqz	t0, 1f
	addi	t0, sp, ESF_SIZE
	REG_S	t0, ESF_SP(sp)
	REG_S	gp, ESF_GP(sp)
	REG_S	tp, ESF_TP(sp)
1:
	mv	a0, sp
#ifdef CONFIG_PMP_STACK_GUARD
	/*
	 * A kernel thread (MPRV set) whose load or store hit its stack
	 * guard: its stack is spent, so the report runs on the ISR stack.
	 */
	li	t0, MSTATUS_MPRV
	and	t0, t1, t0
	beqz	t0, 3f
	addi	t0, t2, -5
	beqz	t0, 2f
	addi	t0, t2, -7
	bnez	t0, 3f
2:	csrr	t0, CSR_XTVAL
	srli	t0, t0, 2
	la	t3, _kernel
	REG_L	t3, KERNEL_CURRENT(t3)
	REG_L	t4, THREAD_STACK_PMPADDR0(t3)
	bltu	t0, t4, 3f
	REG_L	t4, THREAD_STACK_PMPADDR1(t3)
	bgeu	t0, t4, 3f
	la	t3, _kernel
	REG_L	sp, KERNEL_IRQ_STACK(t3)
3:
#endif /* CONFIG_PMP_STACK_GUARD */
	call	z_riscv_trap_exception
	j	trap_exit

#ifdef CONFIG_USERSPACE
is_syscall:
	/*
	 * a7 = id (compared unsigned in C), a0..a5 = arguments. The cause is
	 * kept for an oops report; s0-s11 are not saved on this path.
	 */
	REG_S	t2, ESF_CAUSE(sp)
	mv	a0, sp
	call	z_riscv_syscall
	j	trap_exit
#endif /* CONFIG_USERSPACE */

is_interrupt:
	/* a0 = frame, a1 = cause; count the nesting for k_is_in_isr(). */
	mv	a0, sp
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

	.globl z_riscv_trap_exit
z_riscv_trap_exit:
trap_exit:
	REG_L	t0, ESF_EPC(sp)
	REG_L	t1, ESF_STATUS(sp)
	csrw	CSR_XEPC, t0
	csrw	CSR_XSTATUS, t1
#ifdef CONFIG_USERSPACE
	/*
	 * Back to U-mode when the saved MPP (SPP) says so; the frame holding it is
	 * on the privileged stack, out of the user's reach.
	 */
	srli	t0, t1, XSTATUS_PP_SHIFT
	andi	t0, t0, XSTATUS_PP_BITS
	bnez	t0, return_to_kernel
	addi	t0, sp, ESF_SIZE
	csrw	CSR_XSCRATCH, t0
	REG_L	gp, ESF_GP(sp)
	REG_L	tp, ESF_TP(sp)
	RESTORE_CALLER_SAVED
	REG_L	sp, ESF_SP(sp)
	XRET
return_to_kernel:
#endif /* CONFIG_USERSPACE */
	RESTORE_CALLER_SAVED
	addi	sp, sp, ESF_SIZE
	XRET
