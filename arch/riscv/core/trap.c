/*
 * C side of the trap entry (trap.S): every decision about a trap is made
 * here. Runs with interrupts off, on the stack the trap was taken on.
 *
 * Nothing raises an exception on purpose yet, so every exception is fatal;
 * no interrupt source is enabled yet, so any interrupt is unexpected and
 * reported as such rather than ignored.
 */
#include <vireo/fatal.h>
#include <vireo/arch/riscv/exception.h>

void z_riscv_trap_exception(struct arch_esf *esf);
void z_riscv_trap_interrupt(struct arch_esf *esf);

void z_riscv_trap_exception(struct arch_esf *esf)
{
	z_fatal_error(K_ERR_CPU_EXCEPTION, esf);
}

void z_riscv_trap_interrupt(struct arch_esf *esf)
{
	z_fatal_error(K_ERR_SPURIOUS_IRQ, esf);
}
