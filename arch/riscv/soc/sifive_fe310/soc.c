/*
 * FE310 start-up: the clock tree. Runs once from boot (soc_early_init_hook,
 * before any device init), single-threaded, interrupts off.
 *
 * Whatever the boot ROM or a bootloader left (the HiFive1 Rev B's runs the
 * PLL), the core and the peripheral clock tlclk are switched to the 16 MHz
 * crystal oscillator through the bypassed PLL: a known, exact frequency the
 * UART divisor is computed from (CONFIG_SOC_SIFIVE_FE310_CORECLK_HZ), at no
 * risk of a PLL misconfiguration. The SPI flash clock is derived from
 * tlclk: slower than after a bootloader's PLL, faster than from the
 * ~13.8 MHz HFROSC the chip resets to (HiFive1 Rev A), but 16 MHz divided
 * by any sckdiv is far below what the flash chip takes.
 * Register map: FE310-G000/G002 manual, "Power, Reset, Clock, Interrupt".
 */
#include <stdint.h>
#include <vireo/sys/util.h>

#define PRCI_BASE 0x10008000UL
#define PRCI_HFROSCCFG ((volatile uint32_t *)(PRCI_BASE + 0x0))
#define PRCI_HFXOSCCFG ((volatile uint32_t *)(PRCI_BASE + 0x4))
#define PRCI_PLLCFG ((volatile uint32_t *)(PRCI_BASE + 0x8))
#define PRCI_PLLOUTDIV ((volatile uint32_t *)(PRCI_BASE + 0xc))

#define OSC_EN BIT(30)
#define OSC_RDY BIT(31)
#define PLL_SEL BIT(16)     /* hfclk from the PLL block (not from HFROSC) */
#define PLL_REFSEL BIT(17)  /* PLL reference: HFXOSC */
#define PLL_BYPASS BIT(18)  /* PLL output = its reference */
#define PLLOUT_DIVBY1 BIT(8)

BUILD_ASSERT(CONFIG_SOC_SIFIVE_FE310_CORECLK_HZ == 16000000,
	     "the FE310 start-up code runs the core from the 16 MHz crystal");

void soc_early_init_hook(void)
{
	/*
	 * The first PLLCFG write below runs the core from the internal
	 * oscillator for a moment: make sure it runs (a bootloader that moved
	 * to the PLL may have stopped it).
	 */
	*PRCI_HFROSCCFG |= OSC_EN;
	while ((*PRCI_HFROSCCFG & OSC_RDY) == 0) {
	}
	*PRCI_HFXOSCCFG = OSC_EN;
	while ((*PRCI_HFXOSCCFG & OSC_RDY) == 0) {
	}
	/* Select the reference and the bypass first, then switch hfclk over. */
	*PRCI_PLLCFG = PLL_REFSEL | PLL_BYPASS;
	*PRCI_PLLOUTDIV = PLLOUT_DIVBY1;
	*PRCI_PLLCFG = PLL_REFSEL | PLL_BYPASS | PLL_SEL;
	/* The internal oscillator is no longer used. */
	*PRCI_HFROSCCFG &= ~OSC_EN;
}
