/*
 * The system timer driver interface (Zephyr's drivers/timer/system_timer.h):
 * what the kernel's time keeping needs from the board's timer hardware.
 * Exactly one driver implements it.
 */
#ifndef VIREO_INCLUDE_DRIVERS_TIMER_SYSTEM_TIMER_H_
#define VIREO_INCLUDE_DRIVERS_TIMER_SYSTEM_TIMER_H_

#include <stdbool.h>
#include <stdint.h>

/**
 * @brief Ask for the next timer interrupt @p ticks ticks after the last
 * announced tick (K_TICKS_FOREVER: none needed). Called by the kernel with
 * interrupts locked whenever the earliest deadline changes. A periodic
 * (non-tickless) driver ignores it and interrupts every tick. An interrupt
 * earlier than asked is allowed; a later one is not.
 */
void sys_clock_set_timeout(int32_t ticks, bool idle);

/**
 * @brief Whole ticks elapsed since the last sys_clock_announce().
 * Called with interrupts locked.
 */
uint32_t sys_clock_elapsed(void);

/**
 * @brief Called by the driver's ISR: @p ticks whole ticks have elapsed
 * since the previous call. Runs due timeouts and reprograms the timer.
 */
void sys_clock_announce(int32_t ticks);

/** @brief The timer's free-running cycle counter. */
uint32_t sys_clock_cycle_get_32(void);
uint64_t sys_clock_cycle_get_64(void);

#endif /* VIREO_INCLUDE_DRIVERS_TIMER_SYSTEM_TIMER_H_ */
