/*
 * New threads: the initial callee-saved image that makes the first
 * switch into a thread land in z_riscv_thread_start (switch.S); and the
 * switch itself, which first gives a user thread its PMP entries.
 */
#include <vireo/arch_interface.h>
#include <vireo/kernel/thread.h>

#ifdef CONFIG_PMP_STACK_GUARD
/*
 * Invariant: the frame saved when an overflow is caught fits the guard.
 * trap.S saves ESF_SIZE bytes, the struct rounded up to 16 (288 on RV64).
 */
BUILD_ASSERT(CONFIG_PMP_STACK_GUARD_SIZE > ROUND_UP(sizeof(struct arch_esf), 16),
	     "PMP_STACK_GUARD_SIZE must exceed the exception frame (see its help)");
#endif /* CONFIG_PMP_STACK_GUARD */

void z_riscv_thread_start(void);
void z_riscv_user_thread_start(void);
void z_riscv_switch(struct k_thread *new_thread, struct k_thread *old_thread);
void z_riscv_pmp_kernel_thread_load(const struct k_thread *t);

/*
 * A user thread takes its PMP entries with it: its stack, and its domain
 * unless the loaded one is the same. Kernel threads need none (M-mode
 * ignores unlocked entries), so switching to them writes nothing.
 */
void arch_switch(struct k_thread *new_thread, struct k_thread *old_thread)
{
#ifdef CONFIG_USERSPACE
	if ((new_thread->base.user_options & K_USER) != 0) {
		/*
		 * Its kernel-mode code (syscalls) must not be checked as U-mode;
		 * cleared first, since the reload itself reads kernel memory.
		 */
		csr_clear(mstatus, MSTATUS_MPRV);
		arch_mem_domain_thread_reload(new_thread);
	} else if (IS_ENABLED(CONFIG_PMP_STACK_GUARD)) {
		/*
		 * M-mode loads and stores checked as U-mode against the guard and
		 * the catch-all entry; instruction fetch is not. A trap sets MPP
		 * to M (unchecked handlers) and its mret puts U back: re-armed.
		 */
		z_riscv_pmp_kernel_thread_load(new_thread);
		csr_clear(mstatus, MSTATUS_MPP_MASK);
		csr_set(mstatus, MSTATUS_MPRV);
	}
#endif /* CONFIG_USERSPACE */
	z_riscv_switch(new_thread, old_thread);
}

void arch_new_thread(struct k_thread *thread, char *stack_top,
		     void (*entry)(void *, void *, void *), void *p1, void *p2, void *p3)
{
	struct _callee_saved *regs = &thread->arch.callee_saved;

	regs->sp = (unsigned long)stack_top;
	regs->ra = (unsigned long)z_riscv_thread_start;
#ifdef CONFIG_USERSPACE
	if ((thread->base.user_options & K_USER) != 0) {
		regs->ra = (unsigned long)z_riscv_user_thread_start;
	}
#endif /* CONFIG_USERSPACE */
	regs->s0 = (unsigned long)entry;
	regs->s1 = (unsigned long)p1;
	regs->s2 = (unsigned long)p2;
	regs->s3 = (unsigned long)p3;
#ifdef CONFIG_USERSPACE
	/* Kernel threads: the PMP entries of the stack hold its guard. */
	thread->arch.stack_pmpaddr[0] = (thread->stack_info.start - ARCH_STACK_GUARD_SIZE) >> 2;
	thread->arch.stack_pmpaddr[1] = thread->stack_info.start >> 2;
#endif /* CONFIG_USERSPACE */
}
