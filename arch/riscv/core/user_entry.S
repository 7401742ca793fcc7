/*
 * The two stack moves of entering U-mode (arch/riscv/core/userspace.c):
 *
 * z_riscv_call_on_stack(top = a0, fn = a1, arg = a2): continue on another
 *   stack (the privileged one), calling fn(arg), which never returns. The
 *   old stack, the user's, can then be wiped.
 * z_riscv_user_return(frame = a0): leave through the trap exit with a frame
 *   prepared on the privileged stack; its saved status says U-mode.
 */
	.section .text.z_riscv_call_on_stack, "ax"
	.globl z_riscv_call_on_stack
z_riscv_call_on_stack:
	mv	sp, a0
	mv	a0, a2
	jr	a1

	.section .text.z_riscv_user_return, "ax"
	.globl z_riscv_user_return
z_riscv_user_return:
	mv	sp, a0
	j	z_riscv_trap_exit
