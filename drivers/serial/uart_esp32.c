/*
 * ESP32-C3 UART: polled I/O and the interrupt-driven API. One instance,
 * "uart0", at CONFIG_UART_ESP32_BASE; its interrupt is interrupt-matrix
 * source CONFIG_UART_ESP32_INTMATRIX_SOURCE.
 *
 * The ROM bootloader leaves UART0 at 115200 8N1 on the DevKitM's USB
 * bridge; with CONFIG_UART_ESP32_BAUD = 0 the line settings are kept as
 * they are, otherwise the divider is computed from CONFIG_UART_ESP32_CLOCK_HZ
 * (uart_esp32.h, tested on the host).
 *
 * Polled output (printk and the fatal path use it at any time) checks for
 * room and writes with interrupts locked: without the A extension there
 * is no single-access "write if not full". INT_ENA is changed read-modify-write with interrupts locked; the
 * callback and its data are written locked and read only by the ISR.
 * Configuration registers live in the UART core's clock domain: they take
 * effect after a write of ID.UPDATE, which the hardware clears when done.
 *
 * Registers (TRM, "UART Controller"): FIFO 0x00, INT_RAW/ST/ENA/CLR
 * 0x04..0x10, CLKDIV 0x14, STATUS 0x1c (RX count [9:0], TX count [25:16]),
 * CONF1 0x24, FSM_STATUS 0x6c, ID 0x80. FIFOs hold 128 bytes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <vireo/device.h>
#include <vireo/drivers/serial/uart_esp32.h>
#include <vireo/drivers/uart.h>
#include <vireo/irq.h>
#include <vireo/sys/sys_io.h>
#include <vireo/sys/util.h>

#define FIFO 0x00U
#define INT_ST 0x08U
#define INT_ENA 0x0cU
#define INT_CLR 0x10U
#define CLKDIV 0x14U
#define STATUS 0x1cU
#define CONF1 0x24U
#define FSM_STATUS 0x6cU
#define ID 0x80U

#define INT_RXFIFO_FULL BIT(0)
#define INT_TXFIFO_EMPTY BIT(1)
#define INT_RXFIFO_TOUT BIT(8)
#define INT_RX (INT_RXFIFO_FULL | INT_RXFIFO_TOUT)
#define ID_UPDATE BIT(31)
#define FIFO_DEPTH 128U
/* Receive interrupt from the first byte (timeout) or 1 byte waiting; room interrupt at 16. */
#define CONF1_RX_THRESHOLD 1U
#define CONF1_TX_THRESHOLD (16U << 9)
#define CONF1_RX_TOUT_EN BIT(21)

#define RX_COUNT() (rd(STATUS) & 0x3ffU)
#define TX_COUNT() ((rd(STATUS) >> 16) & 0x3ffU)

#define UART_IRQ IRQ_2ND_LEVEL(CONFIG_UART_ESP32_INTMATRIX_SOURCE)
#define IRQ_DRIVEN IS_ENABLED(CONFIG_UART_INTERRUPT_DRIVEN)

/* The divider to program, or 0: keep the ROM's. */
#if CONFIG_UART_ESP32_BAUD != 0
#define BAUD_CLKDIV ESP32_UART_CLKDIV(CONFIG_UART_ESP32_CLOCK_HZ, CONFIG_UART_ESP32_BAUD)
BUILD_ASSERT(BAUD_CLKDIV != 0,
	     "UART_ESP32_CLOCK_HZ / UART_ESP32_BAUD gives no valid divider (1..4095)");
#else
#define BAUD_CLKDIV 0U
#endif /* CONFIG_UART_ESP32_BAUD != 0 */

struct esp32_uart_data {
	uart_irq_callback_user_data_t cb;
	void *cb_data;
	uint32_t int_st; /* INT_ST as latched by the last uart_irq_update() */
};

static inline uint32_t rd(uint32_t reg)
{
	return sys_read32(CONFIG_UART_ESP32_BASE + reg);
}

static inline void wr(uint32_t reg, uint32_t val)
{
	sys_write32(val, CONFIG_UART_ESP32_BASE + reg);
}

static void sync_config(void)
{
	wr(ID, rd(ID) | ID_UPDATE);
	while ((rd(ID) & ID_UPDATE) != 0) {
	}
}

static int esp32_poll_in(const struct device *dev, unsigned char *c)
{
	ARG_UNUSED(dev);
	if (RX_COUNT() == 0) {
		return -1;
	}
	*c = (unsigned char)rd(FIFO);
	return 0;
}

/*
 * The room check and the write are one locked step: an ISR printing in
 * between could take the last slot, and a byte written to a full FIFO is
 * lost. The wait for room runs unlocked.
 */
static void esp32_poll_out(const struct device *dev, unsigned char c)
{
	unsigned int key;

	ARG_UNUSED(dev);
	for (;;) {
		key = irq_lock();
		if (TX_COUNT() < FIFO_DEPTH) {
			break;
		}
		irq_unlock(key);
	}
	wr(FIFO, c);
	irq_unlock(key);
}

static int esp32_fifo_fill(const struct device *dev, const uint8_t *tx_data, int size)
{
	int room = (int)(FIFO_DEPTH - TX_COUNT());
	int n = 0;

	ARG_UNUSED(dev);
	for (; n < size && n < room; n++) {
		wr(FIFO, tx_data[n]);
	}
	return n;
}

