/*
 * C start-up for the boot hart: runs on the ISR stack with interrupts off,
 * before any kernel service exists. Prepares memory as C expects (zeroed
 * .bss, .data in RAM on execute-in-place boards) and enters the kernel.
 * Called once, from reset.S.
 */
#include <string.h>
#include <vireo/toolchain.h>
#include <vireo/sys/util.h>
#include <vireo/arch/riscv/csr.h>

extern char __bss_start[], __bss_end[];
extern char __data_start[], __data_end[], __data_load_start[];

FUNC_NORETURN void z_cstart(void);
FUNC_NORETURN void z_riscv_start(void);
/* Provided by the SoC when it selects CONFIG_SOC_EARLY_INIT_HOOK. */
void soc_early_init_hook(void);

FUNC_NORETURN void z_riscv_start(void)
{
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	/*
	 * On a RAM-only image the loader already placed .data (load and run
	 * addresses are equal); from flash it must be copied. The TLS image
	 * (.tdata) is part of that range.
	 */
	if (&__data_load_start[0] != &__data_start[0]) {
		memcpy(__data_start, __data_load_start,
		       (size_t)(__data_end - __data_start));
	}
	/* Clocks and the like, before any device init relies on them. */
	if (IS_ENABLED(CONFIG_SOC_EARLY_INIT_HOOK)) {
		soc_early_init_hook();
	}
	/*
	 * cycle, time and instret readable below M-mode (timing_counter_get);
	 * mstatus.TW: wfi below M-mode traps, so U-mode cannot stall the hart.
	 * Harts without the counters have no mcounteren either (it would trap).
	 */
	if (!IS_ENABLED(CONFIG_RISCV_S_MODE)) {
		if (IS_ENABLED(CONFIG_RISCV_HAS_COUNTERS)) {
			csr_write(mcounteren, 7);
		}
		csr_set(mstatus, MSTATUS_TW);
		if (IS_ENABLED(CONFIG_RISCV_HAS_S_MODE)) {
			csr_write(scounteren, 7);
		}
	}
	z_cstart();
}
