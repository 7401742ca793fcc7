/*
 * ESP32-C3 early boot (soc_early_init_hook(), called by prep_c.c once, on
 * the boot stack with interrupts off, before any device init).
 *
 * The ROM bootloader leaves three watchdogs armed when it jumps to an image
 * it loaded from flash ("flash boot" protection): the RTC watchdog, the
 * main watchdog of timer group 0 (and of group 1, which it may arm too)
 * and the super watchdog. Vireo has no watchdog service, so they are
 * switched off here, before they reset the chip a few seconds into the
 * run. Each block is write-protected: writing its key to the protect
 * register opens it, writing anything else closes it again (ESP32-C3
 * technical reference manual, "Watchdog Timers").
 *
 * The super watchdog cannot be disabled from software once the ROM armed
 * it: it is set to feed itself (SWD_AUTO_FEED_EN), as Espressif's own
 * bootloader does.
 *
 * The chip has no mcycle: its custom performance counter (mpcer/mpcmr/
 * mpccr) is set to count cycles for timing_counter_get().
 */
#include <stdint.h>
#include <vireo/arch/riscv/csr.h>
#include <vireo/sys/sys_io.h>
#include <vireo/sys/util.h>

#define WDT_WKEY 0x50d83aa1U /* RTC WDT and MWDT write-protect key */
#define SWD_WKEY 0x8f1d312aU /* super watchdog write-protect key */

/* RTC_CNTL registers */
#define RTC_WDTCONFIG0 0x90U
#define RTC_WDTWPROTECT 0xa8U
#define RTC_SWD_CONF 0xacU
#define RTC_SWD_WPROTECT 0xb0U
#define SWD_AUTO_FEED_EN BIT(31)

/* Timer group registers */
#define TIMG_WDTCONFIG0 0x48U
#define TIMG_WDTWPROTECT 0x64U
#define TIMG_WDT_CONF_UPDATE_EN BIT(22) /* latch the new config into the WDT clock domain */

/* Custom CSRs of the performance counter: mpcer (0x7e0) selects the event
 * (bit 0: cycles), mpcmr (0x7e1) starts it (bit 0). */
#define CSR_MPCER 0x7e0
#define CSR_MPCMR 0x7e1

void soc_early_init_hook(void);

static inline void reg_write(uintptr_t base, uint32_t off, uint32_t val)
{
	sys_write32(val, base + off);
}

static inline uint32_t reg_read(uintptr_t base, uint32_t off)
{
	return sys_read32(base + off);
}

static void timg_wdt_off(uintptr_t timg)
{
	reg_write(timg, TIMG_WDTWPROTECT, WDT_WKEY);
	/* Clears WDT_EN and the flash-boot mode the ROM set, every stage off. */
	reg_write(timg, TIMG_WDTCONFIG0, 0);
	reg_write(timg, TIMG_WDTCONFIG0, TIMG_WDT_CONF_UPDATE_EN);
	reg_write(timg, TIMG_WDTWPROTECT, 0);
}

void soc_early_init_hook(void)
{
	const uintptr_t rtc = CONFIG_ESP32C3_RTC_CNTL_BASE;

	reg_write(rtc, RTC_WDTWPROTECT, WDT_WKEY);
	reg_write(rtc, RTC_WDTCONFIG0, 0);
	reg_write(rtc, RTC_WDTWPROTECT, 0);

	reg_write(rtc, RTC_SWD_WPROTECT, SWD_WKEY);
	reg_write(rtc, RTC_SWD_CONF, reg_read(rtc, RTC_SWD_CONF) | SWD_AUTO_FEED_EN);
	reg_write(rtc, RTC_SWD_WPROTECT, 0);

	timg_wdt_off(CONFIG_ESP32C3_TIMG0_BASE);
	timg_wdt_off(CONFIG_ESP32C3_TIMG0_BASE + 0x1000U);

	csr_write(CSR_MPCER, 1);
	csr_write(CSR_MPCMR, 1);
}
