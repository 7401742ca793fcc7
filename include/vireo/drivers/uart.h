/*
 * UART driver API: the polled and the interrupt-driven subsets of Zephyr's
 * drivers/uart.h, with the same names, signatures and return codes.
 *
 * Polled calls work at any time, from any context, without locks (printk
 * and the fatal path use them). Interrupt-driven calls need
 * CONFIG_UART_INTERRUPT_DRIVEN and a driver that implements them; without
 * them the calls return -ENOSYS (or do nothing, for calls that return
 * void), as Zephyr's do.
 */
#ifndef VIREO_INCLUDE_DRIVERS_UART_H_
#define VIREO_INCLUDE_DRIVERS_UART_H_

#include <errno.h>
#include <stdint.h>
#include <vireo/device.h>

/**
 * @brief Interrupt callback, called from the UART's ISR.
 *
 * It typically calls uart_irq_update(), then uart_irq_rx_ready() /
 * uart_fifo_read() and uart_irq_tx_ready() / uart_fifo_fill().
 */
typedef void (*uart_irq_callback_user_data_t)(const struct device *dev, void *user_data);

/**
 * The interrupt-driven operations. A driver that offers them fills in
 * every one; the callback runs in the driver's ISR.
 */
struct uart_irq_driver_api {
	int (*fifo_fill)(const struct device *dev, const uint8_t *tx_data, int size);
	int (*fifo_read)(const struct device *dev, uint8_t *rx_data, const int size);
	void (*irq_tx_enable)(const struct device *dev);
	void (*irq_tx_disable)(const struct device *dev);
	int (*irq_tx_ready)(const struct device *dev);
	int (*irq_tx_complete)(const struct device *dev);
	void (*irq_rx_enable)(const struct device *dev);
	void (*irq_rx_disable)(const struct device *dev);
	int (*irq_rx_ready)(const struct device *dev);
	int (*irq_is_pending)(const struct device *dev);
	int (*irq_update)(const struct device *dev);
	void (*irq_callback_set)(const struct device *dev, uart_irq_callback_user_data_t cb,
				 void *user_data);
};

/**
 * Operations a UART driver provides; the device's api points to one.
 * @c irq is NULL when the driver, or this configuration, has no
 * interrupt-driven API; then its code is not linked in either.
 */
struct uart_driver_api {
	int (*poll_in)(const struct device *dev, unsigned char *p_char);
	void (*poll_out)(const struct device *dev, unsigned char out_char);
	const struct uart_irq_driver_api *irq;
};

/* The device's interrupt-driven operations, or NULL. */
static inline const struct uart_irq_driver_api *z_uart_irq_api(const struct device *dev)
{
	return ((const struct uart_driver_api *)dev->api)->irq;
}

/**
 * @brief Baud divisor of a UART that samples at 16 times the bit rate
 * (16550 and alike): @p clock_hz / (16 * @p baud), rounded to nearest.
 *
 * A constant expression for constant arguments, so a driver can check the
 * result's range at build time. Exact for clock_hz + 8 * baud < 2^32.
 */
#define UART_DIVISOR_16X(clock_hz, baud)                                        \
	(((uint32_t)(clock_hz) + 8U * (uint32_t)(baud)) / (16U * (uint32_t)(baud)))

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

/**
 * @brief Write bytes to the transmit FIFO, as many as fit now.
 *
 * Call from the UART callback when uart_irq_tx_ready() says there is room.
 * @return bytes written (0 to @p size)
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_fifo_fill(const struct device *dev, const uint8_t *tx_data, int size)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->fifo_fill(dev, tx_data, size) : -ENOSYS;
}

/**
 * @brief Read the bytes waiting in the receive FIFO, up to @p size.
 *
 * Call from the UART callback when uart_irq_rx_ready() says there is data.
 * @return bytes read (0 to @p size)
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_fifo_read(const struct device *dev, uint8_t *rx_data, const int size)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->fifo_read(dev, rx_data, size) : -ENOSYS;
}

/** @brief Enable the transmit-ready interrupt. */
static inline void uart_irq_tx_enable(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	if (irq != NULL) {
		irq->irq_tx_enable(dev);
	}
}

/** @brief Disable the transmit-ready interrupt. */
static inline void uart_irq_tx_disable(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	if (irq != NULL) {
		irq->irq_tx_disable(dev);
	}
}

/**
 * @brief Whether uart_fifo_fill() can write at least one byte now.
 * @retval 1 the transmit interrupt is enabled and there is room
 * @retval 0 no room, or the transmit interrupt is disabled
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_irq_tx_ready(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->irq_tx_ready(dev) : -ENOSYS;
}

/**
 * @brief Whether every byte written has left the transmitter.
 * @retval 1 nothing left to send
 * @retval 0 still sending
 * @retval -ENOSYS the driver cannot tell
 */
static inline int uart_irq_tx_complete(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->irq_tx_complete(dev) : -ENOSYS;
}

/** @brief Enable the receive-data interrupt. */
static inline void uart_irq_rx_enable(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	if (irq != NULL) {
		irq->irq_rx_enable(dev);
	}
}

/** @brief Disable the receive-data interrupt. */
static inline void uart_irq_rx_disable(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	if (irq != NULL) {
		irq->irq_rx_disable(dev);
	}
}

/**
 * @brief Whether uart_fifo_read() would return at least one byte now.
 * @retval 1 received data is waiting
 * @retval 0 none
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_irq_rx_ready(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->irq_rx_ready(dev) : -ENOSYS;
}

/**
 * @brief Whether the UART has an enabled interrupt pending, as seen by the
 * last uart_irq_update().
 * @retval 1 pending
 * @retval 0 none
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_irq_is_pending(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->irq_is_pending(dev) : -ENOSYS;
}

/**
 * @brief Latch the UART's interrupt state; call first in the callback.
 * @retval 1 done
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_irq_update(const struct device *dev)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	return irq != NULL ? irq->irq_update(dev) : -ENOSYS;
}

/**
 * @brief Set the callback the UART's ISR calls, replacing any previous one.
 *
 * With a NULL @p cb the driver masks the UART's interrupts when one arrives.
 * @retval 0 set
 * @retval -ENOSYS the driver has no interrupt-driven API
 */
static inline int uart_irq_callback_user_data_set(const struct device *dev,
						  uart_irq_callback_user_data_t cb,
						  void *user_data)
{
	const struct uart_irq_driver_api *irq = z_uart_irq_api(dev);

	if (irq == NULL) {
		return -ENOSYS;
	}
	irq->irq_callback_set(dev, cb, user_data);
	return 0;
}

#endif /* VIREO_INCLUDE_DRIVERS_UART_H_ */
