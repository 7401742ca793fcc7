/*
 * SiFive UART (FE310 and QEMU sifive_e): line setup, polled I/O and the
 * interrupt-driven API. One instance, "uart0", at CONFIG_UART_SIFIVE_BASE,
 * its interrupt on PLIC source CONFIG_UART_SIFIVE_PLIC_SOURCE.
 *
 * The UART has an 8-entry FIFO each way and two level interrupts: TX
 * watermark (fewer than txcnt bytes queued) and RX watermark (more than
 * rxcnt bytes received). With txcnt = 1 and rxcnt = 0 they mean "transmit
 * FIFO empty" and "a byte is waiting", and the pending bits can be read in
 * ip without consuming anything, which is what the uart_irq_* queries need.
 *
 * Polled output takes no lock, so printk and the fatal path can use it at
 * any time. ie is changed read-modify-write with interrupts locked (threads
 * and the callback, in the ISR, both change it). The callback and its user
 * data are written with interrupts locked and read only by the ISR.
 * Without CONFIG_UART_INTERRUPT_DRIVEN or a wired line the interrupt API
 * and its state are not linked in.
 */
#include <stdbool.h>
#include <stdint.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>
#include "uart_sifive.h"

#define REG_TXDATA 0x00
#define REG_RXDATA 0x04
#define REG_TXCTRL 0x08
#define REG_RXCTRL 0x0c
#define REG_IE 0x10
#define REG_IP 0x14
#define REG_DIV 0x18

#define TXDATA_FULL BIT(31)
#define RXDATA_EMPTY BIT(31)
#define CTRL_EN BIT(0)
#define CTRL_CNT(n) ((uint32_t)(n) << 16)
#define IE_TXWM BIT(0)
#define IE_RXWM BIT(1)

#define SIFIVE_IRQ IRQ_PLIC(CONFIG_UART_SIFIVE_PLIC_SOURCE)
#define IRQ_DRIVEN                                                             \
	(IS_ENABLED(CONFIG_UART_INTERRUPT_DRIVEN) && CONFIG_UART_SIFIVE_PLIC_SOURCE != 0)

#define SIFIVE_DIVISOR UART_SIFIVE_DIVISOR(CONFIG_UART_SIFIVE_CLOCK_HZ, CONFIG_UART_SIFIVE_BAUD)
BUILD_ASSERT(CONFIG_UART_SIFIVE_CLOCK_HZ >= CONFIG_UART_SIFIVE_BAUD && SIFIVE_DIVISOR <= 0xffff,
	     "UART_SIFIVE_CLOCK_HZ / UART_SIFIVE_BAUD must be 1..65536");
BUILD_ASSERT(UART_SIFIVE_RATE_OK(CONFIG_UART_SIFIVE_CLOCK_HZ, CONFIG_UART_SIFIVE_BAUD,
				 SIFIVE_DIVISOR, 20),
	     "UART_SIFIVE_BAUD is more than 2% off with this clock");
BUILD_ASSERT(CONFIG_UART_SIFIVE_PLIC_SOURCE <= CONFIG_NUM_2ND_LEVEL_IRQS,
	     "UART_SIFIVE_PLIC_SOURCE is beyond the interrupt controller's sources");

struct sifive_config {
	uintptr_t base;
	uint32_t divisor;
};

struct sifive_data {
	uart_irq_callback_user_data_t cb;
	void *cb_data;
};

static inline volatile uint32_t *reg(const struct device *dev, unsigned int offset)
{
	const struct sifive_config *cfg = dev->config;

	return (volatile uint32_t *)(cfg->base + offset);
}

static int sifive_poll_in(const struct device *dev, unsigned char *c)
{
	uint32_t v = *reg(dev, REG_RXDATA);

	if ((v & RXDATA_EMPTY) != 0) {
		return -1;
	}
	*c = (unsigned char)v;
	return 0;
}

/*
 * Queue one byte if the FIFO has room. A write to a full FIFO is dropped,
 * so a read of "not full" followed by a write could lose the byte when an
 * ISR's printk fills the last slot in between. With the A extension one
 * amoor.w reads the full flag and writes in a single access, as the UART
 * manual suggests (the hardware ignores the write when full).
 */
static bool tx_put(const struct device *dev, uint8_t c)
{
	volatile uint32_t *txdata = reg(dev, REG_TXDATA);
	uint32_t old;

	if (IS_ENABLED(CONFIG_RISCV_ISA_EXT_A)) {
		__asm__ volatile("amoor.w %0, %2, %1" : "=r"(old), "+A"(*txdata) : "r"((uint32_t)c)
				 : "memory");
		return (old & TXDATA_FULL) == 0;
	}
	/* Without A: the check and the write under one interrupt lock. */
	unsigned int key = irq_lock();
	bool room = (*txdata & TXDATA_FULL) == 0;

	if (room) {
		*txdata = c;
	}
	irq_unlock(key);
	return room;
}

static void sifive_poll_out(const struct device *dev, unsigned char c)
{
	while (!tx_put(dev, c)) {
	}
}

static int sifive_fifo_fill(const struct device *dev, const uint8_t *tx_data, int size)
{
	int n = 0;

	while (n < size && tx_put(dev, tx_data[n])) {
		n++;
	}
	return n;
}

