/*
 * ESP32-C3 UART clock divider arithmetic, kept free of registers so it is
 * tested on the host (tests/unit/esp32_uart). The UART divides its source
 * clock by an integral part (12 bits, CLKDIV[11:0]) plus a fraction in
 * sixteenths (CLKDIV[23:20]): baud = clock / (int + frag / 16).
 */
#ifndef VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_
#define VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_

#include <stdint.h>

/**
 * @brief CLKDIV register value for @p baud from @p clock_hz, the divider
 * rounded to the nearest sixteenth; 0 when it does not fit (integral part
 * 0 or above 4095, or baud 0).
 */
static inline uint32_t esp32_uart_clkdiv(uint32_t clock_hz, uint32_t baud)
{
	uint64_t sixteenths;
	uint32_t div_int, frag;

	if (baud == 0) {
		return 0;
	}
	sixteenths = ((uint64_t)clock_hz * 16U + baud / 2U) / baud;
	div_int = (uint32_t)(sixteenths >> 4);
	frag = (uint32_t)(sixteenths & 0xfU);
	if (div_int == 0 || div_int > 0xfffU) {
		return 0;
	}
	return div_int | (frag << 20);
}

/** @brief The baud rate a CLKDIV value gives from @p clock_hz (rounded down). */
static inline uint32_t esp32_uart_baud(uint32_t clock_hz, uint32_t clkdiv)
{
	uint32_t sixteenths = ((clkdiv & 0xfffU) << 4) | ((clkdiv >> 20) & 0xfU);

	return sixteenths == 0 ? 0 : (uint32_t)((uint64_t)clock_hz * 16U / sixteenths);
}

#endif /* VIREO_INCLUDE_DRIVERS_SERIAL_UART_ESP32_H_ */
