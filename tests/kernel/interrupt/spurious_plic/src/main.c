/*
 * An interrupt of a PLIC source with no handler connected must be
 * reported as a fatal error naming that source's IRQ number, IRQ_PLIC(n).
 * The source is the console UART's (10 on QEMU virt, 3 on the FE310),
 * raised by enabling its transmitter-empty interrupt. It is enabled through the PLIC driver's own
 * calls rather than irq_enable(), so that this test checks the report
 * alone (tests/kernel/interrupt checks irq_enable() on PLIC lines).
 */
#include <vireo/drivers/interrupt_controller/riscv_plic.h>
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>
#include "../../../common/uart_tx_irq.h"

#define UART0_PLIC_SOURCE ((unsigned int)UART_TX_IRQ_SOURCE)

int main(void)
{
	printk("raising PLIC source %u (IRQ 0x%x) with no handler\n", UART0_PLIC_SOURCE,
	       IRQ_PLIC(UART0_PLIC_SOURCE));
	riscv_plic_set_priority(UART0_PLIC_SOURCE, 1);
	riscv_plic_irq_enable(UART0_PLIC_SOURCE);
	uart_tx_irq_set(true);
	k_busy_wait(100000);
	uart_tx_irq_set(false);
	printk("not reached: the unhandled interrupt was ignored\n");
	sys_poweroff_exit(0);
}
