/*
 * Tick arithmetic of the ESP32-C3 SYSTIMER driver, kept free of registers
 * so it is tested on the host (tests/unit/esp32_systimer).
 *
 * The counter (UNIT0) is 52 bits wide and counts at 16 MHz: it wraps after
 * 8.9 years, which the driver does not handle. A comparator (TARGET0) fires
 * when the counter reaches its 52-bit target exactly, so a target already
 * passed would never fire: targets are kept at least min_delta ahead of
 * the counter.
 */
#ifndef VIREO_INCLUDE_DRIVERS_TIMER_ESP32C3_SYSTIMER_MATH_H_
#define VIREO_INCLUDE_DRIVERS_TIMER_ESP32C3_SYSTIMER_MATH_H_

#include <stdint.h>

#define SYSTIMER_COUNTER_MASK ((1ULL << 52) - 1)

/* Whole ticks in a cycle count (32-bit divide when it fits: one instruction). */
static inline uint32_t systimer_cycles_to_ticks(uint64_t cycles, uint32_t cyc_per_tick)
{
	if ((cycles >> 32) == 0) {
		return (uint32_t)cycles / cyc_per_tick;
	}
	return (uint32_t)(cycles / cyc_per_tick);
}

/*
 * The target for a deadline @p ticks (>= 0) ticks after the tick boundary
 * @p last: last + ticks * cyc_per_tick, but never less than now + min_delta
 * (an earlier interrupt is allowed, a missed one is not), and never beyond
 * the counter's 52 bits.
 */
static inline uint64_t systimer_target(uint64_t last, uint32_t ticks, uint32_t cyc_per_tick,
				       uint64_t now, uint32_t min_delta)
{
	uint64_t target = last + (uint64_t)ticks * cyc_per_tick;

	if (target < now + min_delta) {
		target = now + min_delta;
	}
	return target > SYSTIMER_COUNTER_MASK ? SYSTIMER_COUNTER_MASK : target;
}

/* The two halves the target registers take: high 20 bits, low 32 bits. */
static inline uint32_t systimer_hi(uint64_t value)
{
	return (uint32_t)(value >> 32) & 0xfffffU;
}

static inline uint32_t systimer_lo(uint64_t value)
{
	return (uint32_t)value;
}

#endif /* VIREO_INCLUDE_DRIVERS_TIMER_ESP32C3_SYSTIMER_MATH_H_ */
