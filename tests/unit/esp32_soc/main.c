/*
 * Host test of the ESP32-C3 early boot (arch/riscv/soc/esp32c3/soc.c)
 * against a model of the three watchdog blocks as the ROM leaves them for a
 * flash boot: RTC WDT and both timer-group MWDTs enabled in flash-boot
 * mode, every block write-protected. The model ignores writes to a
 * protected register unless its key was written first (as the chip does),
 * and a timer-group config takes effect only with WDT_CONF_UPDATE_EN.
 *
 * Checked: after soc_early_init_hook() every watchdog is disabled (the
 * effective config has neither WDT_EN nor flash-boot mode), the super
 * watchdog feeds itself, every block is locked again, and the cycle
 * counter is set counting (mpcer = cycles, mpcmr = on).
 */
#include <stdbool.h>
#include "unit_check.h"

#define RTC 0x60008000U
#define TIMG0 0x6001f000U
#define TIMG1 0x60020000U
#define WKEY 0x50d83aa1U
#define SWD_KEY 0x8f1d312aU

struct block {
	uint32_t protect;  /* last value written to the protect register */
	uint32_t config;   /* config as written */
	uint32_t active;   /* config in force */
	uint32_t swd_conf; /* RTC only */
	uint32_t swd_protect;
	unsigned int refused;
};

static struct block rtc, timg[2];
static uint32_t mpcer, mpcmr;

void soc_early_init_hook(void);

static struct block *timg_of(mem_addr_t addr, uint32_t *off)
{
	if (addr >= TIMG0 && addr < TIMG0 + 0x100) {
		*off = addr - TIMG0;
		return &timg[0];
	}
	if (addr >= TIMG1 && addr < TIMG1 + 0x100) {
		*off = addr - TIMG1;
		return &timg[1];
	}
	return NULL;
}

uint32_t sys_read32(mem_addr_t addr)
{
	uint32_t off;
	struct block *t = timg_of(addr, &off);

	if (t != NULL && off == 0x48) {
		return t->config;
	}
	if (addr == RTC + 0x90) {
		return rtc.config;
	}
	if (addr == RTC + 0xac) {
		return rtc.swd_conf;
	}
	check(false, __LINE__, "read of 0x%08lx", (unsigned long)addr);
	return 0;
}

void sys_write32(uint32_t v, mem_addr_t addr)
{
	uint32_t off;
	struct block *t = timg_of(addr, &off);

	if (t != NULL) {
		if (off == 0x64) {
			t->protect = v;
		} else if (off == 0x48) {
			if (t->protect != WKEY) {
				t->refused++;
				return;
			}
			t->config = v & ~(1U << 22);
			if (v & (1U << 22)) {
				t->active = t->config;
			}
		} else {
			check(false, __LINE__, "write of TIMG register 0x%x", off);
		}
		return;
	}
	switch (addr - RTC) {
	case 0xa8: rtc.protect = v; break;
	case 0x90:
		if (rtc.protect != WKEY) {
			rtc.refused++;
			return;
		}
		rtc.config = rtc.active = v;
		break;
	case 0xb0: rtc.swd_protect = v; break;
	case 0xac:
		if (rtc.swd_protect != SWD_KEY) {
			rtc.refused++;
			return;
		}
		rtc.swd_conf = v;
		break;
	default:
		check(false, __LINE__, "write of 0x%08lx", (unsigned long)addr);
	}
}

void fake_csr_write(unsigned int csr, unsigned long value)
{
	if (csr == 0x7e0) {
		mpcer = (uint32_t)value;
	} else if (csr == 0x7e1) {
		mpcmr = (uint32_t)value;
	} else {
		check(false, __LINE__, "write of CSR 0x%x", csr);
	}
}

/* As the ROM leaves them: enabled (bit 31), flash-boot mode, locked. */
static void rom_state(void)
{
	rtc = (struct block){ .config = (1U << 31) | (1U << 12), .swd_conf = 0x12c << 18 };
	rtc.active = rtc.config;
	for (int i = 0; i < 2; i++) {
		timg[i] = (struct block){ .config = (1U << 31) | (1U << 14) };
		timg[i].active = timg[i].config;
	}
	mpcer = mpcmr = 0;
}

static void test_watchdogs_off(unsigned int arg)
{
	(void)arg;
	rom_state();
	soc_early_init_hook();
	CHECK_EQ(rtc.active & ((1U << 31) | (1U << 12)), 0);
	CHECK_EQ(rtc.swd_conf & (1U << 31), 1U << 31);   /* super watchdog feeds itself */
	CHECK_EQ(rtc.swd_conf & ~(1U << 31), 0x12c << 18); /* the rest kept */
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(timg[i].active & ((1U << 31) | (1U << 14)), 0);
		CHECK_EQ(timg[i].refused, 0);
		CHECK(timg[i].protect != WKEY); /* locked again */
	}
	CHECK_EQ(rtc.refused, 0);
	CHECK(rtc.protect != WKEY);
	CHECK(rtc.swd_protect != SWD_KEY);
}

static void test_cycle_counter(unsigned int arg)
{
	(void)arg;
	rom_state();
	soc_early_init_hook();
	CHECK_EQ(mpcer, 1);
	CHECK_EQ(mpcmr, 1);
}

int main(void)
{
	run_case("watchdogs_off", test_watchdogs_off, 0);
	run_case("cycle_counter", test_cycle_counter, 0);
	return unit_summary();
}
