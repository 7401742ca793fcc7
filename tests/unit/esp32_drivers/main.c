/*
 * Host tests of the ESP32-C3 drivers' arithmetic: the SYSTIMER's tick and
 * target computations (esp32c3_systimer_math.h: targets never behind the
 * counter, never beyond 52 bits, split into the 20/32-bit register halves)
 * and the UART clock divider (uart_esp32.h: 115200 from the 40 and 80 MHz
 * clocks within the divider's resolution, round trips, out-of-range
 * rejections).
 */
#include <stdint.h>
#include <stdlib.h>
#include <vireo/drivers/serial/uart_esp32.h>
#include <vireo/drivers/timer/esp32c3_systimer_math.h>
#include "unit_check.h"

#define CYC_PER_TICK 1600U /* 16 MHz, 10 kHz ticks */

static void test_ticks(unsigned int arg)
{
	(void)arg;
	CHECK_EQ(systimer_cycles_to_ticks(0, CYC_PER_TICK), 0);
	CHECK_EQ(systimer_cycles_to_ticks(1599, CYC_PER_TICK), 0);
	CHECK_EQ(systimer_cycles_to_ticks(1600, CYC_PER_TICK), 1);
	CHECK_EQ(systimer_cycles_to_ticks(0xffffffffULL, CYC_PER_TICK), 0xffffffffULL / 1600);
	/* Past 32 bits the 64-bit path gives the same quotient. */
	CHECK_EQ(systimer_cycles_to_ticks(0x100000000ULL + 3200, CYC_PER_TICK),
		 (0x100000000ULL + 3200) / 1600);
	CHECK_EQ(systimer_cycles_to_ticks(1ULL << 40, 16000U), (1ULL << 40) / 16000);
}

static void test_target(unsigned int arg)
{
	(void)arg;
	/* A deadline in the future is the tick boundary itself. */
	CHECK_EQ(systimer_target(16000, 3, CYC_PER_TICK, 16100, 32), 16000 + 3 * 1600);
	/* A boundary already passed (or too close) moves to now + min_delta. */
	CHECK_EQ(systimer_target(16000, 0, CYC_PER_TICK, 16100, 32), 16132);
	CHECK_EQ(systimer_target(16000, 1, CYC_PER_TICK, 17590, 32), 17622);
	CHECK_EQ(systimer_target(16000, 1, CYC_PER_TICK, 17568, 32), 17600);
	/* Huge tick counts saturate at the counter's 52 bits. */
	CHECK_EQ(systimer_target(SYSTIMER_COUNTER_MASK - 10, 0xffffffffU, CYC_PER_TICK,
				 SYSTIMER_COUNTER_MASK - 20, 32),
		 SYSTIMER_COUNTER_MASK);
}

static void test_halves(unsigned int arg)
{
	uint64_t v = 0x000abcde12345678ULL;

	(void)arg;
	CHECK_EQ(systimer_hi(v), 0xabcde);
	CHECK_EQ(systimer_lo(v), 0x12345678);
	CHECK_EQ(systimer_hi(SYSTIMER_COUNTER_MASK), 0xfffff);
	CHECK_EQ(((uint64_t)systimer_hi(v) << 32) | systimer_lo(v), v);
}

/* Random targets: never earlier than asked unless clamped up, never behind now + delta. */
static void test_target_random(unsigned int seed)
{
	srand(seed);
	for (int i = 0; i < 100000 && case_failures == 0; i++) {
		uint64_t last = (((uint64_t)rand() << 20) ^ (uint64_t)rand()) & ((1ULL << 48) - 1);
		uint64_t now = last + (uint64_t)(rand() % 100000);
		uint32_t ticks = (uint32_t)rand() % 1000;
		uint64_t t = systimer_target(last, ticks, CYC_PER_TICK, now, 32);
		uint64_t want = last + (uint64_t)ticks * CYC_PER_TICK;

		snprintf(where, sizeof(where), "seed %u last %llu now %llu ticks %u", seed,
			 (unsigned long long)last, (unsigned long long)now, ticks);
		CHECK(t >= now + 32);
		CHECK(t == want || (want < now + 32 && t == now + 32));
	}
}

static void test_uart_divisor(unsigned int arg)
{
	uint32_t div;

	(void)arg;
	/* 40 MHz / 115200 = 347.22 -> 347 + 4/16 (347.25). */
	div = esp32_uart_clkdiv(40000000U, 115200U);
	CHECK_EQ(div & 0xfff, 347);
	CHECK_EQ(div >> 20, 4);
	/* 80 MHz / 115200 = 694.44 -> 694 + 7/16. */
	div = esp32_uart_clkdiv(80000000U, 115200U);
	CHECK_EQ(div & 0xfff, 694);
	CHECK_EQ(div >> 20, 7);
	/* The resulting rate is within 0.02 % of the asked one. */
	CHECK(abs((int)esp32_uart_baud(80000000U, div) - 115200) < 115200 / 5000);
	CHECK(abs((int)esp32_uart_baud(40000000U, esp32_uart_clkdiv(40000000U, 115200U)) -
		  115200) < 115200 / 5000);
	/* 40 MHz / 2.5 MBd = 16 exactly; 40 MHz / 19200 = 2083 + 5.33/16 -> 2083 + 5/16. */
	CHECK_EQ(esp32_uart_clkdiv(40000000U, 2500000U), 16);
	CHECK_EQ(esp32_uart_clkdiv(40000000U, 19200U), 2083 | (5U << 20));
	/* 9600 needs 4166.67 (40 MHz) or 8333.33 (80 MHz): beyond the 12-bit integral part. */
	CHECK_EQ(esp32_uart_clkdiv(40000000U, 9600U), 0);
	CHECK_EQ(esp32_uart_clkdiv(80000000U, 9600U), 0);
	/* Rejections: baud 0, a clock slower than the baud rate. */
	CHECK_EQ(esp32_uart_clkdiv(40000000U, 0), 0);
	CHECK_EQ(esp32_uart_clkdiv(1000000U, 2000000U), 0);
	CHECK_EQ(esp32_uart_baud(40000000U, 0), 0);
}

int main(void)
{
	run_case("ticks", test_ticks, 0);
	run_case("target", test_target, 0);
	run_case("halves", test_halves, 0);
	for (unsigned int seed = 1; seed <= 3; seed++) {
		run_case("target_random", test_target_random, seed);
	}
	run_case("uart_divisor", test_uart_divisor, 0);
	return unit_summary();
}
