/*
 * Kernel time: ticks, timeouts and unit conversions (Zephyr's
 * sys_clock.h and the K_* timeout macros of kernel.h).
 *
 * A k_timeout_t holds a tick count: K_NO_WAIT is 0, K_FOREVER is -1, a
 * relative timeout is positive, and an absolute deadline t (ticks since
 * boot) is stored as -2 - t, Zephyr's encoding, so that code written for
 * Zephyr ports unchanged. Millisecond and microsecond timeouts round up to
 * whole ticks: a timeout never expires early.
 */
#ifndef VIREO_INCLUDE_SYS_CLOCK_H_
#define VIREO_INCLUDE_SYS_CLOCK_H_

#include <stdbool.h>
#include <stdint.h>

typedef int64_t k_ticks_t;

typedef struct {
	k_ticks_t ticks;
} k_timeout_t;

#define K_TICKS_FOREVER ((k_ticks_t)-1)

#define Z_TIMEOUT_TICKS(t) ((k_timeout_t){ .ticks = (t) })
#define Z_HZ_ticks CONFIG_SYS_CLOCK_TICKS_PER_SEC

/* Conversions rounding up, computed in 64 bits. */
#define Z_CEIL_DIV(n, d) (((uint64_t)(n) + (uint64_t)(d) - 1) / (uint64_t)(d))
#define k_ms_to_ticks_ceil64(ms) ((k_ticks_t)Z_CEIL_DIV((uint64_t)(ms) * Z_HZ_ticks, 1000U))
#define k_us_to_ticks_ceil64(us) ((k_ticks_t)Z_CEIL_DIV((uint64_t)(us) * Z_HZ_ticks, 1000000U))
#define k_ticks_to_ms_floor64(t) ((int64_t)((uint64_t)(t) * 1000U / Z_HZ_ticks))
#define k_ticks_to_ms_ceil64(t) ((int64_t)Z_CEIL_DIV((uint64_t)(t) * 1000U, Z_HZ_ticks))
#define k_ticks_to_us_floor64(t) ((int64_t)((uint64_t)(t) * 1000000U / Z_HZ_ticks))
#define k_ticks_to_ms_floor32(t) ((uint32_t)k_ticks_to_ms_floor64(t))

#define K_NO_WAIT Z_TIMEOUT_TICKS(0)
#define K_FOREVER Z_TIMEOUT_TICKS(K_TICKS_FOREVER)
#define K_TICKS(t) Z_TIMEOUT_TICKS((k_ticks_t)(t) > 0 ? (k_ticks_t)(t) : 0)
#define K_NSEC(t) K_USEC(((t) + 999) / 1000)
#define K_USEC(t) Z_TIMEOUT_TICKS(k_us_to_ticks_ceil64((t) > 0 ? (t) : 0))
#define K_MSEC(ms) Z_TIMEOUT_TICKS(k_ms_to_ticks_ceil64((ms) > 0 ? (ms) : 0))
#define K_SECONDS(s) K_MSEC((s) * 1000)
#define K_MINUTES(m) K_SECONDS((m) * 60)
#define K_HOURS(h) K_MINUTES((h) * 60)

/** @brief Absolute deadline, in ticks since boot. */
#define K_TIMEOUT_ABS_TICKS(t) Z_TIMEOUT_TICKS(K_TICKS_FOREVER - 1 - (k_ticks_t)(t))
#define K_TIMEOUT_ABS_MS(t) K_TIMEOUT_ABS_TICKS(k_ms_to_ticks_ceil64(t))
#define K_TIMEOUT_ABS_US(t) K_TIMEOUT_ABS_TICKS(k_us_to_ticks_ceil64(t))

#define K_TIMEOUT_EQ(a, b) ((a).ticks == (b).ticks)

/* Kernel-internal helpers on the encoding. */
#define Z_IS_TIMEOUT_ABSOLUTE(t) ((t).ticks < K_TICKS_FOREVER)
#define Z_TIMEOUT_ABS_TICKS(t) (K_TICKS_FOREVER - 1 - (t).ticks)

#endif /* VIREO_INCLUDE_SYS_CLOCK_H_ */
