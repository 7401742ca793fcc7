/*
 * Power-off through semihosting: the host (QEMU -machine sifive_e, which
 * has no power-off device, run with -semihosting-config enable=on; or a
 * debugger serving semihosting) ends the run with the status as its exit
 * code, so tests pass or fail exactly as with QEMU virt's test finisher.
 *
 * SYS_EXIT_EXTENDED carries the status on every width: its argument is a
 * block { reason, subcode }, and with reason ADP_Stopped_ApplicationExit
 * the subcode is the exit status (ARM semihosting v2.0). A host without it
 * returns, and then plain SYS_EXIT still tells success from failure: on
 * RV32 its argument is the reason itself (ApplicationExit: status 0,
 * anything else: 1), on RV64 the same block. Called with interrupts locked.
 */
#include <stdbool.h>
#include <stdint.h>
#include <vireo/sys/poweroff.h>

#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026UL
#define ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN 0x20023UL

long z_semihost_call(long op, unsigned long arg);

/*
 * Set before the first call. Without a host (a board with no debugger)
 * the ebreak is a breakpoint exception, whose fatal path halts through
 * z_sys_poweroff() again: the second time, stop instead of trapping again.
 */
static volatile bool attempted;

/* Returns only when the host did not end the run. */
static void exit_through_host(int status)
{
	/* Hosts exit with the status's low byte: a failure must not become 0. */
	unsigned long code = (unsigned long)status & 0xff;
	unsigned long block[2];

	if (status != 0 && code == 0) {
		code = 1;
	}
	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = code;
	(void)z_semihost_call(SYS_EXIT_EXTENDED, (unsigned long)block);

	if (__riscv_xlen == 64) {
		block[0] = code == 0 ? ADP_STOPPED_APPLICATION_EXIT
				     : ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN;
		(void)z_semihost_call(SYS_EXIT, (unsigned long)block);
	} else {
		(void)z_semihost_call(SYS_EXIT, code == 0 ? ADP_STOPPED_APPLICATION_EXIT
							  : ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN);
	}
}

FUNC_NORETURN void z_sys_poweroff(int status)
{
	if (!attempted) {
		attempted = true;
		exit_through_host(status);
	}
	for (;;) {
		__asm__ volatile("wfi");
	}
}
