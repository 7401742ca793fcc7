/*
 * The PLIC driver's interface to the architecture's interrupt code
 * (arch/riscv/core/irq.c). @p source is the PLIC source number (1..N),
 * not the encoded IRQ.
 */
#ifndef VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_RISCV_PLIC_H_
#define VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_RISCV_PLIC_H_

#include <stdint.h>

void riscv_plic_irq_enable(uint32_t source);
void riscv_plic_irq_disable(uint32_t source);
int riscv_plic_irq_is_enabled(uint32_t source);
/** @brief Priority 1 (lowest) .. 7; 0 would never interrupt. */
void riscv_plic_set_priority(uint32_t source, uint32_t priority);

#endif /* VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_RISCV_PLIC_H_ */
