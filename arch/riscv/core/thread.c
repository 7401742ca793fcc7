/*
 * New threads: the initial callee-saved image that makes the first
 * arch_switch() into a thread land in z_riscv_thread_start (switch.S).
 */
#include <vireo/arch_interface.h>
#include <vireo/kernel/thread.h>

void z_riscv_thread_start(void);

void arch_new_thread(struct k_thread *thread, char *stack_top,
		     void (*entry)(void *, void *, void *), void *p1, void *p2, void *p3)
{
	struct _callee_saved *regs = &thread->arch.callee_saved;

	regs->sp = (unsigned long)stack_top;
	regs->ra = (unsigned long)z_riscv_thread_start;
	regs->s0 = (unsigned long)entry;
	regs->s1 = (unsigned long)p1;
	regs->s2 = (unsigned long)p2;
	regs->s3 = (unsigned long)p3;
}
