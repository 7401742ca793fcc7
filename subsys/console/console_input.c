/*
 * Console input (<vireo/console/console.h>): the console UART's receive
 * interrupt copies bytes into rx_ring; console_getchar*() take them out,
 * blocking on rx_sem while the ring is empty, so the rest of the system
 * runs while a thread waits for a key.
 *
 * The UART callback (ISR context) is rx_ring's only producer and writes
 * dropped. Readers, any number of threads, each take rx_sem and then
 * remove one byte with interrupts locked, which keeps them from removing
 * bytes concurrently (the ring buffer is not thread-safe) and from racing
 * the ISR. console_init() runs before any reader and from one thread.
 */
#include <errno.h>
#include <vireo/console/console.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>
#include <vireo/kernel.h>
#include <vireo/sys/ring_buffer.h>

#define RX_CHUNK 16 /* bytes moved from the UART per read; the 16550 FIFO depth */

/*
 * Invariant: rx_sem's count is the number of bytes in rx_ring that no
 * reader has claimed yet. The ISR gives once per byte stored; a reader
 * takes once before removing a byte, so the byte is there when it looks.
 */
static struct k_sem rx_sem;
static uint8_t rx_storage[CONFIG_CONSOLE_INPUT_BUFFER_SIZE];
static struct ring_buf rx_ring = RING_BUF_INIT(rx_storage, sizeof(rx_storage));
static uint32_t dropped;
/* Set once console_init() has succeeded; readers refuse to wait before. */
static const struct device *console_uart;

static void store(const uint8_t *bytes, uint32_t n)
{
	uint32_t stored = ring_buf_put(&rx_ring, bytes, n);

	/* A full buffer keeps the oldest input: what was typed first is read first. */
	dropped += n - stored;
	for (; stored > 0; stored--) {
		k_sem_give(&rx_sem);
	}
}

/*
 * Re-latch the UART state every round, so that a driver whose rx_ready
 * reports the latched state cannot keep this loop spinning.
 */
static void console_uart_isr(const struct device *dev, void *user_data)
{
	uint8_t chunk[RX_CHUNK];
	int n;

	ARG_UNUSED(user_data);
	while (uart_irq_update(dev) > 0 && uart_irq_rx_ready(dev) > 0) {
		n = uart_fifo_read(dev, chunk, sizeof(chunk));
		if (n <= 0) {
			break;
		}
		store(chunk, (uint32_t)n);
	}
}

int console_init(void)
{
	const struct device *dev = device_get_binding("uart0");
	int rc;

	if (!device_is_ready(dev)) {
		return -ENODEV;
	}
	if (console_uart == NULL) {
		(void)k_sem_init(&rx_sem, 0, CONFIG_CONSOLE_INPUT_BUFFER_SIZE);
	}
	rc = uart_irq_callback_user_data_set(dev, console_uart_isr, NULL);
	if (rc != 0) {
		return rc;
	}
	console_uart = dev;
	uart_irq_rx_enable(dev);
	return 0;
}

int console_getchar_timeout(k_timeout_t timeout)
{
	uint8_t c;
	uint32_t got;
	unsigned int key;

	if (console_uart == NULL) {
		return -ENODEV;
	}
	if (k_sem_take(&rx_sem, timeout) != 0) {
		return -EAGAIN;
	}
	key = irq_lock();
	got = ring_buf_get(&rx_ring, &c, 1);
	irq_unlock(key);
	/* Invariant (rx_sem): the unit just taken stands for a stored byte. */
	if (got != 1) {
		k_panic();
	}
	return c;
}

int console_getchar(void)
{
	return console_getchar_timeout(K_FOREVER);
}

uint32_t console_input_dropped(void)
{
	return dropped;
}
