/*
 * The scheduler suites' addition to the shared helper pool and trace
 * (tests/kernel/common/thread_pool.h): a software interrupt the cases can
 * raise at will. After each case, helpers_cleanup_extra() (soft_irq.c)
 * also puts back the interrupt's action and the time slice.
 */
#ifndef SCHED_HELPERS_H_
#define SCHED_HELPERS_H_

#include "thread_pool.h"

/*
 * The software interrupt (<vireo/arch/riscv/soft_irq.h>) as an interrupt a
 * case can raise at will. Its handler counts, notes k_is_in_isr() and
 * runs the case's action, if any.
 */
extern volatile unsigned int soft_irq_count;
extern volatile bool soft_irq_saw_isr;

/** The handler connected with IRQ_CONNECT (also for irq_connect_dynamic). */
void soft_irq_isr(const void *arg);
/** Connect the action and enable the line (idempotent). */
void soft_irq_setup(void (*action)(void));
/** Raise it; the interrupt is taken when the hart is unlocked. */
void soft_irq_raise(void);
/** Raise and wait (bounded) for the handler to have run; true if it did. */
bool soft_irq_fire(void);

#endif /* SCHED_HELPERS_H_ */
