/*
 * C side of the trap entry for exceptions (trap.S): runs on the stack the
 * trap was taken on, interrupts locked. Nothing raises an exception on
 * purpose yet (user mode and its ecall come later), so every exception is
 * a fault: the kernel's fatal path reports it and stops the thread or the
 * system.
 */
#include <vireo/kernel.h>
#include <vireo/fatal.h>
#include <vireo/arch/riscv/exception.h>

void z_riscv_trap_exception(struct arch_esf *esf);

/* A load or store of a guarded kernel thread that landed in its guard. */
static bool hit_stack_guard(const struct arch_esf *esf)
{
#ifdef CONFIG_PMP_STACK_GUARD
	const struct k_thread *t = k_current_get();
	unsigned long addr = esf->tval >> 2;

	return (esf->status & MSTATUS_MPRV) != 0 && (esf->cause == 5 || esf->cause == 7) &&
	       addr >= t->arch.stack_pmpaddr[0] && addr < t->arch.stack_pmpaddr[1];
#else
	ARG_UNUSED(esf);
	return false;
#endif /* CONFIG_PMP_STACK_GUARD */
}

/* A load or store that landed in the ISR stack's guard. */
static bool hit_isr_stack_guard(const struct arch_esf *esf)
{
#ifdef CONFIG_PMP_ISR_STACK_GUARD
	extern char z_interrupt_stack[];
	uintptr_t a = esf->tval;

	return (esf->cause == 5 || esf->cause == 7) && a >= (uintptr_t)z_interrupt_stack &&
	       a < (uintptr_t)z_interrupt_stack + CONFIG_PMP_STACK_GUARD_SIZE;
#else
	ARG_UNUSED(esf);
	return false;
#endif /* CONFIG_PMP_ISR_STACK_GUARD */
}

void z_riscv_trap_exception(struct arch_esf *esf)
{
	if (hit_isr_stack_guard(esf)) {
		printk("ISR stack overflow: 0x%lx is in the ISR stack's guard\n", esf->tval);
		z_fatal_error(K_ERR_STACK_CHK_FAIL, esf);
	}
	if (hit_stack_guard(esf)) {
		printk("stack overflow: 0x%lx is in the stack guard of thread %p\n", esf->tval,
		       (void *)k_current_get());
		z_fatal_error(K_ERR_STACK_CHK_FAIL, esf);
	}
	z_fatal_error(K_ERR_CPU_EXCEPTION, esf);
}
