/*
 * SiFive UART baud arithmetic, kept apart from the driver so that it is
 * tested on the host (tests/unit/uart_sifive_div). Portable C, no device
 * access.
 *
 * The SiFive UART divides its input clock by (div + 1) to get the bit rate
 * (it oversamples internally, but the divider is per bit, not per 16th):
 *   baud = clock_hz / (div + 1)
 * so div = round(clock_hz / baud) - 1, which gives the bit rate closest to
 * the one asked for. The register holds 16 bits.
 */
#ifndef VIREO_DRIVERS_SERIAL_UART_SIFIVE_H_
#define VIREO_DRIVERS_SERIAL_UART_SIFIVE_H_

#include <stdint.h>

/*
 * Divisor register value for @p baud from @p clock_hz, rounded to the
 * nearest rate. A constant expression for constant arguments (the driver
 * checks the result at build time); 64-bit, so exact for any 32-bit clock.
 * Meaningful for clock_hz >= baud > 0; a result above 0xffff does not fit.
 */
#define UART_SIFIVE_DIVISOR(clock_hz, baud)                                    \
	((((uint64_t)(clock_hz) + (uint64_t)(baud) / 2U) / (uint64_t)(baud)) - 1U)

/* The bit rate a divisor really gives (rounded down to whole Hz). */
#define UART_SIFIVE_ACTUAL_BAUD(clock_hz, div) ((uint64_t)(clock_hz) / ((uint64_t)(div) + 1U))

/*
 * True when the rate @p div gives is within @p permille thousandths of
 * @p baud. A UART receiver samples mid-bit and tolerates a few percent
 * over a 10-bit frame; the driver asks for 2%.
 */
#define UART_SIFIVE_RATE_OK(clock_hz, baud, div, permille)                      \
	((uint64_t)(clock_hz) * 1000U >= (uint64_t)(baud) * ((uint64_t)(div) + 1U) *   \
						(1000U - (uint64_t)(permille)) && \
	 (uint64_t)(clock_hz) * 1000U <= (uint64_t)(baud) * ((uint64_t)(div) + 1U) *   \
						(1000U + (uint64_t)(permille)))

#endif /* VIREO_DRIVERS_SERIAL_UART_SIFIVE_H_ */
