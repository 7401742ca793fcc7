/*
 * Power-off of an S-mode kernel through the SBI system-reset extension
 * (SRST): shutdown, with reason "no reason" for status 0 and "system
 * failure" otherwise.
 *
 * The reason is advisory, and QEMU's exit status does not carry it
 * (OpenSBI powers the virt machine off through its test device with
 * the "pass" value, whatever the reason). So when the board names a
 * test finisher reachable from S-mode (CONFIG_POWEROFF_SBI_FINISHER_BASE,
 * QEMU virt's sifive_test device, which OpenSBI leaves to S-mode), a
 * failure is written there first with its code, as the M-mode driver
 * does; a real board without one just shuts down.
 */
#include <stdint.h>
#include <vireo/arch/riscv/sbi.h>
#include <vireo/sys/poweroff.h>
#include <vireo/sys/printk.h>

#define FINISHER_FAIL 0x3333

FUNC_NORETURN void z_sys_poweroff(int status)
{
	uint32_t code = (uint32_t)status & 0xffff;
	struct sbiret r;

	if (status != 0 && CONFIG_POWEROFF_SBI_FINISHER_BASE != 0) {
		/* QEMU exits with the 16-bit code as given: a failure must not be 0. */
		*(volatile uint32_t *)(uintptr_t)CONFIG_POWEROFF_SBI_FINISHER_BASE =
			((code != 0 ? code : 1U) << 16) | FINISHER_FAIL;
	}
	r = z_riscv_sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, SBI_SRST_TYPE_SHUTDOWN,
			     status == 0 ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_SYSTEM_FAILURE, 0);
	/* Only a firmware without SRST (or refusing it) returns: say so, stop here. */
	printk("poweroff: SBI system reset failed (error %ld), status %d: halting\n", r.error,
	       status);
	for (;;) {
		__asm__ volatile("wfi");
	}
}
