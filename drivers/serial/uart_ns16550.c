/*
 * NS16550-compatible UART: line setup, polled I/O and the interrupt-driven
 * API. One instance, "uart0", at the board's address
 * (CONFIG_UART_NS16550_BASE), its interrupt on PLIC source
 * CONFIG_UART_NS16550_PLIC_SOURCE.
 *
 * Polled output takes no lock, so printk and the fatal path can use it at
 * any time, even while the interrupt-driven API is in use. IER is changed
 * read-modify-write with interrupts locked, because threads enable and
 * disable the interrupts while the callback, in the ISR, may too. The
 * callback and its user data are written with interrupts locked and read
 * only by the ISR; the latched IIR is touched only from the callback.
 *
 * The interrupt-driven operations exist only with
 * CONFIG_UART_INTERRUPT_DRIVEN and a wired interrupt line; otherwise the
 * API has no irq table, and their code and state are not linked in.
 */
#include <stdbool.h>
#include <stdint.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>

/* Register indices (stride 1 << CONFIG_UART_NS16550_REG_SHIFT). */
#define REG_RBR 0 /* receive buffer (read), DLAB=0 */
#define REG_THR 0 /* transmit holding (write), DLAB=0 */
#define REG_DLL 0 /* divisor latch low, DLAB=1 */
#define REG_IER 1 /* interrupt enable, DLAB=0 */
#define REG_DLM 1 /* divisor latch high, DLAB=1 */
#define REG_IIR 2 /* interrupt identification (read) */
#define REG_FCR 2 /* FIFO control (write) */
#define REG_LCR 3 /* line control */
#define REG_MCR 4 /* modem control */
#define REG_LSR 5 /* line status */

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear both, trigger at 1 byte */
#define IER_RX_DATA 0x01      /* received data available (and its timeout) */
#define IER_THR_EMPTY 0x02    /* transmit holding register empty */
#define IIR_NO_PENDING 0x01
/* OUT2 gates the chip's interrupt output on PC-style boards; QEMU ignores it. */
#define MCR_DTR_RTS_OUT2 0x0b
#define MCR_LOOP 0x10 /* transmitter feeds the receiver; the line stays idle */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LSR_TX_IDLE 0x40 /* holding and shift registers both empty */
#define TX_FIFO_DEPTH 16 /* THR empty with FIFOs on means all 16 are free */

#define NS16550_IRQ IRQ_PLIC(CONFIG_UART_NS16550_PLIC_SOURCE)
#define IRQ_DRIVEN                                                             \
	(IS_ENABLED(CONFIG_UART_INTERRUPT_DRIVEN) && CONFIG_UART_NS16550_PLIC_SOURCE != 0)

#define NS16550_DIVISOR UART_DIVISOR_16X(CONFIG_UART_NS16550_CLOCK_HZ, CONFIG_UART_NS16550_BAUD)
BUILD_ASSERT(NS16550_DIVISOR >= 1 && NS16550_DIVISOR <= 0xffff,
	     "UART_NS16550_CLOCK_HZ / (16 * UART_NS16550_BAUD) must be 1..65535");
BUILD_ASSERT(CONFIG_UART_NS16550_PLIC_SOURCE <= CONFIG_NUM_2ND_LEVEL_IRQS,
	     "UART_NS16550_PLIC_SOURCE is beyond the interrupt controller's sources");

struct ns16550_config {
	uintptr_t base;
	uint32_t divisor;
};

