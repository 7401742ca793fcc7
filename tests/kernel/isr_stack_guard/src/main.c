/*
 * The ISR stack's guard (CONFIG_PMP_ISR_STACK_GUARD): an interrupt handler
 * that recurses past the bottom of the ISR stack faults in the locked
 * guard entry; the fault is taken on the exception stack (not in an endless
 * series of traps), reported as an ISR stack overflow, and the system
 * halts, as for any fault in an ISR. testcase.ini expects that failure.
 */
#include <vireo/kernel.h>

#define MSIP_HART0 ((volatile uint32_t *)0x2000000)

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
	*MSIP_HART0 = 0;
	(void)recurse(0);
}

int main(void)
{
	IRQ_CONNECT(RISCV_IRQ_MSOFT, 0, deep_isr, NULL, 0);
	irq_enable(RISCV_IRQ_MSOFT);
	printk("raising an interrupt whose handler overflows the ISR stack\n");
	*MSIP_HART0 = 1;
	printk("not reached: the overflow went unnoticed (depth %d)\n", depth);
	return 0;
}
