/*
 * Power-off for boards that have no way to cut their power or end a run:
 * the hart stops in wfi with interrupts locked (sys_poweroff locked them),
 * which is as close to off as the chip gets without a debugger. Used by
 * the HiFive1 Rev B, where a semihosting call without a debugger attached
 * would only raise a breakpoint exception. The status is not reported.
 */
#include <vireo/sys/poweroff.h>
#include <vireo/sys/util.h>

FUNC_NORETURN void z_sys_poweroff(int status)
{
	ARG_UNUSED(status);
	for (;;) {
		/* Wakes on a pending interrupt, which stays untaken: loop again. */
		__asm__ volatile("wfi");
	}
}
