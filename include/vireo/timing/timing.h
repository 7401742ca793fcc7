/*
 * Fine-grained timing (a subset of Zephyr's timing/timing.h): a counter
 * read in a few instructions. On RISC-V it is the cycle CSR, which under
 * QEMU's -icount counts executed instructions, so measurements are
 * deterministic instruction counts.
 */
#ifndef VIREO_INCLUDE_TIMING_TIMING_H_
#define VIREO_INCLUDE_TIMING_TIMING_H_

#include <stdint.h>
#include <vireo/arch_interface.h>

typedef uint64_t timing_t;

/** @brief Nothing to set up on RISC-V; kept for Zephyr compatibility. */
static inline void timing_init(void)
{
}

static inline void timing_start(void)
{
}

static inline void timing_stop(void)
{
}

/** @brief The current counter value. */
static ALWAYS_INLINE timing_t timing_counter_get(void)
{
	return arch_timing_counter_get();
}

/** @brief Counter ticks between two readings. */
static inline uint64_t timing_cycles_get(volatile timing_t *const start,
					 volatile timing_t *const end)
{
	return *end - *start;
}

#endif /* VIREO_INCLUDE_TIMING_TIMING_H_ */
