/*
 * UART driver API (the polled subset of Zephyr's drivers/uart.h).
 */
#ifndef VIREO_INCLUDE_DRIVERS_UART_H_
#define VIREO_INCLUDE_DRIVERS_UART_H_

#include <vireo/device.h>

/** Operations a UART driver provides; the device's api points to one. */
struct uart_driver_api {
	int (*poll_in)(const struct device *dev, unsigned char *p_char);
	void (*poll_out)(const struct device *dev, unsigned char out_char);
};

/**
 * @brief Read one character without waiting.
 * @retval 0 a character was stored in @p p_char
 * @retval -1 no character available
 */
static inline int uart_poll_in(const struct device *dev, unsigned char *p_char)
{
	const struct uart_driver_api *api = dev->api;

	return api->poll_in(dev, p_char);
}

/** @brief Write one character, waiting for room in the transmitter. */
static inline void uart_poll_out(const struct device *dev, unsigned char out_char)
{
	const struct uart_driver_api *api = dev->api;

	api->poll_out(dev, out_char);
}

#endif /* VIREO_INCLUDE_DRIVERS_UART_H_ */
