/*
 * sys_poweroff(): the public side of the board's power-off driver, which
 * provides z_sys_poweroff(). Interrupts are locked so that nothing runs
 * between the decision and the end.
 */
#include <vireo/arch_interface.h>
#include <vireo/sys/poweroff.h>

FUNC_NORETURN void sys_poweroff_exit(int status)
{
	(void)arch_irq_lock();
	z_sys_poweroff(status);
}

FUNC_NORETURN void sys_poweroff(void)
{
	sys_poweroff_exit(0);
}
