/*
 * Console input and the ns16550's interrupt-driven API on QEMU virt.
 *
 * The runner types "hello" and "vireo" (testcase.ini); nothing else ever
 * arrives from outside. Once those are read, cases make input themselves
 * by setting the 16550's loopback bit (MCR bit 4), which feeds the
 * transmitter into the receiver, receive interrupt included, while no
 * byte reaches the console. Interrupts stay locked while loopback is on,
 * so no printk is swallowed, except in the loopback case of the
 * uart_irq_api suite, where the test thread only waits.
 *
 * Cases run in name order, suites too: console_input before uart_irq_api.
 */
#include <vireo/console/console.h>
#include <vireo/drivers/uart.h>
#include <vireo/kernel.h>
#include <vireo/ztest.h>

#define UART_REG(idx)                                                          \
	((volatile uint8_t *)(CONFIG_UART_NS16550_BASE +                        \
			      ((idx) << CONFIG_UART_NS16550_REG_SHIFT)))
#define REG_DLL 0
#define REG_DLM 1
#define REG_LCR 3
#define REG_MCR 4
#define LCR_DLAB 0x80
#define MCR_LOOP 0x10
#define UART_IRQ IRQ_PLIC(CONFIG_UART_NS16550_PLIC_SOURCE)

static const char typed[] = "hello\nvireo\n";

/* One helper thread at a time, stopped after each case even if it fails. */
static K_THREAD_STACK_DEFINE(helper_stack, 1024);
static struct k_thread helper_thread;
static bool helper_started;
static volatile uint32_t spins;

static const struct device *uart(void)
{
	return device_get_binding("uart0");
}

/*
 * The PLIC's enable bit for the UART, read from the PLIC itself:
 * irq_is_enabled() decodes the IRQ number the way irq_enable() does, so
 * it cannot tell whether the right source was enabled.
 */
static bool plic_enabled_uart_source(void)
{
	const unsigned int src = CONFIG_UART_NS16550_PLIC_SOURCE;
	volatile uint32_t *word =
		(volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_PLIC_BASE + 0x2000U +
				      0x80U * CONFIG_RISCV_PLIC_CONTEXT + 4U * (src / 32U));

	return ((*word >> (src % 32U)) & 1U) != 0;
}

static void loopback(bool on)
{
	uint8_t mcr = *UART_REG(REG_MCR);

	*UART_REG(REG_MCR) = on ? (mcr | MCR_LOOP) : (mcr & ~MCR_LOOP);
}

/* Receive @p c as if typed; its interrupt is taken on return. */
static void inject(uint8_t c)
{
	unsigned int key = irq_lock();

	loopback(true);
	uart_poll_out(uart(), c);
	while (uart_irq_tx_complete(uart()) != 1) {
	}
	loopback(false);
	irq_unlock(key);
}

/* Counts; when the count reaches inject_after, "types" a Z. */
static void spinner(void *inject_after, void *p2, void *p3)
{
	uint32_t limit = (uint32_t)(uintptr_t)inject_after;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (;;) {
		if (++spins == limit) {
			inject('Z');
		}
	}
}

/*
 * Below the (cooperative) test thread, so the helper runs only while the
 * test thread waits.
 */
static void start_helper(k_thread_entry_t entry, uint32_t arg)
{
	spins = 0;
	helper_started = true;
	k_thread_create(&helper_thread, helper_stack, K_THREAD_STACK_SIZEOF(helper_stack), entry,
			(void *)(uintptr_t)arg, NULL, NULL, K_PRIO_PREEMPT(5), 0, K_NO_WAIT);
}

static void stop_helper(void *fixture)
{
	ARG_UNUSED(fixture);
	if (helper_started) {
		k_thread_abort(&helper_thread);
		helper_started = false;
	}
}

ZTEST(console_input, test_1_init_enables_uart_interrupt)
{
	zassert_equal(console_getchar_timeout(K_NO_WAIT), -ENODEV, "read before console_init");
	zassert_false(irq_is_enabled(UART_IRQ), "UART line enabled before console_init");
	zassert_ok(console_init());
	zassert_true(irq_is_enabled(UART_IRQ), "PLIC source %d", CONFIG_UART_NS16550_PLIC_SOURCE);
	zassert_true(plic_enabled_uart_source(), "the PLIC enable bit of source %d is clear",
		     CONFIG_UART_NS16550_PLIC_SOURCE);
	zassert_ok(console_init(), "console_init is not idempotent");
}

/*
 * Keeps a timeout pending while the reader waits for typed input: when
 * nothing at all is pending, the timer is parked at "never", and QEMU
 * under -icount sleep=off then stops serving its console input.
 */
