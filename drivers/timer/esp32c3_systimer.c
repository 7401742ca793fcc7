/*
 * The ESP32-C3 SYSTIMER as the system timer (same interface and the same
 * bookkeeping as riscv_machine_timer.c): UNIT0 is the free-running 52-bit
 * counter at CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC (16 MHz), comparator
 * TARGET0 in one-shot mode raises the interrupt, routed through the
 * interrupt matrix. last_count is the counter value of the last announced
 * tick boundary, so announced ticks never drift.
 *
 * Periodic mode: the target is always the next tick boundary. Tickless:
 * the boundary of the earliest deadline the kernel asked for, or a
 * wake-up 2^24 cycles away when nothing waits. Targets are never left
 * behind the counter (see esp32c3_systimer_math.h): the comparator only
 * fires on equality. State is touched with interrupts locked, and so is the
 * counter's latch (see counter()).
 *
 * Registers (TRM, "System Timer"): CONF 0x00, UNIT0_OP 0x04 (bit 30 latch
 * the value, bit 29 value valid), TARGET0_HI/LO 0x1c/0x20, TARGET0_CONF
 * 0x34 (bit 30 period mode, bit 31 unit select), UNIT0_VALUE_HI/LO
 * 0x40/0x44, COMP0_LOAD 0x50, INT_ENA/INT_CLR 0x64/0x6c (bit 0: TARGET0).
 * The peripheral's clock is on from reset (SYSTEM_SYSTIMER_CLK_EN).
 */
#include <vireo/drivers/interrupt_controller/esp32c3_intmatrix.h>
#include <vireo/drivers/timer/esp32c3_systimer_math.h>
#include <vireo/drivers/timer/system_timer.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/sys_io.h>
#include <vireo/sys/util.h>

#define CONF 0x00U
#define UNIT0_OP 0x04U
#define TARGET0_HI 0x1cU
#define TARGET0_LO 0x20U
#define TARGET0_CONF 0x34U
#define UNIT0_VALUE_HI 0x40U
#define UNIT0_VALUE_LO 0x44U
#define COMP0_LOAD 0x50U
#define INT_ENA 0x64U
#define INT_CLR 0x6cU

#define CONF_CLK_EN BIT(31)
#define CONF_UNIT0_WORK_EN BIT(30)
#define CONF_TARGET0_WORK_EN BIT(24)
#define OP_UPDATE BIT(30)
#define OP_VALUE_VALID BIT(29)
#define INT_TARGET0 BIT(0)

#define CYC_PER_TICK ((uint32_t)(CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC / \
				 CONFIG_SYS_CLOCK_TICKS_PER_SEC))
BUILD_ASSERT(CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC / CONFIG_SYS_CLOCK_TICKS_PER_SEC >= 1,
	     "timer clock slower than the tick rate");
/* A remainder would make every tick short and kernel time run fast. */
BUILD_ASSERT(CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC % CONFIG_SYS_CLOCK_TICKS_PER_SEC == 0,
	     "SYS_CLOCK_TICKS_PER_SEC must divide SYS_CLOCK_HW_CYCLES_PER_SEC");

#define IDLE_WAKEUP_CYCLES (1ULL << 24)
/* 2 us: well past the few cycles a target write takes to reach the comparator. */
#define MIN_DELTA 32U
#define SYSTIMER_IRQ IRQ_2ND_LEVEL(CONFIG_ESP32C3_SYSTIMER_INTMATRIX_SOURCE)

static uint64_t last_count;

static inline uint32_t rd(uint32_t reg)
{
	return sys_read32(CONFIG_ESP32C3_SYSTIMER_BASE + reg);
}

static inline void wr(uint32_t reg, uint32_t val)
{
	sys_write32(val, CONFIG_ESP32C3_SYSTIMER_BASE + reg);
}

/* Timer interrupts taken, for tests that check a tickless idle system. */
uint32_t z_timer_irq_count;

/*
 * Latch and read the counter. Interrupts are locked around it: threads
 * call it too (k_busy_wait, k_cycle_get_64), and an ISR that latches again
 * between the two reads would pair the old high half with a newer low one.
 */
static uint64_t counter(void)
{
	unsigned int key = irq_lock();
	uint32_t hi, lo;

	wr(UNIT0_OP, OP_UPDATE);
	while ((rd(UNIT0_OP) & OP_VALUE_VALID) == 0) {
	}
	hi = rd(UNIT0_VALUE_HI);
	lo = rd(UNIT0_VALUE_LO);
	irq_unlock(key);
	return ((uint64_t)hi << 32) | lo;
}

/*
 * One-shot target, never behind the counter: re-checked after loading, and
 * moved further ahead each time it was passed while being written (the
 * margin doubles, so slow register writes cannot keep it behind forever).
 */
static void set_target(uint64_t last, uint32_t ticks)
{
	uint64_t target = systimer_target(last, ticks, CYC_PER_TICK, counter(), MIN_DELTA);
	uint32_t margin = MIN_DELTA;

	for (;;) {
		wr(CONF, rd(CONF) & ~CONF_TARGET0_WORK_EN);
		wr(TARGET0_HI, systimer_hi(target));
		wr(TARGET0_LO, systimer_lo(target));
		wr(COMP0_LOAD, 1);
		wr(CONF, rd(CONF) | CONF_TARGET0_WORK_EN);
		if (counter() < target) {
			return;
		}
		margin *= 2;
		target = counter() + margin;
	}
}

static void timer_isr(const void *arg)
{
	uint64_t now = counter();
	uint32_t dticks = systimer_cycles_to_ticks(now - last_count, CYC_PER_TICK);

	ARG_UNUSED(arg);
	wr(INT_CLR, INT_TARGET0);
	z_timer_irq_count++;
	last_count += (uint64_t)dticks * CYC_PER_TICK;
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		set_target(last_count, 1);
	}
	/* Tickless: the kernel asks for the next deadline from sys_clock_announce. */
	sys_clock_announce((int32_t)dticks);
}

void sys_clock_set_timeout(int32_t ticks, bool idle)
{
	ARG_UNUSED(idle);
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		return;
	}
	if (ticks == (int32_t)-1) {
		set_target(counter() + IDLE_WAKEUP_CYCLES, 0);
		return;
	}
	set_target(last_count, (uint32_t)MAX(ticks, 0));
}

uint32_t sys_clock_elapsed(void)
{
	return systimer_cycles_to_ticks(counter() - last_count, CYC_PER_TICK);
}

uint32_t sys_clock_cycle_get_32(void)
{
	return (uint32_t)counter();
}

uint64_t sys_clock_cycle_get_64(void)
{
	return counter();
}

static int systimer_init(void)
{
	wr(CONF, rd(CONF) | CONF_CLK_EN | CONF_UNIT0_WORK_EN);
	wr(TARGET0_CONF, 0); /* one-shot, compared with UNIT0 */
	wr(INT_CLR, INT_TARGET0);
	wr(INT_ENA, rd(INT_ENA) | INT_TARGET0);
	last_count = counter() / CYC_PER_TICK * CYC_PER_TICK;
	if (IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		set_target(counter() + IDLE_WAKEUP_CYCLES, 0);
	} else {
		set_target(last_count, 1);
	}
	IRQ_CONNECT(SYSTIMER_IRQ, 0, timer_isr, NULL, 0);
	irq_enable(SYSTIMER_IRQ);
	return 0;
}

SYS_INIT(systimer_init, PRE_KERNEL_2, 0);
