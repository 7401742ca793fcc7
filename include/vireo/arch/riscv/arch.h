/*
 * RISC-V inline parts of the architecture interface (the declarations and
 * contracts are in <vireo/arch_interface.h>).
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_ARCH_H_
#define VIREO_INCLUDE_ARCH_RISCV_ARCH_H_

#include <stdbool.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/arch/riscv/exception.h>

/* The key is the old status register masked to its interrupt-enable bit. */
static ALWAYS_INLINE unsigned int arch_irq_lock(void)
{
	return (unsigned int)(csr_read_clear(CSR_XSTATUS, XSTATUS_IE) & XSTATUS_IE);
}

static ALWAYS_INLINE void arch_irq_unlock(unsigned int key)
{
	csr_set(CSR_XSTATUS, key & XSTATUS_IE);
}

static ALWAYS_INLINE bool arch_irq_unlocked(unsigned int key)
{
	return (key & XSTATUS_IE) != 0;
}

#endif /* VIREO_INCLUDE_ARCH_RISCV_ARCH_H_ */