static void ticker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (;;) {
		k_msleep(10);
	}
}

ZTEST(console_input, test_2_typed_lines_arrive_in_order)
{
	uint8_t got[sizeof(typed) - 1];

	/* Fail now rather than wait forever for input that cannot arrive. */
	zassert_true(plic_enabled_uart_source(), "UART interrupt not enabled in the PLIC");
	start_helper(ticker, 0);
	for (size_t i = 0; i < sizeof(got); i++) {
		int c = console_getchar();

		zassert_between_inclusive(c, 0, 255, "byte %u: %d", (unsigned int)i, c);
		got[i] = (uint8_t)c;
	}
	printk("console_input: received");
	for (size_t i = 0; i < sizeof(got); i++) {
		printk(" %02x", got[i]);
	}
	printk("\n");
	zassert_mem_equal(got, typed, sizeof(got));
	zassert_equal(console_input_dropped(), 0);
}

ZTEST(console_input, test_3_timeout_lets_other_threads_run)
{
	int rc;
	uint32_t seen;

	start_helper(spinner, 0);
	zassert_equal(spins, 0, "the spinner ran before the reader blocked");
	rc = console_getchar_timeout(K_MSEC(5));
	seen = spins;
	zassert_equal(rc, -EAGAIN, "no input was due, got %d", rc);
	zassert_true(seen > 0, "the spinner never ran while the reader waited");
	zassert_equal(console_getchar_timeout(K_NO_WAIT), -EAGAIN);
}

ZTEST(console_input, test_4_interrupt_wakes_blocked_reader)
{
	const uint32_t inject_after = 10000;
	int c;
	uint32_t seen;

	start_helper(spinner, inject_after);
	c = console_getchar();
	seen = spins;
	zassert_equal(c, 'Z', "got %d", c);
	/* Only the receive interrupt could have woken the reader. */
	zassert_equal(seen, inject_after, "the reader ran before its byte came");
}

ZTEST(console_input, test_5_full_buffer_drops_and_counts)
{
	const uint32_t extra = 6;
	const uint32_t total = CONFIG_CONSOLE_INPUT_BUFFER_SIZE + extra;
	uint32_t dropped_before = console_input_dropped();

	for (uint32_t i = 0; i < total; i++) {
		inject((uint8_t)('a' + i % 26));
	}
	zassert_equal(console_input_dropped() - dropped_before, extra);
	/* The oldest bytes are kept. */
	for (int i = 0; i < CONFIG_CONSOLE_INPUT_BUFFER_SIZE; i++) {
		zassert_equal(console_getchar_timeout(K_NO_WAIT), 'a' + i % 26, "byte %d", i);
	}
	zassert_equal(console_getchar_timeout(K_NO_WAIT), -EAGAIN);
}

ZTEST_SUITE(console_input, NULL, NULL, NULL, stop_helper, NULL);

/* ---- The driver's interrupt-driven API, through a callback of our own. */

struct irq_job {
	const uint8_t *tx;
	int tx_len;
	int tx_done;
	uint8_t rx[32]; /* more than one FIFO: a full rx never stalls the loop */
	int rx_len;
	int rx_want;
	unsigned int calls;
	struct k_sem done;
};

static void job_cb(const struct device *dev, void *user_data)
{
	struct irq_job *job = user_data;

	job->calls++;
	while (uart_irq_update(dev) > 0 && uart_irq_is_pending(dev) > 0) {
		if (uart_irq_rx_ready(dev) > 0) {
			job->rx_len += uart_fifo_read(dev, job->rx + job->rx_len,
						      (int)sizeof(job->rx) - job->rx_len);
		}
		if (uart_irq_tx_ready(dev) > 0) {
			if (job->tx_done < job->tx_len) {
				job->tx_done += uart_fifo_fill(dev, job->tx + job->tx_done,
							       job->tx_len - job->tx_done);
			} else {
				uart_irq_tx_disable(dev);
			}
		}
	}
	if (job->tx_done == job->tx_len && job->rx_len >= job->rx_want) {
		k_sem_give(&job->done);
	}
}

static void job_start(struct irq_job *job, const char *text, int rx_want)
{
	*job = (struct irq_job){ .tx = (const uint8_t *)text, .tx_len = (int)strlen(text),
				 .rx_want = rx_want };
	k_sem_init(&job->done, 0, 1);
	zassert_ok(uart_irq_callback_user_data_set(uart(), job_cb, job));
}

