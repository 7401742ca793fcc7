/*
 * ESP32-C3 UART clock divider arithmetic, kept free of registers so it is
 * tested on the host (tests/unit/esp32_uart). The UART divides its source
 * clock by an integral part (12 bits, CLKDIV[11:0]) plus a fraction in
 * sixteenths (CLKDIV[23:20]): baud = clock / (int + frag / 16).
 */
#ifndef VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_
#define VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_

#include <stdint.h>

/* The divider in sixteenths, rounded to nearest (baud must not be 0). */
#define ESP32_UART_SIXTEENTHS(clock_hz, baud)                                  \
	(((uint64_t)(clock_hz) * 16U + (uint64_t)(baud) / 2U) / (uint64_t)(baud))

/**
 * @brief CLKDIV register value for @p baud (not 0) from @p clock_hz, the
 * divider rounded to the nearest sixteenth: integral part in bits 11:0,
 * sixteenths in bits 23:20; 0 when the integral part is 0 or above 4095.
 * A constant expression for constant arguments (for BUILD_ASSERT).
 */
#define ESP32_UART_CLKDIV(clock_hz, baud)                                      \
	((ESP32_UART_SIXTEENTHS(clock_hz, baud) >> 4) == 0 ||                  \
			 (ESP32_UART_SIXTEENTHS(clock_hz, baud) >> 4) > 0xfffU \
		 ? 0U                                                          \
		 : (uint32_t)((ESP32_UART_SIXTEENTHS(clock_hz, baud) >> 4) |   \
			      ((ESP32_UART_SIXTEENTHS(clock_hz, baud) & 0xfU) << 20)))

/** @brief ESP32_UART_CLKDIV() for run-time values; 0 also for baud 0. */
static inline uint32_t esp32_uart_clkdiv(uint32_t clock_hz, uint32_t baud)
{
	return baud == 0 ? 0U : ESP32_UART_CLKDIV(clock_hz, baud);
}

/** @brief The baud rate a CLKDIV value gives from @p clock_hz (rounded down). */
static inline uint32_t esp32_uart_baud(uint32_t clock_hz, uint32_t clkdiv)
{
	uint32_t sixteenths = ((clkdiv & 0xfffU) << 4) | ((clkdiv >> 20) & 0xfU);

	return sixteenths == 0 ? 0 : (uint32_t)((uint64_t)clock_hz * 16U / sixteenths);
}

#endif /* VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_ */
