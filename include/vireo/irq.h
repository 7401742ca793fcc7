/*
 * Interrupts (Zephyr's irq.h): connecting handlers at build time and at
 * run time, enabling lines, and locking.
 *
 * IRQ numbers use Zephyr's multi-level encoding on RISC-V: 0..15 are the
 * hart's local interrupts (the xcause code: 7 = machine timer, 11 = machine
 * external; 5 and 9 in S-mode); a PLIC source n is ((n + 1) << 8) | 11 (| 9
 * in S-mode), built by IRQ_PLIC(n). Other second-level controllers number
 * their sources the same way (IRQ_2ND_LEVEL(n)); on the ESP32-C3 the
 * interrupt matrix owns every CPU line, so its peripheral sources are the
 * only IRQs there.
 */
#ifndef VIREO_INCLUDE_IRQ_H_
#define VIREO_INCLUDE_IRQ_H_

#include <stdbool.h>
#include <stdint.h>
#include <vireo/arch_interface.h>
#include <vireo/toolchain.h>

#define RISCV_IRQ_SSOFT 1
#define RISCV_IRQ_MSOFT 3
#define RISCV_IRQ_STIMER 5
#define RISCV_IRQ_MTIMER 7
#define RISCV_IRQ_SEXT 9
#define RISCV_IRQ_MEXT 11
#define RISCV_LOCAL_IRQS 16

/* The local interrupts of the privilege level the kernel runs in. */
#ifdef CONFIG_RISCV_S_MODE
#define RISCV_IRQ_SOFT RISCV_IRQ_SSOFT
#define RISCV_IRQ_TIMER RISCV_IRQ_STIMER
#define RISCV_IRQ_EXT RISCV_IRQ_SEXT
#else
#define RISCV_IRQ_SOFT RISCV_IRQ_MSOFT
#define RISCV_IRQ_TIMER RISCV_IRQ_MTIMER
#define RISCV_IRQ_EXT RISCV_IRQ_MEXT
#endif /* CONFIG_RISCV_S_MODE */

#define IRQ_PLIC(n) ((((unsigned int)(n) + 1U) << 8) | RISCV_IRQ_EXT)
#define IRQ_2ND_LEVEL(n) IRQ_PLIC(n)

/** One build-time connection, collected by the linker. */
struct z_isr_entry {
	unsigned int irq;
	unsigned int priority;
	void (*isr)(const void *arg);
	const void *arg;
};

/**
 * @brief Connect @p isr_p (called with @p isr_param_p) to @p irq_p at build
 * time. The line stays disabled until irq_enable(). @p flags_p: 0.
 */
#define IRQ_CONNECT(irq_p, priority_p, isr_p, isr_param_p, flags_p)            \
	static const struct z_isr_entry __used                                 \
	__section(".z_isr_entries") CONCAT(z_isr_entry_, __LINE__) = {         \
		.irq = (irq_p), .priority = (priority_p),                      \
		.isr = (void (*)(const void *))(isr_p),                        \
		.arg = (const void *)(isr_param_p) };                          \
	BUILD_ASSERT((flags_p) == 0, "IRQ_CONNECT: no flags are supported")

/**
 * @brief Connect a handler at run time.
 * @return @p irq on success, -EINVAL for an IRQ number out of range
 */
int irq_connect_dynamic(unsigned int irq, unsigned int priority,
			void (*routine)(const void *parameter), const void *parameter,
			uint32_t flags);

/** @brief Let @p irq interrupt the hart. */
void irq_enable(unsigned int irq);
/** @brief Mask @p irq. */
void irq_disable(unsigned int irq);
/** @brief 1 when @p irq is enabled, else 0. */
int irq_is_enabled(unsigned int irq);

/** @brief Lock interrupts; returns the key for irq_unlock(). Nests. */
#define irq_lock() arch_irq_lock()
/** @brief Restore the state saved in @p key. */
#define irq_unlock(key) arch_irq_unlock(key)

#endif /* VIREO_INCLUDE_IRQ_H_ */
