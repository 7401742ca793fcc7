/*
 * Host test of the ESP32-C3 UART driver (drivers/serial/uart_esp32.c)
 * against a model of the UART: 128-byte FIFOs behind the FIFO register
 * with their counts in STATUS, the interrupt registers, CONF1, CLKDIV, and
 * ID.UPDATE that the hardware clears once the configuration is synced.
 *
 * Checked: init masks and clears interrupts, programs the divider for
 * 115200 from 40 MHz, sets the RX threshold, TX threshold and RX timeout,
 * syncs, and connects IRQ_2ND_LEVEL(21); polled I/O, polled output with an
 * interrupt that prints arriving mid-way; fifo_fill stops at a
 * full FIFO; fifo_read drains what is there; enabling interrupts sets
 * INT_ENA and enables the line once; irq_update latches and acknowledges;
 * the ISR calls the callback, or masks everything without one.
 */
#include <stdbool.h>
#include <string.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>
#include "unit_check.h"

#define BASE 0x60000000U
#define INT_RXFIFO_FULL (1U << 0)
#define INT_TXFIFO_EMPTY (1U << 1)
#define INT_RXFIFO_TOUT (1U << 8)

DEVICE_DECLARE(uart0);

static struct {
	uint8_t rx[128], tx[256];
	unsigned int rx_head, rx_count, tx_count;
	uint32_t int_st, int_ena, int_clr_seen, clkdiv, conf1, id, fsm;
	unsigned int syncs;
} m;

static unsigned int lock_depth, enables, connected_irq;
/* An interrupt whose handler prints one byte, taken when interrupts allow. */
static bool isr_print_pending;
static void (*connected_isr)(const void *);
static const void *connected_arg;
static unsigned int callbacks;

uint32_t sys_read32(mem_addr_t addr)
{
	switch (addr - BASE) {
	case 0x00:
		if (m.rx_count == 0) {
			return 0;
		}
		m.rx_count--;
		return m.rx[m.rx_head++ % 128];
	case 0x08: return m.int_st;
	case 0x0c: return m.int_ena;
	case 0x1c: return m.rx_count | ((m.tx_count > 128 ? 128 : m.tx_count) << 16);
	case 0x24: return m.conf1;
	case 0x6c: return m.fsm;
	case 0x80: return m.id;
	default:
		check(false, __LINE__, "read of register 0x%x", (unsigned int)(addr - BASE));
		return 0;
	}
}

/*
 * The pending interrupt prints: into the FIFO when it has room, else it
 * would wait for the wire to drain (recorded, the model does not drain).
 */
static bool isr_print_waits;

static void take_isr_print(void)
{
	if (isr_print_pending && lock_depth == 0) {
		isr_print_pending = false;
		if (m.tx_count >= 128) {
			isr_print_waits = true;
		} else {
			m.tx[m.tx_count++ % 256] = '!';
		}
	}
}

void sys_write32(uint32_t v, mem_addr_t addr)
{
	if (addr - BASE == 0x00) {
		take_isr_print(); /* arrives between the room check and the write */
	}
	switch (addr - BASE) {
	case 0x00:
		check(m.tx_count < 128, __LINE__, "write to a full TX FIFO");
		m.tx[m.tx_count++ % 256] = (uint8_t)v;
		break;
	case 0x0c: m.int_ena = v; break;
	case 0x10: m.int_st &= ~v; m.int_clr_seen |= v; break;
	case 0x14: m.clkdiv = v; break;
	case 0x24: m.conf1 = v; break;
	case 0x80:
		/* The sync completes at once: UPDATE reads back as 0. */
		if (v & (1U << 31)) {
			m.syncs++;
		}
		m.id = v & ~(1U << 31);
		break;
	default:
		check(false, __LINE__, "write of register 0x%x", (unsigned int)(addr - BASE));
	}
}

unsigned int irq_lock(void)
{
	return lock_depth++;
}

void irq_unlock(unsigned int key)
{
	lock_depth = key;
	take_isr_print();
}

void irq_enable(unsigned int irq)
{
	check(irq == connected_irq, __LINE__, "enabled IRQ 0x%x", irq);
	enables++;
}

int irq_is_enabled(unsigned int irq)
{
	(void)irq;
	return enables != 0;
}

int irq_connect_dynamic(unsigned int irq, unsigned int priority,
			void (*routine)(const void *parameter), const void *parameter,
			uint32_t flags)
{
	(void)priority;
	(void)flags;
	connected_irq = irq;
	connected_isr = routine;
	connected_arg = parameter;
	return (int)irq;
}

static void callback(const struct device *dev, void *user_data)
{
	uint8_t buf[8];

	CHECK(user_data == &m);
	CHECK_EQ(uart_irq_update(dev), 1);
	CHECK_EQ(uart_irq_is_pending(dev), 1);
	if (uart_irq_rx_ready(dev) == 1) {
		CHECK_EQ(uart_fifo_read(dev, buf, sizeof(buf)), 2);
		CHECK(buf[0] == 'o' && buf[1] == 'k');
	}
	callbacks++;
}

static const struct device *boot(void)
{
	const struct device *dev = DEVICE_GET(uart0);

	memset(&m, 0, sizeof(m));
	m.int_st = 0x1ff;
	enables = 0;
	callbacks = 0;
	CHECK_EQ(dev->init(dev), 0);
	return dev;
}

