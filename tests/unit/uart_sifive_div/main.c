/*
 * SiFive UART baud arithmetic (drivers/serial/uart_sifive.h): the divisor
 * the driver programs, the rate it gives, and the 2% check the build makes.
 * QEMU ignores the divisor, so this is where it is proven right for the
 * HiFive1 (16 MHz tlclk, 115200 baud).
 */
#include <stdint.h>
#include <stdlib.h>
#include "uart_sifive.h"
#include "unit_check.h"

/* The driver checks its divisor at build time: these must be constants. */
_Static_assert(UART_SIFIVE_DIVISOR(16000000, 115200) == 138, "HiFive1 console divisor");
_Static_assert(UART_SIFIVE_RATE_OK(16000000, 115200, 138, 20), "HiFive1 console rate");

static void known_values(unsigned int arg)
{
	(void)arg;
	/* 16e6 / 115200 = 138.9: 139 clocks a bit, register 138, 0.08% slow. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(16000000, 115200), 138);
	CHECK_EQ(UART_SIFIVE_ACTUAL_BAUD(16000000, 138), 115107);
	/* 16e6 / 9600 = 1666.7: 1667 clocks, register 1666. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(16000000, 9600), 1666);
	CHECK_EQ(UART_SIFIVE_ACTUAL_BAUD(16000000, 1666), 9598);
	/* Exact ratios: 16e6 / 1e6 is 16 clocks a bit, register 15. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(16000000, 1000000), 15);
	CHECK_EQ(UART_SIFIVE_DIVISOR(115200, 115200), 0);
	/* The FE310 boot clock (HFROSC ~13.8 MHz) and a 320 MHz PLL. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(13800000, 115200), 119);
	CHECK_EQ(UART_SIFIVE_DIVISOR(320000000, 115200), 2777);
	/* Rounds to nearest: 2.49 -> 2, 2.5 -> 3 clocks a bit. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(249, 100), 1);
	CHECK_EQ(UART_SIFIVE_DIVISOR(250, 100), 2);
	/* 64-bit arithmetic: no overflow near the top of a 32-bit clock. */
	CHECK_EQ(UART_SIFIVE_DIVISOR(4294967295U, 4294967295U), 0);
	CHECK_EQ(UART_SIFIVE_DIVISOR(4294967295U, 300), 14316557);
}

static void rate_check(unsigned int arg)
{
	(void)arg;
	CHECK(UART_SIFIVE_RATE_OK(16000000, 115200, 138, 20));
	CHECK(UART_SIFIVE_RATE_OK(16000000, 9600, 1666, 20));
	/* A 32768 Hz clock cannot make 9600 baud: 10923 is 13.8% fast. */
	CHECK(!UART_SIFIVE_RATE_OK(32768, 9600, UART_SIFIVE_DIVISOR(32768, 9600), 20));
	CHECK(UART_SIFIVE_RATE_OK(32768, 9600, UART_SIFIVE_DIVISOR(32768, 9600), 140));
	/* The limits are inclusive: 2% fast and slow pass, one more Hz fails. */
	CHECK(UART_SIFIVE_RATE_OK(1020, 1000, 0, 20));
	CHECK(!UART_SIFIVE_RATE_OK(1021, 1000, 0, 20));
	CHECK(UART_SIFIVE_RATE_OK(980, 1000, 0, 20));
	CHECK(!UART_SIFIVE_RATE_OK(979, 1000, 0, 20));
	/* A wrong divisor is caught: 139 for 115200 at 16 MHz is 0.8% slow... */
	CHECK(UART_SIFIVE_RATE_OK(16000000, 115200, 139, 20));
	/* ...and 16 (the "16x oversampling" mistake) is 8 times off. */
	CHECK(!UART_SIFIVE_RATE_OK(16000000, 115200, 8, 20));
}

/*
 * For every clock and rate: div + 1 is the integer nearest to
 * clock / baud (|clock - baud (div + 1)| <= baud / 2), so no other
 * divisor gives a closer rate.
 */
static void nearest_everywhere(unsigned int arg)
{
	static const uint32_t bauds[] = { 300, 1200, 9600, 19200, 38400, 57600, 115200,
					  230400, 460800, 921600, 1000000, 3000000 };
	unsigned int checked = 0;

	(void)arg;
	for (uint64_t clock = 1000000; clock <= 400000000; clock += 999983) {
		for (size_t i = 0; i < sizeof(bauds) / sizeof(bauds[0]); i++) {
			uint64_t baud = bauds[i];
			uint64_t n = UART_SIFIVE_DIVISOR(clock, baud) + 1;
			uint64_t diff = clock > baud * n ? clock - baud * n : baud * n - clock;

			if (clock < baud) {
				continue;
			}
			checked++;
			if (!check(2 * diff <= baud, __LINE__,
				   "clock %llu baud %llu: %llu clocks a bit is not the nearest",
				   (unsigned long long)clock, (unsigned long long)baud,
				   (unsigned long long)n)) {
				return;
			}
		}
	}
	CHECK(checked > 4000);
}

int main(void)
{
	run_case("known_values", known_values, 0);
	run_case("rate_check", rate_check, 0);
	run_case("nearest_everywhere", nearest_everywhere, 0);
	return unit_summary();
}
