/*
 * Interrupt table and dispatch. One software table maps every IRQ to its
 * handler: local interrupts (xcause codes 0..15) first, then the sources
 * of the second-level controller (the PLIC or another), reached through
 * the interface of intc_2nd_level.h. A controller that owns every
 * CPU line (ESP32-C3 interrupt matrix) gets every interrupt cause from
 * the dispatch and has no local IRQs beside it. Build-time IRQ_CONNECT
 * entries are copied in by arch_kernel_init(); irq_connect_dynamic()
 * writes the same table. An interrupt nobody connected is reported as a
 * fatal spurious interrupt.
 *
 * Dispatch runs on the ISR stack with interrupts locked (trap.S).
 */
#include <errno.h>
#include <vireo/drivers/interrupt_controller/intc_2nd_level.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>
#include <asm.h>
#include "kernel_internal.h"

#define Z_NUM_IRQS (RISCV_LOCAL_IRQS + CONFIG_NUM_2ND_LEVEL_IRQS)
#define CAUSE_CODE_MASK 0xffUL
/*
 * Local lines the kernel's privilege level can take. In S-mode only the
 * supervisor ones (software 1, timer 5, external 9, counter overflow 13):
 * sie has no bit for the machine lines, which stay the firmware's, so a
 * connection to one of them could never fire.
 */
#define LOCAL_IRQ_LINES (IS_ENABLED(CONFIG_RISCV_S_MODE) ? 0x2222U : 0xffffU)

struct sw_isr {
	void (*isr)(const void *arg);
	const void *arg;
	unsigned int priority;
};

extern const struct z_isr_entry __isr_entries_start[];
extern const struct z_isr_entry __isr_entries_end[];

static struct sw_isr sw_isr_table[Z_NUM_IRQS];
/* Aligned for the guard's NAPOT entry (and the psABI's 16 bytes). */
char z_interrupt_stack[Z_ISR_STACK_OBJ_SIZE]
	__aligned(Z_ISR_STACK_GUARD_SIZE > 16 ? Z_ISR_STACK_GUARD_SIZE : 16) __noinit;
#ifdef CONFIG_PMP_ISR_STACK_GUARD
BUILD_ASSERT((CONFIG_PMP_STACK_GUARD_SIZE & (CONFIG_PMP_STACK_GUARD_SIZE - 1)) == 0,
	     "PMP_STACK_GUARD_SIZE must be a power of two for the ISR stack's NAPOT guard");
char z_riscv_exception_stack[Z_EXCEPTION_STACK_SIZE] __aligned(16) __noinit;
#endif /* CONFIG_PMP_ISR_STACK_GUARD */

void z_riscv_irq_dispatch(struct arch_esf *esf, unsigned long cause);
void z_riscv_pmp_init(void);

static void spurious_isr(const void *arg)
{
	printk("spurious interrupt: IRQ 0x%lx has no handler\n", (unsigned long)arg);
	z_fatal_error(K_ERR_SPURIOUS_IRQ, NULL);
}

/* Controller source of a level-2 IRQ (IRQ_2ND_LEVEL(n) has n + 1 in bits 8 and up). */
static unsigned int second_level_source(unsigned int irq)
{
	return (irq >> 8) - 1U;
}

/*
 * Table index of an IRQ, or -1 when it is out of range: local IRQs of the
 * kernel's level first, then controller sources 1..CONFIG_NUM_2ND_LEVEL_IRQS (0 is
 * no source).
 */
static int irq_index(unsigned int irq)
{
	unsigned int source;

	if ((irq >> 8) == 0) {
		if (IS_ENABLED(CONFIG_RISCV_INTC_OWNS_CPU_LINES)) {
			return -1;
		}
		return irq < RISCV_LOCAL_IRQS && (LOCAL_IRQ_LINES & BIT(irq)) != 0 ? (int)irq : -1;
	}
	source = second_level_source(irq);
	if ((irq & 0xff) != RISCV_IRQ_EXT || source == 0 ||
	    source > CONFIG_NUM_2ND_LEVEL_IRQS) {
		return -1;
	}
	return RISCV_LOCAL_IRQS + (int)source - 1;
}

