/*
 * The software interrupt of helpers.h (<vireo/arch/riscv/soft_irq.h>: the
 * CLINT's msip in M-mode, sip.SSIP in S-mode); the handler clears it.
 */
#include "helpers.h"
#include <vireo/arch/riscv/soft_irq.h>

volatile unsigned int soft_irq_count;
volatile bool soft_irq_saw_isr;
static void (*volatile soft_irq_action)(void);

void soft_irq_isr(const void *arg)
{
	void (*action)(void) = soft_irq_action;

	ARG_UNUSED(arg);
	riscv_soft_irq_clear();
	soft_irq_saw_isr = k_is_in_isr();
	soft_irq_count++;
	if (action != NULL) {
		action();
	}
}

IRQ_CONNECT(RISCV_IRQ_SOFT, 0, soft_irq_isr, NULL, 0);

void soft_irq_setup(void (*action)(void))
{
	soft_irq_action = action;
	soft_irq_saw_isr = false;
	irq_enable(RISCV_IRQ_SOFT);
}

void soft_irq_raise(void)
{
	riscv_soft_irq_raise();
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
