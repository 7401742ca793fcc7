/*
 * Tick accounting for the system timers that are a free-running 64-bit
 * counter and a compare register: the CLINT (mtime/mtimecmp) and the time
 * CSR with an SBI or Sstc deadline. The counter runs at
 * CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC; a tick is CYC_PER_TICK cycles.
 *
 * Include it in the driver's one .c file after defining
 *   static uint64_t counter_now(void);          the counter, read atomically
 *   static void set_compare(uint64_t deadline);  the next interrupt; also
 *                                                clears a pending one
 * The helpers below are the whole sys_clock_* contract apart from the
 * hardware access, so each driver's public functions are one line each.
 *
 * Invariant: last_count is the counter value of the last announced tick
 * boundary (a multiple of CYC_PER_TICK), so announced ticks never drift.
 * Periodic mode compares at every boundary; tickless mode at the boundary
 * of the earliest deadline the kernel asked for. Touched with interrupts
 * locked (the ISR runs with them locked).
 */
#ifndef VIREO_DRIVERS_TIMER_COMPARE_TIMER_H_
#define VIREO_DRIVERS_TIMER_COMPARE_TIMER_H_

#include <vireo/drivers/timer/system_timer.h>
#include <vireo/sys/util.h>

#define CYC_PER_TICK ((uint64_t)CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC / \
		      CONFIG_SYS_CLOCK_TICKS_PER_SEC)
BUILD_ASSERT(CYC_PER_TICK >= 1, "timer clock slower than the tick rate");
/*
 * A tick must be a whole number of cycles, or every tick would be short by
 * the remainder and kernel time would run fast (1000 Hz on a 32768 Hz
 * mtime: 2.3%). Pick a SYS_CLOCK_TICKS_PER_SEC that divides the clock.
 */
BUILD_ASSERT(CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC % CONFIG_SYS_CLOCK_TICKS_PER_SEC == 0,
	     "SYS_CLOCK_TICKS_PER_SEC must divide SYS_CLOCK_HW_CYCLES_PER_SEC");

/*
 * Nothing to wait for, but never "never": QEMU with -icount sleep=off
 * spins without reading its console when no timer is armed. A wake-up
 * every 2^24 cycles (1.7 s at 10 MHz, 512 s at 32768 Hz) costs an idle
 * system next to nothing.
 */
#define IDLE_WAKEUP_CYCLES (1ULL << 24)

static uint64_t last_count;
/* Timer interrupts taken, for tests that check a tickless idle system. */
uint32_t z_timer_irq_count;

/*
 * Whole ticks in a cycle count. Nearly always the count fits 32 bits
 * (minutes of cycles), and a 32-bit divide is one instruction where the
 * 64-bit one on RV32 is a libgcc call of a hundred.
 */
static inline uint32_t cycles_to_ticks(uint64_t cycles)
{
	if ((cycles >> 32) == 0) {
		return (uint32_t)cycles / (uint32_t)CYC_PER_TICK;
	}
	return (uint32_t)(cycles / CYC_PER_TICK);
}

/* The timer interrupt: announce the whole ticks that passed. */
static inline void compare_timer_isr(void)
{
	uint32_t dticks = cycles_to_ticks(counter_now() - last_count);

	z_timer_irq_count++;
	last_count += (uint64_t)dticks * CYC_PER_TICK;
	/* Tickless: the kernel asks for the next deadline from sys_clock_announce. */
	set_compare(IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? UINT64_MAX : last_count + CYC_PER_TICK);
	sys_clock_announce((int32_t)dticks);
}

static inline void compare_timer_set_timeout(int32_t ticks)
{
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		return;
	}
	if (ticks == (int32_t)-1) {
		set_compare(counter_now() + IDLE_WAKEUP_CYCLES);
		return;
	}
	set_compare(last_count + (uint64_t)MAX(ticks, 0) * CYC_PER_TICK);
}

static inline uint32_t compare_timer_elapsed(void)
{
	return cycles_to_ticks(counter_now() - last_count);
}

/* Boot: start counting from the current tick boundary. */
static inline void compare_timer_start(void)
{
	last_count = counter_now() / CYC_PER_TICK * CYC_PER_TICK;
	set_compare(IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? last_count + IDLE_WAKEUP_CYCLES :
							    last_count + CYC_PER_TICK);
}

#endif /* VIREO_DRIVERS_TIMER_COMPARE_TIMER_H_ */