ZTEST(uart_irq_api, test_divisor_arithmetic)
{
	uint32_t latch;
	unsigned int key;

	zassert_equal(UART_DIVISOR_16X(1843200, 9600), 12);
	zassert_equal(UART_DIVISOR_16X(3686400, 115200), 2);
	zassert_equal(UART_DIVISOR_16X(10000000, 115200), 5, "5.43 rounds down");
	zassert_equal(UART_DIVISOR_16X(1000000, 38400), 2, "1.63 rounds up");
	zassert_equal(UART_DIVISOR_16X(2400, 100), 2, "1.5 rounds up");
	zassert_equal(UART_DIVISOR_16X(1000000000, 300), 208333, "largest clock, slowest line");
	zassert_equal(UART_DIVISOR_16X(1000000000, 4000000), 16, "largest clock, fastest line");
	/* The driver programmed the latch with the board's values. */
	key = irq_lock();
	*UART_REG(REG_LCR) |= LCR_DLAB;
	latch = *UART_REG(REG_DLL) | ((uint32_t)*UART_REG(REG_DLM) << 8);
	*UART_REG(REG_LCR) &= ~LCR_DLAB;
	irq_unlock(key);
	zassert_equal(latch, UART_DIVISOR_16X(CONFIG_UART_NS16550_CLOCK_HZ,
					      CONFIG_UART_NS16550_BAUD));
}

static int no_poll_in(const struct device *dev, unsigned char *c)
{
	ARG_UNUSED(dev);
	ARG_UNUSED(c);
	return -1;
}

static void no_poll_out(const struct device *dev, unsigned char c)
{
	ARG_UNUSED(dev);
	ARG_UNUSED(c);
}

ZTEST(uart_irq_api, test_polled_only_driver_reports_enosys)
{
	static const struct uart_driver_api polled_api = { .poll_in = no_poll_in,
							   .poll_out = no_poll_out };
	static const struct device polled = { .name = "polled", .api = &polled_api };
	uint8_t buf[1];

	zassert_equal(uart_irq_callback_user_data_set(&polled, job_cb, NULL), -ENOSYS);
	zassert_equal(uart_fifo_read(&polled, buf, 1), -ENOSYS);
	zassert_equal(uart_fifo_fill(&polled, buf, 1), -ENOSYS);
	zassert_equal(uart_irq_rx_ready(&polled), -ENOSYS);
	zassert_equal(uart_irq_tx_ready(&polled), -ENOSYS);
	zassert_equal(uart_irq_tx_complete(&polled), -ENOSYS);
	zassert_equal(uart_irq_is_pending(&polled), -ENOSYS);
	zassert_equal(uart_irq_update(&polled), -ENOSYS);
	/* The void calls do nothing. */
	uart_irq_rx_enable(&polled);
	uart_irq_rx_disable(&polled);
	uart_irq_tx_enable(&polled);
	uart_irq_tx_disable(&polled);
}

ZTEST(uart_irq_api, test_tx_interrupt_reaches_console)
{
	static struct irq_job job;
	int rc;

	job_start(&job, "uart_irq_api: this line was sent by the TX interrupt\r\n", 0);
	uart_irq_tx_enable(uart());
	rc = k_sem_take(&job.done, K_MSEC(100));
	uart_irq_tx_disable(uart());
	zassert_ok(console_init(), "giving the UART back to the console");
	zassert_ok(rc, "sent %d of %d bytes", job.tx_done, job.tx_len);
	zassert_true(job.calls > 0);
	zassert_equal(uart_irq_tx_ready(uart()), 0, "TX interrupt still enabled");
}

ZTEST(uart_irq_api, test_rx_and_tx_interrupts_in_loopback)
{
	static struct irq_job job;
	static const char text[] = "0123456789abcdef"; /* one FIFO's worth */
	unsigned int key;
	int rc;

	job_start(&job, text, sizeof(text) - 1);
	key = irq_lock();
	loopback(true);
	uart_irq_rx_enable(uart());
	uart_irq_tx_enable(uart());
	irq_unlock(key);
	rc = k_sem_take(&job.done, K_MSEC(100));
	key = irq_lock();
	uart_irq_tx_disable(uart());
	while (uart_irq_tx_complete(uart()) != 1) {
	}
	loopback(false);
	irq_unlock(key);
	zassert_ok(console_init(), "giving the UART back to the console");
	zassert_ok(rc, "sent %d, received %d", job.tx_done, job.rx_len);
	zassert_equal(job.rx_len, (int)sizeof(text) - 1);
	zassert_mem_equal(job.rx, text, sizeof(text) - 1);
	zassert_true(job.calls > 0);
}

ZTEST_SUITE(uart_irq_api, NULL, NULL, NULL, NULL, NULL);
