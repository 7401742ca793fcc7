/*
 * Host test of the ESP32-C3 interrupt matrix driver
 * (drivers/interrupt_controller/esp32c3_intmatrix.c) against a fake
 * register block: init clears every map and disables every line; enabling
 * a source writes its map register, its line's priority and enable bit;
 * disabling undoes it (the line stays enabled while another source uses
 * it); the line ISR calls the handler of exactly the pending sources
 * routed to that line, in source order, reading both status words.
 * Register offsets are the TRM's: map 4n, status 0xf8/0xfc, enable 0x104,
 * type 0x108, priority 0x114 + 4n, threshold 0x194.
 */
#include <errno.h>
#include <string.h>
#include <vireo/drivers/interrupt_controller/intc_2nd_level.h>
#include "unit_check.h"

uint32_t fake_matrix[0x200 / 4];
int fake_lock_depth;
extern int (*const fake_sys_init)(void);

#define REG(off) fake_matrix[(off) / 4]
#define MAP(n) REG(4 * (n))
#define STATUS_0 REG(0xf8)
#define STATUS_1 REG(0xfc)
#define ENABLE REG(0x104)
#define TYPE REG(0x108)
#define PRIO(l) REG(0x114 + 4 * (l))
#define THRESHOLD REG(0x194)

static unsigned int invoked[16];
static unsigned int n_invoked;

void z_riscv_isr_invoke(unsigned int irq)
{
	if (n_invoked < 16) {
		invoked[n_invoked] = irq;
	}
	n_invoked++;
}

static void reset(void)
{
	memset(fake_matrix, 0xa5, sizeof(fake_matrix));
	STATUS_0 = 0;
	STATUS_1 = 0;
	n_invoked = 0;
	CHECK_EQ(fake_sys_init(), 0);
}

static void test_init(unsigned int arg)
{
	(void)arg;
	reset();
	for (unsigned int n = 0; n < 62; n++) {
		CHECK_EQ(MAP(n), 0);
	}
	CHECK_EQ(ENABLE, 0);
	CHECK_EQ(TYPE, 0);      /* every line level-triggered */
	CHECK_EQ(THRESHOLD, 1); /* every priority 1..15 passes */
}

static void test_enable_disable(unsigned int arg)
{
	(void)arg;
	reset();
	CHECK_EQ(z_intc_2nd_enable(21, 0), 0);
	CHECK_EQ(MAP(21), 1);
	CHECK_EQ(PRIO(1), 1);
	CHECK_EQ(ENABLE, 1U << 1);
	CHECK_EQ(z_intc_2nd_is_enabled(21), 1);
	CHECK_EQ(z_intc_2nd_enable(37, 3), 0);
	CHECK_EQ(MAP(37), 2);
	CHECK_EQ(PRIO(2), 4);
	CHECK_EQ(ENABLE, (1U << 1) | (1U << 2));
	/* Bad sources are refused without touching anything. */
	CHECK_EQ(z_intc_2nd_enable(62, 0), -EINVAL);
	CHECK_EQ(z_intc_2nd_is_enabled(62), 0);
	z_intc_2nd_disable(21);
	CHECK_EQ(MAP(21), 0);
	CHECK_EQ(ENABLE, 1U << 2);
	CHECK_EQ(z_intc_2nd_is_enabled(21), 0);
	z_intc_2nd_disable(21); /* twice: nothing happens */
	CHECK_EQ(ENABLE, 1U << 2);
	CHECK_EQ(fake_lock_depth, 0);
}

static void test_shared_line_stays_enabled(unsigned int arg)
{
	(void)arg;
	reset();
	/* Sources 1..31 take lines 1..31 at priority 1; 40 then shares one. */
	for (unsigned int s = 1; s <= 31; s++) {
		CHECK_EQ(z_intc_2nd_enable(s, 0), 0);
	}
	CHECK_EQ(ENABLE, 0xfffffffeU);
	CHECK_EQ(z_intc_2nd_enable(40, 0), 0);
	CHECK(MAP(40) >= 1 && MAP(40) <= 31);
	{
		unsigned int line = MAP(40);
		unsigned int other = line; /* the source that had the line first */

		z_intc_2nd_disable(other);
		CHECK_EQ(ENABLE & (1U << line), 1U << line);
		z_intc_2nd_disable(40);
		CHECK_EQ(ENABLE & (1U << line), 0);
	}
	/* No line of priority 9 and none free: refused, map untouched. */
	CHECK_EQ(z_intc_2nd_enable(41, 8), 0); /* the line freed above */
	CHECK_EQ(z_intc_2nd_enable(42, 8), 0); /* shares it */
	CHECK_EQ(z_intc_2nd_enable(43, 9), -ENOSPC);
	CHECK_EQ(MAP(43), 0);
}

static void test_line_isr(unsigned int arg)
{
	(void)arg;
	reset();
	CHECK_EQ(z_intc_2nd_enable(21, 0), 0); /* line 1 */
	CHECK_EQ(z_intc_2nd_enable(37, 0), 0); /* line 2 */
	CHECK_EQ(z_intc_2nd_enable(50, 0), 0); /* line 3 */
	/* 21 and 37 pending, plus 22, routed nowhere: line 1 serves only 21. */
	STATUS_0 = (1U << 21) | (1U << 22);
	STATUS_1 = 1U << (37 - 32);
	z_intc_2nd_line_isr(1);
	CHECK_EQ(n_invoked, 1);
	CHECK_EQ(invoked[0], IRQ_2ND_LEVEL(21));
	n_invoked = 0;
	z_intc_2nd_line_isr(2);
	CHECK_EQ(n_invoked, 1);
	CHECK_EQ(invoked[0], IRQ_2ND_LEVEL(37));
	/* Nothing pending on line 3: nothing called. */
	n_invoked = 0;
	z_intc_2nd_line_isr(3);
	CHECK_EQ(n_invoked, 0);
	/* Line 0 and lines past 31 go to the spurious report. */
	z_intc_2nd_line_isr(0);
	z_intc_2nd_line_isr(32);
	CHECK_EQ(n_invoked, 2);
	CHECK_EQ(invoked[0], 0);
	CHECK_EQ(invoked[1], 32);
}

static void test_line_isr_shared(unsigned int arg)
{
	unsigned int line;

	(void)arg;
	reset();
	for (unsigned int s = 1; s <= 31; s++) {
		CHECK_EQ(z_intc_2nd_enable(s, s == 5 ? 2 : 0), 0);
	}
	/* 33 and 60 join source 5's line, the only one at priority 3. */
	CHECK_EQ(z_intc_2nd_enable(60, 2), 0);
	CHECK_EQ(z_intc_2nd_enable(33, 2), 0);
	line = MAP(5);
	CHECK_EQ(MAP(33), line);
	CHECK_EQ(MAP(60), line);
	STATUS_0 = (1U << 5) | (1U << 6);
	STATUS_1 = (1U << (33 - 32)) | (1U << (60 - 32));
	z_intc_2nd_line_isr(line);
	CHECK_EQ(n_invoked, 3);
	CHECK_EQ(invoked[0], IRQ_2ND_LEVEL(5));
	CHECK_EQ(invoked[1], IRQ_2ND_LEVEL(33));
	CHECK_EQ(invoked[2], IRQ_2ND_LEVEL(60));
}

int main(void)
{
	run_case("init", test_init, 0);
	run_case("enable_disable", test_enable_disable, 0);
	run_case("shared_line_stays_enabled", test_shared_line_stays_enabled, 0);
	run_case("line_isr", test_line_isr, 0);
	run_case("line_isr_shared", test_line_isr_shared, 0);
	return unit_summary();
}
