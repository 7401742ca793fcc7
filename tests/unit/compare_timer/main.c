/*
 * Host test of drivers/timer/compare_timer.h: the driver side of the tick
 * (whole ticks announced from a free-running counter, the compare value
 * for the next interrupt, elapsed ticks, the start at a tick boundary),
 * with the counter and compare register faked and sys_clock_announce()
 * recorded. A tick is 100 cycles (100 kHz, 1000 ticks/s). Built periodic
 * and tickless (CMakeLists.txt).
 */
#include <stdint.h>
#include <vireo/sys/util.h>
#include "unit_check.h"

static uint64_t fake_counter;
static uint64_t fake_compare;
static unsigned int compare_writes;
static int32_t announced;
static unsigned int announcements;

static uint64_t counter_now(void)
{
	return fake_counter;
}

static void set_compare(uint64_t deadline)
{
	fake_compare = deadline;
	compare_writes++;
}

#include "compare_timer.h"

void sys_clock_announce(int32_t ticks)
{
	announced += ticks;
	announcements++;
}

static void reset_at(uint64_t counter)
{
	fake_counter = counter;
	announced = 0;
	announcements = 0;
	compare_writes = 0;
	z_timer_irq_count = 0;
	compare_timer_start();
}

static void start_rounds_down_to_a_boundary(unsigned int arg)
{
	(void)arg;
	reset_at(12345);
	CHECK_EQ(last_count, 12300);
	CHECK_EQ(fake_compare, IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? 12300 + IDLE_WAKEUP_CYCLES
								   : 12400);
	CHECK_EQ(compare_timer_elapsed(), 0);
}

static void isr_announces_whole_ticks_without_drift(unsigned int arg)
{
	(void)arg;
	reset_at(12300);
	fake_counter = 12450; /* one tick and a half since the boundary */
	compare_timer_isr();
	CHECK_EQ(announced, 1);
	CHECK_EQ(last_count, 12400);
	CHECK_EQ(z_timer_irq_count, 1);
	/* Periodic: the next boundary; tickless: nothing until asked. */
	CHECK_EQ(fake_compare, IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? UINT64_MAX : 12500);
	fake_counter = 12799; /* late: three boundaries passed, the half is kept */
	compare_timer_isr();
	CHECK_EQ(announced, 4);
	CHECK_EQ(last_count, 12700);
	CHECK_EQ(compare_timer_elapsed(), 0);
	fake_counter = 12950;
	CHECK_EQ(compare_timer_elapsed(), 2);
}

static void counts_beyond_32_bits(unsigned int arg)
{
	(void)arg;
	reset_at(0);
	fake_counter = 10000000050ULL; /* beyond 2^33: 100,000,000 ticks and 50 cycles */
	CHECK_EQ(compare_timer_elapsed(), 100000000);
	compare_timer_isr();
	CHECK_EQ(announced, 100000000);
	CHECK_EQ(last_count, 10000000000ULL);
}

static void set_timeout_programs_the_deadline(unsigned int arg)
{
	(void)arg;
	reset_at(5000);
	fake_counter = 5030;
	compare_writes = 0;
	compare_timer_set_timeout(3);
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		/* A ticking timer interrupts at every boundary anyway. */
		CHECK_EQ(compare_writes, 0);
		CHECK_EQ(fake_compare, 5100);
		return;
	}
	CHECK_EQ(fake_compare, 5300); /* from the last boundary, not from now */
	compare_timer_set_timeout(0);
	CHECK_EQ(fake_compare, 5000); /* due: interrupts at once */
	compare_timer_set_timeout(-5);
	CHECK_EQ(fake_compare, 5000); /* negative is treated as due */
	compare_timer_set_timeout(-1);
	CHECK_EQ(fake_compare, 5030 + IDLE_WAKEUP_CYCLES); /* K_TICKS_FOREVER: a far wake-up */
	compare_timer_set_timeout(INT32_MAX);
	CHECK_EQ(fake_compare, 5000 + (uint64_t)INT32_MAX * 100);
}

int main(void)
{
	run_case("start_rounds_down_to_a_boundary", start_rounds_down_to_a_boundary, 0);
	run_case("isr_announces_whole_ticks_without_drift",
		 isr_announces_whole_ticks_without_drift, 0);
	run_case("counts_beyond_32_bits", counts_beyond_32_bits, 0);
	run_case("set_timeout_programs_the_deadline", set_timeout_programs_the_deadline, 0);
	return unit_summary();
}
