/*
 * Console: routes printk to the board's UART ("uart0") from early boot
 * (PRE_KERNEL_1, right after the UART itself). A newline goes out as CR LF
 * so that terminals return to the first column.
 */
#include <errno.h>
#include <vireo/device.h>
#include <vireo/drivers/uart.h>
#include <vireo/init.h>
#include <vireo/sys/printk.h>

static const struct device *console_dev;

static int console_out(int c)
{
	if (c == '\n') {
		uart_poll_out(console_dev, '\r');
	}
	uart_poll_out(console_dev, (unsigned char)c);
	return c;
}

static int uart_console_init(void)
{
	console_dev = device_get_binding("uart0");
	if (!device_is_ready(console_dev)) {
		return -ENODEV;
	}
	__printk_hook_install(console_out);
	return 0;
}

SYS_INIT(uart_console_init, PRE_KERNEL_1, 1);
