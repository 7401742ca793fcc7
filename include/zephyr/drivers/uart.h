/* Zephyr compatibility: <zephyr/drivers/uart.h> is <vireo/drivers/uart.h>. */
#ifndef ZEPHYR_FWD_DRIVERS_UART_H_
#define ZEPHYR_FWD_DRIVERS_UART_H_
#include <vireo/drivers/uart.h>
#endif /* ZEPHYR_FWD_DRIVERS_UART_H_ */
