/*
 * NS16550-compatible UART: line setup and polled I/O. One instance,
 * "uart0", at the board's address (CONFIG_UART_NS16550_BASE). Polled output
 * takes no lock, so the fatal path can use it at any time.
 */
#include <stdint.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>

/* Register indices (stride 1 << CONFIG_UART_NS16550_REG_SHIFT). */
#define REG_RBR 0 /* receive buffer (read), DLAB=0 */
#define REG_THR 0 /* transmit holding (write), DLAB=0 */
#define REG_DLL 0 /* divisor latch low, DLAB=1 */
#define REG_IER 1 /* interrupt enable, DLAB=0 */
#define REG_DLM 1 /* divisor latch high, DLAB=1 */
#define REG_FCR 2 /* FIFO control (write) */
#define REG_LCR 3 /* line control */
#define REG_MCR 4 /* modem control */
#define REG_LSR 5 /* line status */

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear both */
#define MCR_DTR_RTS 0x03
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

struct ns16550_config {
	uintptr_t base;
	uint32_t clock_hz;
	uint32_t baud;
};

static inline volatile uint8_t *reg(const struct device *dev, unsigned int idx)
{
	const struct ns16550_config *cfg = dev->config;

	return (volatile uint8_t *)(cfg->base + (idx << CONFIG_UART_NS16550_REG_SHIFT));
}

static int ns16550_poll_in(const struct device *dev, unsigned char *c)
{
	if ((*reg(dev, REG_LSR) & LSR_DATA_READY) == 0) {
		return -1;
	}
	*c = *reg(dev, REG_RBR);
	return 0;
}

static void ns16550_poll_out(const struct device *dev, unsigned char c)
{
	while ((*reg(dev, REG_LSR) & LSR_THR_EMPTY) == 0) {
	}
	*reg(dev, REG_THR) = c;
}

static int ns16550_init(const struct device *dev)
{
	const struct ns16550_config *cfg = dev->config;
	/* Divisor rounded to nearest: clock / (16 * baud). */
	uint32_t divisor = (cfg->clock_hz + 8 * cfg->baud) / (16 * cfg->baud);

	*reg(dev, REG_IER) = 0;
	*reg(dev, REG_LCR) = LCR_DLAB;
	*reg(dev, REG_DLL) = divisor & 0xff;
	*reg(dev, REG_DLM) = (divisor >> 8) & 0xff;
	*reg(dev, REG_LCR) = LCR_8N1;
	*reg(dev, REG_FCR) = FCR_ENABLE_CLEAR;
	*reg(dev, REG_MCR) = MCR_DTR_RTS;
	return 0;
}

static const struct uart_driver_api ns16550_api = {
	.poll_in = ns16550_poll_in,
	.poll_out = ns16550_poll_out,
};

static const struct ns16550_config ns16550_config0 = {
	.base = CONFIG_UART_NS16550_BASE,
	.clock_hz = CONFIG_UART_NS16550_CLOCK_HZ,
	.baud = CONFIG_UART_NS16550_BAUD,
};

/* Priority 0: the console (priority 1 of the same level) depends on it. */
DEVICE_DEFINE(uart0, "uart0", ns16550_init, NULL, NULL, &ns16550_config0,
	      PRE_KERNEL_1, 0, &ns16550_api);
