/*
 * The system timer of an S-mode kernel: the hart's time CSR (rdtime,
 * counting at CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC) as the counter, and the
 * SBI timer extension (TIME, set_timer) as the compare register, which
 * the firmware keeps in M-mode (mtimecmp, or stimecmp where the hart has
 * Sstc); or, with CONFIG_RISCV_SBI_TIMER_SSTC, stimecmp written directly,
 * without the trip through the firmware. The supervisor timer interrupt
 * stays pending until the deadline moves past now: S-mode cannot clear
 * sip.STIP.
 *
 * The tick accounting is compare_timer.h's, shared with the CLINT driver.
 */
#include <errno.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/arch/riscv/sbi.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>

static uint64_t counter_now(void)
{
	return csr_read64(time, timeh);
}

/* Sstc's supervisor compare registers (GCC 12's assembler lacks their names). */
#define CSR_STIMECMP 0x14d
#define CSR_STIMECMPH 0x15d

/*
 * With Sstc the compare register is S-mode's own (the firmware enabled it
 * in menvcfg.STCE); else the deadline goes through the firmware, in one
 * register on RV64, in a0 (low) and a1 (high) on RV32.
 */
static void set_compare(uint64_t value)
{
	if (IS_ENABLED(CONFIG_RISCV_SBI_TIMER_SSTC)) {
		if (__riscv_xlen == 64) {
			csr_write(CSR_STIMECMP, value);
		} else {
			/* High word parked at its maximum first: never an early deadline. */
			csr_write(CSR_STIMECMPH, UINT32_MAX);
			csr_write(CSR_STIMECMP, (uint32_t)value);
			csr_write(CSR_STIMECMPH, (uint32_t)(value >> 32));
		}
	} else if (__riscv_xlen == 64) {
		(void)z_riscv_sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, (unsigned long)value, 0,
				       0);
	} else {
		(void)z_riscv_sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, (unsigned long)value,
				       (unsigned long)(value >> 32), 0);
	}
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
	return (uint32_t)csr_read(time);
}

uint64_t sys_clock_cycle_get_64(void)
{
	return counter_now();
}

static int sbi_timer_init(void)
{
	if (!IS_ENABLED(CONFIG_RISCV_SBI_TIMER_SSTC) && !z_riscv_sbi_probe(SBI_EXT_TIME)) {
		printk("sbi timer: the firmware has no SBI timer extension (TIME)\n");
		return -ENODEV;
	}
	compare_timer_start();
	IRQ_CONNECT(RISCV_IRQ_STIMER, 0, timer_isr, NULL, 0);
	irq_enable(RISCV_IRQ_STIMER);
	return 0;
}

SYS_INIT(sbi_timer_init, PRE_KERNEL_2, 0);
