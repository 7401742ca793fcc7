/*
 * Host test of the ESP32-C3 SYSTIMER driver (drivers/timer/esp32c3_systimer.c)
 * against a model of the SYSTIMER: a 52-bit counter the test moves (and
 * that may advance on every latch, as time does), the UNIT0_OP latch with
 * its valid bit, comparator 0 loaded by COMP0_LOAD, and the interrupt
 * enable/clear bits. Built twice, tickless and ticking (TICKLESS).
 *
 * Checked: init enables the clock, unit 0 and comparator 0 in one-shot mode
 * with its interrupt, connects and enables IRQ_2ND_LEVEL(37); deadlines
 * land on tick boundaries after the last announced one; a deadline already
 * passed, or passed while being written, ends ahead of the counter (the
 * comparator only fires on equality); the ISR acknowledges, announces the
 * whole ticks elapsed and, ticking, re-arms one tick later; the cycle
 * counters read the counter, in one latch even when an interrupt latches
 * it again between the reads of its two halves.
 */
#include <stdbool.h>
#include <stdio.h>
#include <vireo/drivers/timer/system_timer.h>
#include "unit_check.h"

#define BASE 0x60023000U
#define CYC 16000U /* cycles per tick: 16 MHz, 1000 ticks/s */

static struct {
	uint64_t counter;
	uint32_t advance; /* counter increase per latch */
	uint32_t conf, op, value_hi, value_lo, target_hi, target_lo, target_conf, int_ena;
	uint64_t comparator;
	uint32_t int_raw, loads;
	bool relatch_pending; /* an interrupt that latches the counter again */
	uint64_t relatch_advance;
} m;

static unsigned int lock_depth;

static unsigned int connected_irq, enabled_irq;
static void (*isr)(const void *);
static int32_t announced;
static unsigned int announces;
extern int (*const fake_sys_init)(void);
extern uint32_t z_timer_irq_count;

/* Latch the counter into the value registers (UNIT0_OP's update bit). */
static void latch(void)
{
	m.value_hi = (uint32_t)(m.counter >> 32) & 0xfffffU;
	m.value_lo = (uint32_t)m.counter;
	m.op = 1U << 29;
}

/* An interrupt whose handler reads the counter (it latches again). */
static void take_relatch(void)
{
	if (m.relatch_pending && lock_depth == 0) {
		m.relatch_pending = false;
		m.counter += m.relatch_advance;
		latch();
	}
}

unsigned int irq_lock(void)
{
	return lock_depth++;
}

void irq_unlock(unsigned int key)
{
	lock_depth = key;
	take_relatch();
}

uint32_t sys_read32(mem_addr_t addr)
{
	/* Between the latch and the reads, or between the two halves. */
	if (addr - BASE == 0x44) {
		take_relatch();
	}
	switch (addr - BASE) {
	case 0x00: return m.conf;
	case 0x04: return m.op;
	case 0x34: return m.target_conf;
	case 0x40: return m.value_hi;
	case 0x44: return m.value_lo;
	case 0x64: return m.int_ena;
	default:
		check(false, __LINE__, "read of register 0x%x", (unsigned int)(addr - BASE));
		return 0;
	}
}

void sys_write32(uint32_t v, mem_addr_t addr)
{
	switch (addr - BASE) {
	case 0x00: m.conf = v; break;
	case 0x04:
		if (v & (1U << 30)) {
			m.counter += m.advance;
			latch();
		}
		break;
	case 0x1c: m.target_hi = v; break;
	case 0x20: m.target_lo = v; break;
	case 0x34: m.target_conf = v; break;
	case 0x50:
		m.comparator = ((uint64_t)(m.target_hi & 0xfffffU) << 32) | m.target_lo;
		m.loads++;
		break;
	case 0x64: m.int_ena = v; break;
	case 0x6c: m.int_raw &= ~v; break;
	default:
		check(false, __LINE__, "write of register 0x%x", (unsigned int)(addr - BASE));
	}
}

void fake_irq_connect(unsigned int irq, void (*fn)(const void *), const void *arg)
{
	(void)arg;
	connected_irq = irq;
	isr = fn;
}

void irq_enable(unsigned int irq)
{
	enabled_irq = irq;
}

void sys_clock_announce(int32_t ticks)
{
	announced = ticks;
	announces++;
}

/* The counter reaches the comparator: the interrupt is raised, the ISR runs. */
static void fire(void)
{
	m.counter = m.comparator;
	m.int_raw = 1;
	isr(NULL);
}

static void boot(uint64_t counter)
{
	m = (typeof(m)){ .counter = counter };
	announces = 0;
	CHECK_EQ(fake_sys_init(), 0);
}