static int esp32_fifo_read(const struct device *dev, uint8_t *rx_data, const int size)
{
	int n = 0;

	ARG_UNUSED(dev);
	while (n < size && RX_COUNT() != 0) {
		rx_data[n++] = (uint8_t)rd(FIFO);
	}
	return n;
}

/* The matrix line is enabled with the first interrupt the UART may raise. */
static void ena_update(uint32_t set, uint32_t clear)
{
	unsigned int key = irq_lock();

	wr(INT_ENA, (rd(INT_ENA) & ~clear) | set);
	irq_unlock(key);
	if (set != 0 && !irq_is_enabled(UART_IRQ)) {
		irq_enable(UART_IRQ);
	}
}

static void esp32_irq_tx_enable(const struct device *dev)
{
	ARG_UNUSED(dev);
	ena_update(INT_TXFIFO_EMPTY, 0);
}

static void esp32_irq_tx_disable(const struct device *dev)
{
	ARG_UNUSED(dev);
	ena_update(0, INT_TXFIFO_EMPTY);
}

static int esp32_irq_tx_ready(const struct device *dev)
{
	ARG_UNUSED(dev);
	return (rd(INT_ENA) & INT_TXFIFO_EMPTY) != 0 && TX_COUNT() < FIFO_DEPTH;
}

/* Empty FIFO and the transmitter's state machine idle (FSM_STATUS[7:4]). */
static int esp32_irq_tx_complete(const struct device *dev)
{
	ARG_UNUSED(dev);
	return TX_COUNT() == 0 && ((rd(FSM_STATUS) >> 4) & 0xfU) == 0;
}

static void esp32_irq_rx_enable(const struct device *dev)
{
	ARG_UNUSED(dev);
	ena_update(INT_RX, 0);
}

static void esp32_irq_rx_disable(const struct device *dev)
{
	ARG_UNUSED(dev);
	ena_update(0, INT_RX);
}

static int esp32_irq_rx_ready(const struct device *dev)
{
	ARG_UNUSED(dev);
	return RX_COUNT() != 0;
}

static int esp32_irq_is_pending(const struct device *dev)
{
	const struct esp32_uart_data *data = dev->data;

	return (data->int_st & (INT_RX | INT_TXFIFO_EMPTY)) != 0;
}

/*
 * Latch and acknowledge: the FIFO conditions raise their bits again while
 * they hold, so clearing before the callback drains the FIFO loses nothing.
 */
static int esp32_irq_update(const struct device *dev)
{
	struct esp32_uart_data *data = dev->data;

	data->int_st = rd(INT_ST);
	wr(INT_CLR, data->int_st);
	return 1;
}

static void esp32_irq_callback_set(const struct device *dev, uart_irq_callback_user_data_t cb,
				   void *user_data)
{
	struct esp32_uart_data *data = dev->data;
	unsigned int key = irq_lock();

	data->cb = cb;
	data->cb_data = user_data;
	irq_unlock(key);
}

static void esp32_uart_isr(const void *arg)
{
	const struct device *dev = arg;
	const struct esp32_uart_data *data = dev->data;

	if (data->cb == NULL) {
		/* Nobody to serve a level-triggered source: silence it. */
		wr(INT_ENA, 0);
		wr(INT_CLR, 0xffffffffU);
		return;
	}
	data->cb(dev, data->cb_data);
}

static int esp32_uart_init(const struct device *dev)
{
	wr(INT_ENA, 0);
	wr(INT_CLR, 0xffffffffU);
	if (BAUD_CLKDIV != 0) {
		wr(CLKDIV, BAUD_CLKDIV);
	}
	wr(CONF1, CONF1_RX_THRESHOLD | CONF1_TX_THRESHOLD | CONF1_RX_TOUT_EN);
	sync_config();
	if (IRQ_DRIVEN) {
		/* Cannot fail for a source Kconfig admits; printk must work regardless. */
		(void)irq_connect_dynamic(UART_IRQ, 0, esp32_uart_isr, dev, 0);
	}
	return 0;
}

static const struct uart_irq_driver_api esp32_irq_api = {
	.fifo_fill = esp32_fifo_fill,
	.fifo_read = esp32_fifo_read,
	.irq_tx_enable = esp32_irq_tx_enable,
	.irq_tx_disable = esp32_irq_tx_disable,
	.irq_tx_ready = esp32_irq_tx_ready,
	.irq_tx_complete = esp32_irq_tx_complete,
	.irq_rx_enable = esp32_irq_rx_enable,
	.irq_rx_disable = esp32_irq_rx_disable,
	.irq_rx_ready = esp32_irq_rx_ready,
	.irq_is_pending = esp32_irq_is_pending,
	.irq_update = esp32_irq_update,
	.irq_callback_set = esp32_irq_callback_set,
};

static const struct uart_driver_api esp32_uart_api = {
	.poll_in = esp32_poll_in,
	.poll_out = esp32_poll_out,
	.irq = IRQ_DRIVEN ? &esp32_irq_api : NULL,
};

static struct esp32_uart_data esp32_uart_data0;

/* Priority 0: the console (priority 1 of the same level) depends on it. */
DEVICE_DEFINE(uart0, "uart0", esp32_uart_init, NULL, IRQ_DRIVEN ? &esp32_uart_data0 : NULL,
	      NULL, PRE_KERNEL_1, 0, &esp32_uart_api);
