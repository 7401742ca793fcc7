/*
 * An interrupt with no handler connected must be reported as a fatal
 * error, not ignored: raise the machine software interrupt (CLINT msip of
 * hart 0) with nothing connected to it. testcase.ini expects the report
 * and a failing exit.
 */
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>

#define MSIP_HART0 ((volatile uint32_t *)0x2000000)

int main(void)
{
	printk("raising the machine software interrupt with no handler\n");
	irq_enable(RISCV_IRQ_MSOFT);
	*MSIP_HART0 = 1;
	k_busy_wait(100000);
	*MSIP_HART0 = 0;
	printk("not reached: the unhandled interrupt was ignored\n");
	sys_poweroff_exit(0);
}