static void test_init(unsigned int arg)
{
	(void)arg;
	boot(5 * CYC + 123);
	CHECK_EQ(m.conf, (1U << 31) | (1U << 30) | (1U << 24)); /* clock, unit 0, comparator 0 */
	CHECK_EQ(m.target_conf, 0);                              /* one-shot on unit 0 */
	CHECK_EQ(m.int_ena, 1);
	CHECK_EQ(connected_irq, (38U << 8) | 11U);
	CHECK_EQ(enabled_irq, connected_irq);
	CHECK_EQ(sys_clock_elapsed(), 0);
	if (TICKLESS) {
		CHECK_EQ(m.comparator, 5 * CYC + 123 + (1U << 24));
	} else {
		CHECK_EQ(m.comparator, 6 * CYC);
	}
	CHECK_EQ(sys_clock_cycle_get_64(), 5 * CYC + 123);
	CHECK_EQ(sys_clock_cycle_get_32(), 5 * CYC + 123);
}

static void test_deadlines(unsigned int arg)
{
	(void)arg;
	boot(10 * CYC + 7);
	sys_clock_set_timeout(5, false);
	if (!TICKLESS) {
		CHECK_EQ(m.comparator, 11 * CYC); /* ignored when ticking */
		return;
	}
	CHECK_EQ(m.comparator, 15 * CYC);
	/* A deadline already behind the counter moves just ahead of it. */
	m.counter = 12 * CYC;
	sys_clock_set_timeout(1, false);
	CHECK(m.comparator > m.counter && m.comparator <= m.counter + 64);
	/* Nothing to wait for: a wake-up 2^24 cycles away. */
	sys_clock_set_timeout(-1, true);
	CHECK_EQ(m.comparator, 12 * CYC + (1U << 24));
	/* Far deadlines keep all 52 bits: the high half carries. */
	sys_clock_set_timeout(0x7fffffff, false);
	CHECK_EQ(m.comparator, 10 * CYC + 0x7fffffffULL * CYC);
	CHECK(m.comparator >> 32 != 0);
}

static void test_deadline_passed_while_written(unsigned int arg)
{
	(void)arg;
	if (!TICKLESS) {
		return;
	}
	boot(100 * CYC);
	/* The counter jumps 40 cycles at each latch: slow writes. */
	m.advance = 40;
	sys_clock_set_timeout(0, false);
	CHECK(m.comparator > m.counter);
	CHECK(m.loads >= 2); /* the first target was passed and rewritten */
}

static void test_isr(unsigned int arg)
{
	uint32_t irqs;

	(void)arg;
	boot(3 * CYC);
	irqs = z_timer_irq_count;
	sys_clock_set_timeout(4, false);
	fire();
	CHECK_EQ(m.int_raw, 0); /* acknowledged */
	CHECK_EQ(announces, 1);
	CHECK_EQ(announced, TICKLESS ? 4 : 1);
	CHECK_EQ(z_timer_irq_count, irqs + 1);
	CHECK_EQ(sys_clock_elapsed(), 0);
	if (!TICKLESS) {
		CHECK_EQ(m.comparator, 5 * CYC); /* next tick re-armed */
	}
	/* A late interrupt announces every whole tick, keeps the remainder. */
	m.counter = m.comparator + 2 * CYC + 500;
	m.int_raw = 1;
	isr(NULL);
	CHECK_EQ(announced, TICKLESS ? 2 : 3);
	m.counter += CYC - 500;
	CHECK_EQ(sys_clock_elapsed(), 1);
}

/*
 * A thread reads the 64-bit counter while the low half is about to wrap;
 * an interrupt between its reads of the two halves latches the counter
 * again. The value read must be one latch, not the old high half with the
 * new low half (2^32 cycles in the past).
 */
static void test_read_not_torn(unsigned int arg)
{
	uint64_t before = 0xffffff00ULL, got;

	(void)arg;
	boot(before);
	m.relatch_pending = true;
	m.relatch_advance = 0x200;
	got = sys_clock_cycle_get_64();
	CHECK(got == before || got == before + 0x200);
	CHECK(!m.relatch_pending); /* the interrupt was taken, after the read */
	CHECK_EQ(lock_depth, 0);
}

int main(void)
{
	run_case("init", test_init, 0);
	run_case("deadlines", test_deadlines, 0);
	run_case("deadline_passed_while_written", test_deadline_passed_while_written, 0);
	run_case("isr", test_isr, 0);
	run_case("read_not_torn", test_read_not_torn, 0);
	return unit_summary();
}
