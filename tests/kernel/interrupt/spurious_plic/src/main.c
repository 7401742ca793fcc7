/*
 * An interrupt of a PLIC source with no handler connected must be
 * reported as a fatal error naming that source's IRQ number, IRQ_PLIC(n).
 * The source is QEMU virt's UART0 (PLIC source 10), raised by enabling its
 * transmitter-empty interrupt. It is enabled through the PLIC driver's own
 * calls rather than irq_enable(), so that this test checks the report
 * alone (tests/kernel/interrupt checks irq_enable() on PLIC lines).
 */
#include <vireo/drivers/interrupt_controller/riscv_plic.h>
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>

#define UART0_PLIC_SOURCE 10U
#define UART_IER ((volatile uint8_t *)(CONFIG_UART_NS16550_BASE + \
					(1U << CONFIG_UART_NS16550_REG_SHIFT)))
#define UART_IER_THRI 0x02U

int main(void)
{
	printk("raising PLIC source %u (IRQ 0x%x) with no handler\n", UART0_PLIC_SOURCE,
	       IRQ_PLIC(UART0_PLIC_SOURCE));
	riscv_plic_set_priority(UART0_PLIC_SOURCE, 1);
	riscv_plic_irq_enable(UART0_PLIC_SOURCE);
	*UART_IER = UART_IER_THRI;
	k_busy_wait(100000);
	*UART_IER = 0;
	printk("not reached: the unhandled interrupt was ignored\n");
	sys_poweroff_exit(0);
}
