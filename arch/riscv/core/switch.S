/*
 * The context switch and a new thread's first instructions. Nothing else.
 *
 * z_riscv_switch(new = a0, old = a1): called by arch_switch() (thread.c)
 * with interrupts locked, after the PMP is set for the new thread. Saves
 * the callee-saved registers (sp, ra, s0-s11) into old->arch, loads new's
 * and returns into new, where it last called z_riscv_switch (or into
 * z_riscv_thread_start for a new thread). Caller-saved registers need no
 * saving: the C caller expects them clobbered, and an interrupted thread
 * keeps them in the arch_esf on its own stack.
 * Offsets: THREAD_* from the generated offsets.h.
 */
#include <vireo/arch/riscv/csr.h>
#include <asm.h>
#include <offsets.h>

	.section .text.z_riscv_switch, "ax"
	.globl z_riscv_switch
z_riscv_switch:
	REG_S	sp, THREAD_SP(a1)
	REG_S	ra, THREAD_RA(a1)
	REG_S	s0, THREAD_S0(a1)
	REG_S	s1, THREAD_S1(a1)
	REG_S	s2, THREAD_S2(a1)
	REG_S	s3, THREAD_S3(a1)
	REG_S	s4, THREAD_S4(a1)
	REG_S	s5, THREAD_S5(a1)
	REG_S	s6, THREAD_S6(a1)
	REG_S	s7, THREAD_S7(a1)
	REG_S	s8, THREAD_S8(a1)
	REG_S	s9, THREAD_S9(a1)
	REG_S	s10, THREAD_S10(a1)
	REG_S	s11, THREAD_S11(a1)

	REG_L	sp, THREAD_SP(a0)
	REG_L	ra, THREAD_RA(a0)
	REG_L	s0, THREAD_S0(a0)
	REG_L	s1, THREAD_S1(a0)
	REG_L	s2, THREAD_S2(a0)
	REG_L	s3, THREAD_S3(a0)
	REG_L	s4, THREAD_S4(a0)
	REG_L	s5, THREAD_S5(a0)
	REG_L	s6, THREAD_S6(a0)
	REG_L	s7, THREAD_S7(a0)
	REG_L	s8, THREAD_S8(a0)
	REG_L	s9, THREAD_S9(a0)
	REG_L	s10, THREAD_S10(a0)
	REG_L	s11, THREAD_S11(a0)
	ret

/*
 * First instructions of every thread (arch_new_thread put the entry and
 * its arguments in s0-s3): enable interrupts, enter the kernel's thread
 * wrapper, which never returns.
 */
	.section .text.z_riscv_thread_start, "ax"
	.globl z_riscv_thread_start
z_riscv_thread_start:
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	mv	a3, s3
	csrsi	CSR_XSTATUS, XSTATUS_IE
	tail	z_thread_entry

#ifdef CONFIG_USERSPACE
/*
 * First instructions of a K_USER thread: the same, but interrupts stay
 * off until it is in U-mode. Its stack is writable by user threads (its
 * creator's), so no trap frame of M-mode code may ever be saved there.
 */
	.section .text.z_riscv_user_thread_start, "ax"
	.globl z_riscv_user_thread_start
z_riscv_user_thread_start:
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	mv	a3, s3
	tail	z_thread_entry
#endif /* CONFIG_USERSPACE */