struct ns16550_data {
	uart_irq_callback_user_data_t cb;
	void *cb_data;
	uint8_t iir; /* IIR as read by the last uart_irq_update() */
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

static int ns16550_fifo_fill(const struct device *dev, const uint8_t *tx_data, int size)
{
	int n = 0;

	if ((*reg(dev, REG_LSR) & LSR_THR_EMPTY) != 0) {
		for (; n < size && n < TX_FIFO_DEPTH; n++) {
			*reg(dev, REG_THR) = tx_data[n];
		}
	}
	return n;
}

static int ns16550_fifo_read(const struct device *dev, uint8_t *rx_data, const int size)
{
	int n = 0;

	while (n < size && (*reg(dev, REG_LSR) & LSR_DATA_READY) != 0) {
		rx_data[n++] = *reg(dev, REG_RBR);
	}
	return n;
}

/*
 * The PLIC line is enabled with the first interrupt the UART may raise and
 * then stays enabled: masking a source while its claim is outstanding can
 * make the PLIC ignore the completion, and IER alone silences the UART.
 */
static void ier_update(const struct device *dev, uint8_t set, uint8_t clear)
{
	unsigned int key = irq_lock();

	*reg(dev, REG_IER) = (uint8_t)((*reg(dev, REG_IER) & ~clear) | set);
	irq_unlock(key);
	if (set != 0) {
		irq_enable(NS16550_IRQ);
	}
}

static void ns16550_irq_tx_enable(const struct device *dev)
{
	ier_update(dev, IER_THR_EMPTY, 0);
}

static void ns16550_irq_tx_disable(const struct device *dev)
{
	ier_update(dev, 0, IER_THR_EMPTY);
}

static int ns16550_irq_tx_ready(const struct device *dev)
{
	return (*reg(dev, REG_IER) & IER_THR_EMPTY) != 0 &&
	       (*reg(dev, REG_LSR) & LSR_THR_EMPTY) != 0;
}

static int ns16550_irq_tx_complete(const struct device *dev)
{
	return (*reg(dev, REG_LSR) & LSR_TX_IDLE) != 0;
}

static void ns16550_irq_rx_enable(const struct device *dev)
{
	ier_update(dev, IER_RX_DATA, 0);
}

static void ns16550_irq_rx_disable(const struct device *dev)
{
	ier_update(dev, 0, IER_RX_DATA);
}

static int ns16550_irq_rx_ready(const struct device *dev)
{
	return (*reg(dev, REG_LSR) & LSR_DATA_READY) != 0;
}

static int ns16550_irq_is_pending(const struct device *dev)
{
	const struct ns16550_data *data = dev->data;

	return (data->iir & IIR_NO_PENDING) == 0;
}

/* Reading IIR also acknowledges a pending "THR empty" interrupt. */
static int ns16550_irq_update(const struct device *dev)
{
	struct ns16550_data *data = dev->data;

	data->iir = *reg(dev, REG_IIR);
	return 1;
}

static void ns16550_irq_callback_set(const struct device *dev,
				     uart_irq_callback_user_data_t cb, void *user_data)
{
	struct ns16550_data *data = dev->data;
	unsigned int key = irq_lock();

	data->cb = cb;
	data->cb_data = user_data;
	irq_unlock(key);
}

static void ns16550_isr(const void *arg)
{
	const struct device *dev = arg;
	const struct ns16550_data *data = dev->data;

	if (data->cb == NULL) {
		/* Nobody to serve a level-triggered source: silence it. */
		*reg(dev, REG_IER) = 0;
		return;
	}
	data->cb(dev, data->cb_data);
}

/*
 * Switching the FIFOs on discards what the receiver holds, and a byte can
 * already be there: input queued before boot (QEMU's console), or typed
 * during it. So the byte is taken out first and sent back in through the
 * loopback path, which delivers it like a received one. Loopback is on
 * for the whole sequence because it also keeps QEMU from handing over its
 * next queued byte, which the FIFO switch would discard, when RBR is read.
 */
static void enable_fifos_keeping_input(const struct device *dev)
{
	bool pending;
	uint8_t early = 0;

	*reg(dev, REG_MCR) = MCR_DTR_RTS_OUT2 | MCR_LOOP;
	pending = (*reg(dev, REG_LSR) & LSR_DATA_READY) != 0;
	if (pending) {
		early = *reg(dev, REG_RBR);
	}
	*reg(dev, REG_FCR) = FCR_ENABLE_CLEAR;
	if (pending) {
		*reg(dev, REG_THR) = early;
		while ((*reg(dev, REG_LSR) & LSR_TX_IDLE) == 0) {
		}
	}
	*reg(dev, REG_MCR) = MCR_DTR_RTS_OUT2;
}

static int ns16550_init(const struct device *dev)
{
	const struct ns16550_config *cfg = dev->config;

	*reg(dev, REG_IER) = 0;
	*reg(dev, REG_LCR) = LCR_DLAB;
	*reg(dev, REG_DLL) = cfg->divisor & 0xff;
	*reg(dev, REG_DLM) = (cfg->divisor >> 8) & 0xff;
	*reg(dev, REG_LCR) = LCR_8N1;
	enable_fifos_keeping_input(dev);
	if (IRQ_DRIVEN) {
		/*
		 * Cannot fail for a source the BUILD_ASSERT admits. Init goes on
		 * regardless: printk must keep working, and an unconnected line
		 * would be reported as a spurious interrupt when first enabled.
		 */
		(void)irq_connect_dynamic(NS16550_IRQ, 0, ns16550_isr, dev, 0);
	}
	return 0;
}

static const struct uart_irq_driver_api ns16550_irq_api = {
	.fifo_fill = ns16550_fifo_fill,
	.fifo_read = ns16550_fifo_read,
	.irq_tx_enable = ns16550_irq_tx_enable,
	.irq_tx_disable = ns16550_irq_tx_disable,
	.irq_tx_ready = ns16550_irq_tx_ready,
	.irq_tx_complete = ns16550_irq_tx_complete,
	.irq_rx_enable = ns16550_irq_rx_enable,
	.irq_rx_disable = ns16550_irq_rx_disable,
	.irq_rx_ready = ns16550_irq_rx_ready,
	.irq_is_pending = ns16550_irq_is_pending,
	.irq_update = ns16550_irq_update,
	.irq_callback_set = ns16550_irq_callback_set,
};

static const struct uart_driver_api ns16550_api = {
	.poll_in = ns16550_poll_in,
	.poll_out = ns16550_poll_out,
	.irq = IRQ_DRIVEN ? &ns16550_irq_api : NULL,
};

static const struct ns16550_config ns16550_config0 = {
	.base = CONFIG_UART_NS16550_BASE,
	.divisor = NS16550_DIVISOR,
};

static struct ns16550_data ns16550_data0;

/* Priority 0: the console (priority 1 of the same level) depends on it. */
DEVICE_DEFINE(uart0, "uart0", ns16550_init, NULL, IRQ_DRIVEN ? &ns16550_data0 : NULL,
	      &ns16550_config0, PRE_KERNEL_1, 0, &ns16550_api);