static void test_init(unsigned int arg)
{
	const struct device *dev;

	(void)arg;
	dev = boot();
	CHECK_EQ(m.int_ena, 0);
	CHECK_EQ(m.int_st, 0);                     /* everything acknowledged */
	CHECK_EQ(m.clkdiv, 347U | (4U << 20));     /* 40 MHz / 115200 = 347.25 */
	CHECK_EQ(m.conf1 & 0x1ff, 1);              /* RX threshold */
	CHECK_EQ((m.conf1 >> 9) & 0x1ff, 16);      /* TX threshold */
	CHECK_EQ(m.conf1 & (1U << 21), 1U << 21);  /* RX timeout on */
	CHECK_EQ(m.syncs, 1);
	CHECK_EQ(connected_irq, (22U << 8) | 11U);
	CHECK(connected_arg == dev);
	CHECK_EQ(enables, 0); /* the line waits for the first interrupt enable */
	CHECK_EQ(lock_depth, 0);
}

static void test_polled(unsigned int arg)
{
	const struct device *dev;
	unsigned char c = 0;

	(void)arg;
	dev = boot();
	CHECK_EQ(uart_poll_in(dev, &c), -1);
	m.rx[0] = 'x';
	m.rx_count = 1;
	CHECK_EQ(uart_poll_in(dev, &c), 0);
	CHECK_EQ(c, 'x');
	uart_poll_out(dev, 'A');
	uart_poll_out(dev, 'B');
	CHECK_EQ(m.tx_count, 2);
	CHECK(m.tx[0] == 'A' && m.tx[1] == 'B');
}

/*
 * A thread prints while the TX FIFO has one free slot, and an interrupt
 * whose handler prints arrives after the room check: the thread's byte
 * must not be written to the FIFO the handler filled.
 */
static void test_poll_out_against_isr(unsigned int arg)
{
	const struct device *dev;

	(void)arg;
	dev = boot();
	m.tx_count = 127;
	isr_print_pending = true;
	isr_print_waits = false;
	uart_poll_out(dev, 'T');
	CHECK(!isr_print_pending); /* the handler ran, once interrupts were on */
	CHECK_EQ(m.tx_count, 128);
	CHECK_EQ(m.tx[127], 'T');  /* the thread's byte took the free slot */
	CHECK(isr_print_waits);    /* and the handler waits for room */
	CHECK_EQ(lock_depth, 0);
}

static void test_fifo(unsigned int arg)
{
	const struct device *dev;
	uint8_t big[200];
	uint8_t out[4];

	(void)arg;
	dev = boot();
	memset(big, 'z', sizeof(big));
	m.tx_count = 100;
	CHECK_EQ(uart_fifo_fill(dev, big, sizeof(big)), 28); /* room for 28 */
	CHECK_EQ(m.tx_count, 128);
	CHECK_EQ(uart_fifo_fill(dev, big, 5), 0);
	memcpy(m.rx, "abc", 3);
	m.rx_count = 3;
	CHECK_EQ(uart_fifo_read(dev, out, 2), 2);
	CHECK_EQ(uart_fifo_read(dev, out + 2, 2), 1);
	CHECK(memcmp(out, "abc", 3) == 0);
	CHECK_EQ(uart_fifo_read(dev, out, 2), 0);
}

static void test_interrupts(unsigned int arg)
{
	const struct device *dev;

	(void)arg;
	dev = boot();
	CHECK_EQ(uart_irq_callback_user_data_set(dev, callback, &m), 0);
	uart_irq_rx_enable(dev);
	CHECK_EQ(m.int_ena, INT_RXFIFO_FULL | INT_RXFIFO_TOUT);
	CHECK_EQ(enables, 1);
	uart_irq_tx_enable(dev);
	CHECK_EQ(m.int_ena, INT_RXFIFO_FULL | INT_RXFIFO_TOUT | INT_TXFIFO_EMPTY);
	CHECK_EQ(enables, 1); /* the line was already on */
	CHECK_EQ(uart_irq_tx_ready(dev), 1);
	m.tx_count = 128;
	CHECK_EQ(uart_irq_tx_ready(dev), 0);
	CHECK_EQ(uart_irq_tx_complete(dev), 0);
	m.tx_count = 0;
	CHECK_EQ(uart_irq_tx_complete(dev), 1);
	uart_irq_tx_disable(dev);
	CHECK_EQ(m.int_ena, INT_RXFIFO_FULL | INT_RXFIFO_TOUT);
	CHECK_EQ(uart_irq_tx_ready(dev), 0);
	/* Two bytes arrive: the timeout interrupt; the callback reads them. */
	memcpy(m.rx, "ok", 2);
	m.rx_count = 2;
	m.int_st = INT_RXFIFO_TOUT;
	connected_isr(connected_arg);
	CHECK_EQ(callbacks, 1);
	CHECK_EQ(m.int_clr_seen & INT_RXFIFO_TOUT, INT_RXFIFO_TOUT);
	CHECK_EQ(m.rx_count, 0);
	uart_irq_rx_disable(dev);
	CHECK_EQ(m.int_ena, 0);
	CHECK_EQ(lock_depth, 0);
}

static void test_isr_without_callback(unsigned int arg)
{
	const struct device *dev;

	(void)arg;
	dev = boot();
	CHECK_EQ(uart_irq_callback_user_data_set(dev, NULL, NULL), 0);
	uart_irq_rx_enable(dev);
	m.int_st = INT_RXFIFO_FULL;
	connected_isr(connected_arg);
	CHECK_EQ(m.int_ena, 0);
	CHECK_EQ(m.int_st, 0);
}

int main(void)
{
	run_case("init", test_init, 0);
	run_case("polled", test_polled, 0);
	run_case("poll_out_against_isr", test_poll_out_against_isr, 0);
	run_case("fifo", test_fifo, 0);
	run_case("interrupts", test_interrupts, 0);
	run_case("isr_without_callback", test_isr_without_callback, 0);
	return unit_summary();
}
