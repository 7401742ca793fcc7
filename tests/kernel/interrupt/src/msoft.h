/*
 * The software interrupt of the kernel's privilege level, the interrupt
 * these tests raise at will (<vireo/arch/riscv/soft_irq.h>: CLINT msip in
 * M-mode, sip.SSIP in S-mode); its ISR must clear it (it is a level: left
 * pending it fires again at once).
 */
#ifndef INTERRUPT_MSOFT_H_
#define INTERRUPT_MSOFT_H_

#include <vireo/kernel.h>
#include <vireo/arch/riscv/soft_irq.h>

static inline void msoft_raise(void)
{
	riscv_soft_irq_raise();
}

static inline void msoft_clear(void)
{
	riscv_soft_irq_clear();
}

/* Spin (never sleep) up to about 100 ms until *count differs from @p before. */
static inline bool wait_for_change(volatile int *count, int before)
{
	for (int i = 0; i < 10000 && *count == before; i++) {
		k_busy_wait(10);
	}
	return *count != before;
}

#endif /* INTERRUPT_MSOFT_H_ */