/* Reading rxdata dequeues: a byte is stored as soon as it is read. */
static int sifive_fifo_read(const struct device *dev, uint8_t *rx_data, const int size)
{
	int n = 0;

	while (n < size) {
		uint32_t v = *reg(dev, REG_RXDATA);

		if ((v & RXDATA_EMPTY) != 0) {
			break;
		}
		rx_data[n++] = (uint8_t)v;
	}
	return n;
}

/*
 * The PLIC line is enabled with the first interrupt the UART may raise and
 * then stays enabled (as in the ns16550 driver): masking a source while its
 * claim is outstanding can lose the completion, and ie alone silences it.
 */
static void ie_update(const struct device *dev, uint32_t set, uint32_t clear)
{
	unsigned int key = irq_lock();

	*reg(dev, REG_IE) = (*reg(dev, REG_IE) & ~clear) | set;
	irq_unlock(key);
	if (set != 0) {
		irq_enable(SIFIVE_IRQ);
	}
}

static void sifive_irq_tx_enable(const struct device *dev)
{
	ie_update(dev, IE_TXWM, 0);
}

static void sifive_irq_tx_disable(const struct device *dev)
{
	ie_update(dev, 0, IE_TXWM);
}

static int sifive_irq_tx_ready(const struct device *dev)
{
	return (*reg(dev, REG_IE) & *reg(dev, REG_IP) & IE_TXWM) != 0;
}

/*
 * The UART reports no "shift register empty"; an empty FIFO is the closest
 * it says (the last byte may still be on the wire for one frame time).
 */
static int sifive_irq_tx_complete(const struct device *dev)
{
	return (*reg(dev, REG_IP) & IE_TXWM) != 0;
}

static void sifive_irq_rx_enable(const struct device *dev)
{
	ie_update(dev, IE_RXWM, 0);
}

static void sifive_irq_rx_disable(const struct device *dev)
{
	ie_update(dev, 0, IE_RXWM);
}

static int sifive_irq_rx_ready(const struct device *dev)
{
	return (*reg(dev, REG_IP) & IE_RXWM) != 0;
}

static int sifive_irq_is_pending(const struct device *dev)
{
	return (*reg(dev, REG_IE) & *reg(dev, REG_IP) & (IE_TXWM | IE_RXWM)) != 0;
}

/* ip is live (level, not latched): nothing to take a snapshot of. */
static int sifive_irq_update(const struct device *dev)
{
	ARG_UNUSED(dev);
	return 1;
}

static void sifive_irq_callback_set(const struct device *dev, uart_irq_callback_user_data_t cb,
				    void *user_data)
{
	struct sifive_data *data = dev->data;
	unsigned int key = irq_lock();

	data->cb = cb;
	data->cb_data = user_data;
	irq_unlock(key);
}

static void sifive_isr(const void *arg)
{
	const struct device *dev = arg;
	const struct sifive_data *data = dev->data;

	if (data->cb == NULL) {
		/* Nobody to serve a level-triggered source: silence it. */
		*reg(dev, REG_IE) = 0;
		return;
	}
	data->cb(dev, data->cb_data);
}

static int sifive_init(const struct device *dev)
{
	const struct sifive_config *cfg = dev->config;

	*reg(dev, REG_IE) = 0;
	*reg(dev, REG_DIV) = cfg->divisor;
	/* One stop bit; watermarks: "TX FIFO empty", "RX FIFO not empty". */
	*reg(dev, REG_TXCTRL) = CTRL_EN | CTRL_CNT(1);
	*reg(dev, REG_RXCTRL) = CTRL_EN | CTRL_CNT(0);
	if (IRQ_DRIVEN) {
		/* Cannot fail for a source the BUILD_ASSERT admits (see ns16550). */
		(void)irq_connect_dynamic(SIFIVE_IRQ, 0, sifive_isr, dev, 0);
	}
	return 0;
}

static const struct uart_irq_driver_api sifive_irq_api = {
	.fifo_fill = sifive_fifo_fill,
	.fifo_read = sifive_fifo_read,
	.irq_tx_enable = sifive_irq_tx_enable,
	.irq_tx_disable = sifive_irq_tx_disable,
	.irq_tx_ready = sifive_irq_tx_ready,
	.irq_tx_complete = sifive_irq_tx_complete,
	.irq_rx_enable = sifive_irq_rx_enable,
	.irq_rx_disable = sifive_irq_rx_disable,
	.irq_rx_ready = sifive_irq_rx_ready,
	.irq_is_pending = sifive_irq_is_pending,
	.irq_update = sifive_irq_update,
	.irq_callback_set = sifive_irq_callback_set,
};

static const struct uart_driver_api sifive_api = {
	.poll_in = sifive_poll_in,
	.poll_out = sifive_poll_out,
	.irq = IRQ_DRIVEN ? &sifive_irq_api : NULL,
};

static const struct sifive_config sifive_config0 = {
	.base = CONFIG_UART_SIFIVE_BASE,
	.divisor = (uint32_t)SIFIVE_DIVISOR,
};

static struct sifive_data sifive_data0;

/* Priority 0: the console (priority 1 of the same level) depends on it. */
DEVICE_DEFINE(uart0, "uart0", sifive_init, NULL, IRQ_DRIVEN ? &sifive_data0 : NULL,
	      &sifive_config0, PRE_KERNEL_1, 0, &sifive_api);
