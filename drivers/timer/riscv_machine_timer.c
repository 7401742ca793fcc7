/*
 * The RISC-V machine timer (CLINT mtime/mtimecmp) as the system timer:
 * the hardware access only; the tick accounting is compare_timer.h's.
 */
#include <vireo/device.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>

#define MTIME_OFFSET 0xbff8
#define MTIMECMP_OFFSET 0x4000 /* hart 0 */

static volatile uint32_t *mtime_reg(unsigned int half)
{
	return (volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE + MTIME_OFFSET + 4 * half);
}

static volatile uint32_t *mtimecmp_reg(unsigned int half)
{
	return (volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE + MTIMECMP_OFFSET + 4 * half);
}

static uint64_t counter_now(void)
{
	uint32_t hi, lo;

	if (__riscv_xlen == 64) {
		return *(volatile uint64_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE +
							   MTIME_OFFSET);
	}

	/* Re-read if the low word wrapped between the two reads. */
	do {
		hi = *mtime_reg(1);
		lo = *mtime_reg(0);
	} while (hi != *mtime_reg(1));
	return ((uint64_t)hi << 32) | lo;
}

static void set_compare(uint64_t value)
{
	if (__riscv_xlen == 64) {
		*(volatile uint64_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE +
						   MTIMECMP_OFFSET) = value;
		return;
	}
	/*
	 * Written in halves: park the high word at its maximum first so the
	 * intermediate value can never be an early deadline.
	 */
	*mtimecmp_reg(1) = UINT32_MAX;
	*mtimecmp_reg(0) = (uint32_t)value;
	*mtimecmp_reg(1) = (uint32_t)(value >> 32);
}

#include "compare_timer.h"

static void timer_isr(const void *arg)
{
	ARG_UNUSED(arg);
	compare_timer_isr();
}

void sys_clock_set_timeout(int32_t ticks, bool idle)
{
	ARG_UNUSED(idle);
	compare_timer_set_timeout(ticks);
}

uint32_t sys_clock_elapsed(void)
{
	return compare_timer_elapsed();
}

uint32_t sys_clock_cycle_get_32(void)
{
	return *mtime_reg(0);
}

uint64_t sys_clock_cycle_get_64(void)
{
	return counter_now();
}

static int machine_timer_init(void)
{
	compare_timer_start();
	IRQ_CONNECT(RISCV_IRQ_MTIMER, 0, timer_isr, NULL, 0);
	irq_enable(RISCV_IRQ_MTIMER);
	return 0;
}

SYS_INIT(machine_timer_init, PRE_KERNEL_2, 0);
