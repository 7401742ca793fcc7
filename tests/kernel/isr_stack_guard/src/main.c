/*
 * The ISR stack's guard (CONFIG_PMP_ISR_STACK_GUARD): an interrupt handler
 * that recurses past the bottom of the ISR stack faults in the locked
 * guard entry; the fault is taken on the exception stack (not in an endless
 * series of traps), reported as an ISR stack overflow, and the system
 * halts, as for any fault in an ISR. testcase.ini expects that failure.
 */
#include <vireo/kernel.h>
#include <vireo/arch/riscv/soft_irq.h>

static volatile int depth;
/* Never reached: it keeps the compiler from calling the recursion endless. */
static volatile int limit = 1 << 30;

static int recurse(int n)
{
	volatile char frame[64];

	frame[0] = (char)n;
	depth = n;
	if (n >= limit) {
		return 0;
	}
	return recurse(n + 1) + frame[0];
}

static void deep_isr(const void *arg)
{
	ARG_UNUSED(arg);
	riscv_soft_irq_clear();
	(void)recurse(0);
}

int main(void)
{
	IRQ_CONNECT(RISCV_IRQ_SOFT, 0, deep_isr, NULL, 0);
	irq_enable(RISCV_IRQ_SOFT);
	printk("raising an interrupt whose handler overflows the ISR stack\n");
	riscv_soft_irq_raise();
	printk("not reached: the overflow went unnoticed (depth %d)\n", depth);
	return 0;
}
