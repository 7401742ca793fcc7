/*
 * The software interrupt of helpers.h. msip is the first word of the CLINT
 * (the block the machine timer lives in); writing 1 raises the machine
 * software interrupt of hart 0, and the handler writes 0 to clear it.
 */
#include "helpers.h"

#define MSIP_HART0 ((volatile uint32_t *)(CONFIG_RISCV_MACHINE_TIMER_BASE + 0x0))

volatile unsigned int soft_irq_count;
volatile bool soft_irq_saw_isr;
static void (*volatile soft_irq_action)(void);

void soft_irq_isr(const void *arg)
{
	void (*action)(void) = soft_irq_action;

	ARG_UNUSED(arg);
	*MSIP_HART0 = 0;
	soft_irq_saw_isr = k_is_in_isr();
	soft_irq_count++;
	if (action != NULL) {
		action();
	}
}

IRQ_CONNECT(RISCV_IRQ_MSOFT, 0, soft_irq_isr, NULL, 0);

void soft_irq_setup(void (*action)(void))
{
	soft_irq_action = action;
	soft_irq_saw_isr = false;
	irq_enable(RISCV_IRQ_MSOFT);
}

void soft_irq_raise(void)
{
	*MSIP_HART0 = 1;
}

bool soft_irq_fire(void)
{
	unsigned int before = soft_irq_count;

	soft_irq_raise();
	for (int i = 0; i < 100000 && soft_irq_count == before; i++) {
	}
	return soft_irq_count != before;
}

/* The after() hook's share for this suite: what cases change globally. */
void helpers_cleanup_extra(void)
{
	soft_irq_setup(NULL);
	k_sched_time_slice_set(CONFIG_TIMESLICE_SIZE, CONFIG_TIMESLICE_PRIORITY);
}
