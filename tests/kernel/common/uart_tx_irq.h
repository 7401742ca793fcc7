/*
 * A PLIC source any board can raise on demand, for the interrupt tests:
 * the console UART's "transmitter empty" interrupt, which is pending at
 * once while the transmitter is idle. uart_tx_irq_set(true) turns it on in
 * the UART itself (the PLIC side is the test's business), false off again.
 * Written against the UART driver the board uses, from its Kconfig data.
 */
#ifndef TESTS_KERNEL_COMMON_UART_TX_IRQ_H_
#define TESTS_KERNEL_COMMON_UART_TX_IRQ_H_

#include <stdbool.h>
#include <stdint.h>

#if defined(CONFIG_UART_NS16550)
#define UART_TX_IRQ_SOURCE CONFIG_UART_NS16550_PLIC_SOURCE

/* IER bit 1, THRI. */
static inline void uart_tx_irq_set(bool on)
{
	*(volatile uint8_t *)(CONFIG_UART_NS16550_BASE + (1U << CONFIG_UART_NS16550_REG_SHIFT)) =
		on ? 0x02U : 0U;
}
#elif defined(CONFIG_UART_SIFIVE)
#define UART_TX_IRQ_SOURCE CONFIG_UART_SIFIVE_PLIC_SOURCE

/* ie bit 0, TXWM: pending while fewer than txcnt (1, set by the driver) are queued. */
static inline void uart_tx_irq_set(bool on)
{
	*(volatile uint32_t *)(CONFIG_UART_SIFIVE_BASE + 0x10U) = on ? 0x01U : 0U;
}
#else
#error "no known UART to raise a PLIC interrupt with"
#endif

#endif /* TESTS_KERNEL_COMMON_UART_TX_IRQ_H_ */
