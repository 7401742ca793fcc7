/*
 * The machine software interrupt of hart 0, the interrupt these tests
 * raise at will: writing 1 to its CLINT msip word makes it pending, and
 * its ISR must write 0 (msip is a level: left at 1 it fires again at once).
 */
#ifndef INTERRUPT_MSOFT_H_
#define INTERRUPT_MSOFT_H_

#include <vireo/kernel.h>

#define MSIP_HART0 ((volatile uint32_t *)0x2000000)

static inline void msoft_raise(void)
{
	*MSIP_HART0 = 1;
}

static inline void msoft_clear(void)
{
	*MSIP_HART0 = 0;
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
