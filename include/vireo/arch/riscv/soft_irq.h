/*
 * The software interrupt of the kernel's privilege level (IRQ
 * RISCV_IRQ_SOFT), for code that wants an interrupt it can raise at will:
 * tests of interrupt handling and samples/bench. It is a level: a handler
 * must clear it, or it is taken again at once.
 *
 * M-mode: the machine software interrupt of hart 0, the CLINT's msip word
 * (the first word of the block the machine timer lives in). S-mode: the
 * supervisor software interrupt, sip.SSIP, which S-mode sets and clears
 * itself (the CLINT belongs to the firmware there). ESP32-C3: the hart has
 * no local interrupts (the interrupt matrix drives every line), so
 * RISCV_IRQ_SOFT is the matrix source FROM_CPU_INTR0, raised and withdrawn
 * through SYSTEM_CPU_INTR_FROM_CPU_0 (SYSTEM block + 0x28).
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_SOFT_IRQ_H_
#define VIREO_INCLUDE_ARCH_RISCV_SOFT_IRQ_H_

#include <stdint.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/irq.h>

#if defined(CONFIG_RISCV_S_MODE)
static inline void riscv_soft_irq_raise(void)
{
	csr_set(sip, SIP_SSIP);
}

static inline void riscv_soft_irq_clear(void)
{
	csr_clear(sip, SIP_SSIP);
}
#elif defined(CONFIG_SOC_ESP32C3)
#include <vireo/drivers/interrupt_controller/esp32c3_intmatrix.h>

#undef RISCV_IRQ_SOFT
#define RISCV_IRQ_SOFT IRQ_2ND_LEVEL(ESP32C3_SRC_FROM_CPU0)

static inline void riscv_soft_irq_raise(void)
{
	*(volatile uint32_t *)(uintptr_t)(CONFIG_ESP32C3_SYSTEM_BASE + 0x28U) = 1;
}

static inline void riscv_soft_irq_clear(void)
{
	*(volatile uint32_t *)(uintptr_t)(CONFIG_ESP32C3_SYSTEM_BASE + 0x28U) = 0;
}
#elif defined(CONFIG_RISCV_MACHINE_TIMER_BASE)
static inline void riscv_soft_irq_raise(void)
{
	*(volatile uint32_t *)(uintptr_t)CONFIG_RISCV_MACHINE_TIMER_BASE = 1;
}

static inline void riscv_soft_irq_clear(void)
{
	*(volatile uint32_t *)(uintptr_t)CONFIG_RISCV_MACHINE_TIMER_BASE = 0;
}
#else
#error "soft_irq.h: this board has no CLINT msip to raise a software interrupt with"
#endif /* CONFIG_RISCV_S_MODE */

#endif /* VIREO_INCLUDE_ARCH_RISCV_SOFT_IRQ_H_ */