static int set_entry(unsigned int irq, unsigned int prio, void (*isr)(const void *),
		     const void *arg)
{
	int idx = irq_index(irq);

	if (idx < 0) {
		return -EINVAL;
	}
	sw_isr_table[idx] = (struct sw_isr){ isr, arg, prio };
	return 0;
}

void arch_kernel_init(void)
{
	for (unsigned int i = 0; i < Z_NUM_IRQS; i++) {
		unsigned int irq = i < RISCV_LOCAL_IRQS ? i : IRQ_2ND_LEVEL(i - RISCV_LOCAL_IRQS + 1);

		sw_isr_table[i] = (struct sw_isr){ spurious_isr, (const void *)(uintptr_t)irq, 0 };
	}
	for (const struct z_isr_entry *e = __isr_entries_start; e < __isr_entries_end; e++) {
		if (set_entry(e->irq, e->priority, e->isr, e->arg) != 0) {
			printk("IRQ_CONNECT: IRQ 0x%x out of range\n", e->irq);
		}
	}
	_kernel.irq_stack = z_interrupt_stack + sizeof(z_interrupt_stack);
	if (IS_ENABLED(CONFIG_USERSPACE)) {
		z_riscv_pmp_init();
	}
}

int irq_connect_dynamic(unsigned int irq, unsigned int priority,
			void (*routine)(const void *parameter), const void *parameter,
			uint32_t flags)
{
	unsigned int key;
	int rc;

	if (routine == NULL || flags != 0) {
		return -EINVAL;
	}
	key = arch_irq_lock();
	rc = set_entry(irq, priority, routine, parameter);
	arch_irq_unlock(key);
	return rc == 0 ? (int)irq : rc;
}

/* Called by the second-level controller's driver for each pending source. */
void z_riscv_isr_invoke(unsigned int irq)
{
	int idx = irq_index(irq);
	const struct sw_isr *e;

	if (idx < 0) {
		spurious_isr((const void *)(uintptr_t)irq);
		return;
	}
	e = &sw_isr_table[idx];
	e->isr(e->arg);
}

void z_riscv_irq_dispatch(struct arch_esf *esf, unsigned long cause)
{
	/* The hardware's code is a local IRQ: index the table directly. */
	unsigned long code = cause & CAUSE_CODE_MASK;
	const struct sw_isr *e;

	ARG_UNUSED(esf);
	if (IS_ENABLED(CONFIG_RISCV_INTC_OWNS_CPU_LINES)) {
		z_intc_2nd_line_isr((unsigned int)code);
		return;
	}
	if (unlikely(code >= RISCV_LOCAL_IRQS)) {
		spurious_isr((const void *)code);
		return;
	}
	e = &sw_isr_table[code];
	e->isr(e->arg);
}

void irq_enable(unsigned int irq)
{
	int idx = irq_index(irq);

	if (idx < 0) {
		return;
	}
	if (IS_ENABLED(CONFIG_RISCV_HAS_XIE) && idx < RISCV_LOCAL_IRQS) {
		csr_set(CSR_XIE, BIT(irq));
	} else if (IS_ENABLED(CONFIG_RISCV_2ND_LEVEL_INTC)) {
		if (z_intc_2nd_enable(second_level_source(irq), sw_isr_table[idx].priority) != 0) {
			printk("irq_enable: no interrupt line left for IRQ 0x%x\n", irq);
		}
	}
}

void irq_disable(unsigned int irq)
{
	int idx = irq_index(irq);

	if (idx < 0) {
		return;
	}
	if (IS_ENABLED(CONFIG_RISCV_HAS_XIE) && idx < RISCV_LOCAL_IRQS) {
		csr_clear(CSR_XIE, BIT(irq));
	} else if (IS_ENABLED(CONFIG_RISCV_2ND_LEVEL_INTC)) {
		z_intc_2nd_disable(second_level_source(irq));
	}
}

int irq_is_enabled(unsigned int irq)
{
	int idx = irq_index(irq);

	if (idx < 0) {
		return 0;
	}
	if (IS_ENABLED(CONFIG_RISCV_HAS_XIE) && idx < RISCV_LOCAL_IRQS) {
		return (csr_read(CSR_XIE) & BIT(irq)) != 0;
	}
	if (IS_ENABLED(CONFIG_RISCV_2ND_LEVEL_INTC)) {
		return z_intc_2nd_is_enabled(second_level_source(irq));
	}
	return 0;
}
