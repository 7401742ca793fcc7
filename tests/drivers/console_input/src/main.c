/*
 * Console input through the board's UART driver, interrupt-driven, and
 * that driver's TX interrupt, with nothing but the UART API and the
 * console: console_init() enables the UART's PLIC source, the two lines
 * the runner types arrive in order through the receive interrupt, and a
 * line sent by filling the FIFO from the TX interrupt reaches the console.
 * Cases run in name order.
 */
#include <string.h>
#include <vireo/console/console.h>
#include <vireo/drivers/uart.h>
#include <vireo/kernel.h>
#include <vireo/ztest.h>
#include "../../../kernel/common/uart_tx_irq.h"

#define UART_IRQ IRQ_PLIC(UART_TX_IRQ_SOURCE)

static const char typed[] = "hello\nvireo\n";

static K_THREAD_STACK_DEFINE(ticker_stack, 512);
static struct k_thread ticker_thread;

static const struct device *uart(void)
{
	return device_get_binding("uart0");
}

ZTEST(console_input, test_1_init_enables_uart_interrupt)
{
	zassert_equal(console_getchar_timeout(K_NO_WAIT), -ENODEV, "read before console_init");
	zassert_false(irq_is_enabled(UART_IRQ), "UART line enabled before console_init");
	zassert_ok(console_init());
	zassert_true(irq_is_enabled(UART_IRQ), "PLIC source %d", UART_TX_IRQ_SOURCE);
}

/*
 * Keeps a timeout pending while the reader waits: with nothing pending,
 * QEMU under -icount sleep=off stops serving its console input.
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

	k_thread_create(&ticker_thread, ticker_stack, K_THREAD_STACK_SIZEOF(ticker_stack), ticker,
			NULL, NULL, NULL, K_PRIO_PREEMPT(5), 0, K_NO_WAIT);
	for (size_t i = 0; i < sizeof(got); i++) {
		int c = console_getchar_timeout(K_MSEC(5000));

		zassert_between_inclusive(c, 0, 255, "byte %u: %d", (unsigned int)i, c);
		got[i] = (uint8_t)c;
	}
	k_thread_abort(&ticker_thread);
	printk("console_input: received");
	for (size_t i = 0; i < sizeof(got); i++) {
		printk(" %02x", got[i]);
	}
	printk("\n");
	zassert_mem_equal(got, typed, sizeof(got));
	zassert_equal(console_input_dropped(), 0);
	zassert_equal(console_getchar_timeout(K_MSEC(5)), -EAGAIN, "input nobody typed");
}

struct tx_job {
	const char *text;
	int len;
	int done;
	unsigned int calls;
	struct k_sem finished;
};

static struct tx_job job;

/* Fill the FIFO while the TX interrupt says there is room; stop at the end. */
static void tx_cb(const struct device *dev, void *user_data)
{
	struct tx_job *j = user_data;

	j->calls++;
	while (uart_irq_update(dev) > 0 && uart_irq_tx_ready(dev) > 0) {
		if (j->done < j->len) {
			j->done += uart_fifo_fill(dev, (const uint8_t *)j->text + j->done,
						  j->len - j->done);
		} else {
			uart_irq_tx_disable(dev);
			k_sem_give(&j->finished);
		}
	}
}

ZTEST(console_input, test_3_tx_interrupt_sends_a_line)
{
	job = (struct tx_job){ .text = "console_input: this line was sent by the TX interrupt\r\n" };
	job.len = (int)strlen(job.text);
	k_sem_init(&job.finished, 0, 1);
	zassert_ok(uart_irq_callback_user_data_set(uart(), tx_cb, &job));
	uart_irq_tx_enable(uart());
	zassert_ok(k_sem_take(&job.finished, K_MSEC(1000)), "sent %d of %d", job.done, job.len);
	zassert_equal(job.done, job.len);
	/* More than one FIFO's worth: the interrupt came back for the rest. */
	zassert_true(job.calls > 1, "one callback for %d bytes", job.len);
	zassert_equal(uart_irq_tx_ready(uart()), 0, "TX interrupt still enabled");
}

ZTEST_SUITE(console_input, NULL, NULL, NULL, NULL, NULL);
