/*
 * The RISC-V machine timer (CLINT mtime/mtimecmp) as the system timer.
 * mtime counts at CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC; a tick is
 * CYC_PER_TICK cycles. last_count is the cycle count of the last announced
 * tick boundary, so announced ticks never drift from mtime.
 *
 * Periodic mode: mtimecmp is always the next tick boundary. Tickless mode:
 * mtimecmp is the boundary of the earliest deadline the kernel asked for,
 * or never when nothing waits, so an idle system takes no interrupt.
 * State is touched with interrupts locked (the ISR runs with them locked).
 */
#include <vireo/device.h>
#include <vireo/drivers/timer/system_timer.h>
#include <vireo/init.h>
#include <vireo/irq.h>
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

#define IDLE_WAKEUP_CYCLES (1ULL << 24)
#define MTIME_OFFSET 0xbff8
#define MTIMECMP_OFFSET 0x4000 /* hart 0 */

static uint64_t last_count;
/* Timer interrupts taken, for tests that check a tickless idle system. */
uint32_t z_timer_irq_count;

static volatile uint32_t *mtime_reg(unsigned int half)
{
	return (volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE + MTIME_OFFSET + 4 * half);
}

static volatile uint32_t *mtimecmp_reg(unsigned int half)
{
	return (volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_MACHINE_TIMER_BASE + MTIMECMP_OFFSET + 4 * half);
}

static uint64_t mtime(void)
{
	uint32_t hi, lo;

	/* Re-read if the low word wrapped between the two reads. */
	do {
		hi = *mtime_reg(1);
		lo = *mtime_reg(0);
	} while (hi != *mtime_reg(1));
	return ((uint64_t)hi << 32) | lo;
}

static void set_mtimecmp(uint64_t value)
{
	/*
	 * Written in halves: park the high word at its maximum first so the
	 * intermediate value can never be an early deadline.
	 */
	*mtimecmp_reg(1) = UINT32_MAX;
	*mtimecmp_reg(0) = (uint32_t)value;
	*mtimecmp_reg(1) = (uint32_t)(value >> 32);
}

/*
 * Whole ticks in a cycle count. Nearly always the count fits 32 bits
 * (minutes of cycles), and a 32-bit divide is one instruction where the
 * 64-bit one is a libgcc call of a hundred.
 */
static uint32_t cycles_to_ticks(uint64_t cycles)
{
	if ((cycles >> 32) == 0) {
		return (uint32_t)cycles / (uint32_t)CYC_PER_TICK;
	}
	return (uint32_t)(cycles / CYC_PER_TICK);
}

static void timer_isr(const void *arg)
{
	uint64_t now = mtime();
	uint32_t dticks = cycles_to_ticks(now - last_count);

	ARG_UNUSED(arg);
	z_timer_irq_count++;
	last_count += (uint64_t)dticks * CYC_PER_TICK;
	if (IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		/* The kernel asks for the next deadline from sys_clock_announce. */
		set_mtimecmp(UINT64_MAX);
	} else {
		set_mtimecmp(last_count + CYC_PER_TICK);
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
		/*
		 * Nothing to wait for, but never "never": QEMU with -icount
		 * sleep=off spins without reading its console when no timer is
		 * armed. A wake-up every 2^24 cycles (1.7 s at 10 MHz, 512 s at
		 * 32768 Hz) costs an idle system next to nothing.
		 */
		set_mtimecmp(mtime() + IDLE_WAKEUP_CYCLES);
		return;
	}
	set_mtimecmp(last_count + (uint64_t)MAX(ticks, 0) * CYC_PER_TICK);
}

uint32_t sys_clock_elapsed(void)
{
	return cycles_to_ticks(mtime() - last_count);
}

uint32_t sys_clock_cycle_get_32(void)
{
	return *mtime_reg(0);
}

uint64_t sys_clock_cycle_get_64(void)
{
	return mtime();
}

static int machine_timer_init(void)
{
	last_count = mtime() / CYC_PER_TICK * CYC_PER_TICK;
	set_mtimecmp(IS_ENABLED(CONFIG_TICKLESS_KERNEL) ? last_count + IDLE_WAKEUP_CYCLES :
							     last_count + CYC_PER_TICK);
	IRQ_CONNECT(RISCV_IRQ_MTIMER, 0, timer_isr, NULL, 0);
	irq_enable(RISCV_IRQ_MTIMER);
	return 0;
}

SYS_INIT(machine_timer_init, PRE_KERNEL_2, 0);
