/*
 * RISC-V inline parts of the architecture interface (the declarations and
 * contracts are in <vireo/arch_interface.h>).
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_ARCH_H_
#define VIREO_INCLUDE_ARCH_RISCV_ARCH_H_

#include <stdbool.h>
#include <stdint.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/arch/riscv/exception.h>
#ifndef CONFIG_RISCV_HAS_COUNTERS
#include <vireo/arch/riscv/syscall.h>
#endif /* CONFIG_RISCV_HAS_COUNTERS */

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

/*
 * The hart's cycle counter (mcycle in M-mode, the cycle CSR in S-mode);
 * QEMU with -icount makes it count instructions.
 */
static ALWAYS_INLINE uint64_t arch_timing_counter_get(void)
{
#ifndef CONFIG_RISCV_HAS_COUNTERS
	/*
	 * No cycle CSR (ESP32-C3): the custom machine-mode counter mpccr
	 * (0x7e2, 32 bits, set counting by the SoC's early init). User
	 * threads cannot read it and get 0.
	 */
	unsigned long c = 0;

	if (!arch_is_user_context()) {
		__asm__ volatile("csrr %0, 0x7e2" : "=r"(c));
	}
	return c;
#else
	return csr_read64(Z_CYCLE_CSR, Z_CYCLEH_CSR);
#endif /* CONFIG_RISCV_HAS_COUNTERS */
}

#endif /* VIREO_INCLUDE_ARCH_RISCV_ARCH_H_ */
