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
 * The tick accounting is the CLINT driver's (riscv_machine_timer.c):
 * last_count is the cycle count of the last announced tick boundary, so
 * announced ticks never drift; periodic mode asks for every boundary,
 * tickless mode for the earliest deadline the kernel wants.
 * State is touched with interrupts locked (the ISR runs with them locked).
 */
#include <errno.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/arch/riscv/sbi.h>
#include <vireo/drivers/timer/system_timer.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>

#define CYC_PER_TICK ((uint64_t)CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC / \
		      CONFIG_SYS_CLOCK_TICKS_PER_SEC)
BUILD_ASSERT(CYC_PER_TICK >= 1, "timer clock slower than the tick rate");

#define IDLE_WAKEUP_CYCLES (1ULL << 24)

static uint64_t last_count;
/* Timer interrupts taken, for tests that check a tickless idle system. */
uint32_t z_timer_irq_count;

static uint64_t time_now(void)
{
#if __riscv_xlen == 64
	return csr_read(time);
#else
	uint32_t hi, lo;

	/* Re-read if the low word wrapped between the two reads. */
	do {
		hi = (uint32_t)csr_read(timeh);
		lo = (uint32_t)csr_read(time);
	} while (hi != (uint32_t)csr_read(timeh));
	return ((uint64_t)hi << 32) | lo;
#endif /* __riscv_xlen == 64 */
}

/* Sstc's supervisor compare registers (GCC 12's assembler lacks their names). */
#define CSR_STIMECMP 0x14d
#define CSR_STIMECMPH 0x15d

/*
 * With Sstc the compare register is S-mode's own (the firmware enabled it
 * in menvcfg.STCE); else the deadline goes through the firmware, in one
 * register on RV64, in a0 (low) and a1 (high) on RV32.
 */
static void set_deadline(uint64_t value)
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

/* See riscv_machine_timer.c: a 32-bit divide when the count allows it. */
static uint32_t cycles_to_ticks(uint64_t cycles)
{
	if ((cycles >> 32) == 0) {
		return (uint32_t)cycles / (uint32_t)CYC_PER_TICK;
	}
	return (uint32_t)(cycles / CYC_PER_TICK);
}

static void timer_isr(const void *arg)
{
	uint64_t now = time_now();
	uint32_t dticks = cycles_to_ticks(now - last_count);

	ARG_UNUSED(arg);
	z_timer_irq_count++;
	last_count += (uint64_t)dticks * CYC_PER_TICK;
	if (IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		/* Clears the pending interrupt; the kernel asks for the next one. */
		set_deadline(UINT64_MAX);
	} else {
		set_deadline(last_count + CYC_PER_TICK);
	}
	sys_clock_announce((int32_t)dticks);
}

void sys_clock_set_timeout(int32_t ticks, bool idle)
{
	ARG_UNUSED(idle);
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		return;
	}
	if (ticks == (int32_t)-1) {
		/* Never "never": see riscv_machine_timer.c (QEMU -icount sleep=off). */
		set_deadline(time_now() + IDLE_WAKEUP_CYCLES);
		return;
	}
	set_deadline(last_count + (uint64_t)MAX(ticks, 0) * CYC_PER_TICK);
}

uint32_t sys_clock_elapsed(void)
{
	return cycles_to_ticks(time_now() - last_count);
}

uint32_t sys_clock_cycle_get_32(void)
{
	return (uint32_t)csr_read(time);
}

uint64_t sys_clock_cycle_get_64(void)
{
	return time_now();
}

static int sbi_timer_init(void)
{
	if (!IS_ENABLED(CONFIG_RISCV_SBI_TIMER_SSTC) && !z_riscv_sbi_probe(SBI_EXT_TIME)) {
		printk("sbi timer: the firmware has no SBI timer extension (TIME)\n");
		return -ENODEV;
	}
	last_count = time_now() / CYC_PER_TICK * CYC_PER_TICK;
	set_deadline(IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? last_count + IDLE_WAKEUP_CYCLES :
							  last_count + CYC_PER_TICK);
	IRQ_CONNECT(RISCV_IRQ_STIMER, 0, timer_isr, NULL, 0);
	irq_enable(RISCV_IRQ_STIMER);
	return 0;
}

SYS_INIT(sbi_timer_init, PRE_KERNEL_2, 0);
