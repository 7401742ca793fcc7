/*
 * An interrupt with no handler connected must be reported as a fatal
 * error, not ignored: raise the software interrupt (CLINT msip in M-mode,
 * sip.SSIP in S-mode) with nothing connected to it. testcase.ini expects
 * the report and a failing exit.
 */
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>
#include <vireo/arch/riscv/soft_irq.h>

int main(void)
{
	/* The number this build uses (1 in S-mode, 3 in M-mode): the report must name it. */
	printk("raising the software interrupt (IRQ 0x%x) with no handler\n",
	       (unsigned int)RISCV_IRQ_SOFT);
	irq_enable(RISCV_IRQ_SOFT);
	riscv_soft_irq_raise();
	k_busy_wait(100000);
	riscv_soft_irq_clear();
	printk("not reached: the unhandled interrupt was ignored\n");
	sys_poweroff_exit(0);
}
