/*
 * C side of the trap entry for exceptions (trap.S): runs on the stack the
 * trap was taken on, interrupts locked. Nothing raises an exception on
 * purpose yet (user mode and its ecall come later), so every exception is
 * a fault: the kernel's fatal path reports it and stops the thread or the
 * system.
 */
#include <vireo/fatal.h>
#include <vireo/arch/riscv/exception.h>

void z_riscv_trap_exception(struct arch_esf *esf);

void z_riscv_trap_exception(struct arch_esf *esf)
{
	z_fatal_error(K_ERR_CPU_EXCEPTION, esf);
}
