/*
 * The second-level interrupt controller interface: what the architecture's
 * interrupt code (arch/riscv/core/irq.c) needs from the platform
 * controller: the PLIC (drivers/interrupt_controller/plic.c) or the
 * ESP32-C3's interrupt matrix. Exactly one driver implements it,
 * selecting CONFIG_RISCV_2ND_LEVEL_INTC.
 *
 * A controller source n is IRQ number IRQ_2ND_LEVEL(n) (<vireo/irq.h>); the
 * functions below get n itself. irq.c calls them with interrupts locked or
 * from its own locked sections; the driver keeps its own state consistent
 * under that assumption.
 *
 * Controllers that drive every CPU interrupt line themselves
 * (CONFIG_RISCV_INTC_OWNS_CPU_LINES, e.g. the ESP32-C3's interrupt matrix)
 * also get every interrupt cause from the trap path through
 * z_intc_2nd_line_isr(); they call z_riscv_isr_invoke(IRQ_2ND_LEVEL(n)) for
 * each pending source n routed to that line.
 */
#ifndef VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_INTC_2ND_LEVEL_H_
#define VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_INTC_2ND_LEVEL_H_

/**
 * @brief Let source @p source interrupt the hart at connection priority
 * @p priority (IRQ_CONNECT's; 0 is the lowest).
 * @return 0, or a negative errno when the controller has no room for it
 * (the source then stays disabled)
 */
int z_intc_2nd_enable(unsigned int source, unsigned int priority);

/** @brief Mask @p source; its routing resources are released. */
void z_intc_2nd_disable(unsigned int source);

/** @brief 1 when @p source is enabled, else 0. */
int z_intc_2nd_is_enabled(unsigned int source);

/**
 * @brief Serve CPU interrupt line @p line (the xcause code); called by the
 * trap path for every interrupt with CONFIG_RISCV_INTC_OWNS_CPU_LINES.
 */
void z_intc_2nd_line_isr(unsigned int line);

/** @brief Call the handler connected to @p irq (arch/riscv/core/irq.c). */
void z_riscv_isr_invoke(unsigned int irq);

#endif /* VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_INTC_2ND_LEVEL_H_ */
