/*
 * RISC-V PLIC for one context of hart 0 (CONFIG_RISCV_PLIC_CONTEXT: its
 * machine-mode context, or its supervisor-mode one for an S-mode kernel):
 * per-source priority and enable bits, and the claim/complete handshake.
 * Its handler sits on the hart's external interrupt of the kernel's
 * privilege level and calls the handler connected to each claimed source
 * through the architecture's table. irq.c reaches it through the
 * second-level controller interface (intc_2nd_level.h).
 * Register map (PLIC specification): priority at base + 4*source, enable
 * bits at base + 0x2000 + 0x80*context, threshold at base + 0x200000 +
 * 0x1000*context, claim/complete 4 bytes above the threshold.
 */
#include <vireo/drivers/interrupt_controller/intc_2nd_level.h>
#include <vireo/drivers/interrupt_controller/riscv_plic.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>

#define PLIC_PRIORITY(src) ((volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_PLIC_BASE + 4U * (src)))
#define PLIC_CTX CONFIG_RISCV_PLIC_CONTEXT
#define PLIC_ENABLE(word) ((volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_PLIC_BASE + 0x2000U + \
							  0x80U * PLIC_CTX + 4U * (word)))
#define PLIC_THRESHOLD \
	((volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_PLIC_BASE + 0x200000U + 0x1000U * PLIC_CTX))
#define PLIC_CLAIM \
	((volatile uint32_t *)(uintptr_t)(CONFIG_RISCV_PLIC_BASE + 0x200004U + 0x1000U * PLIC_CTX))

void riscv_plic_irq_enable(uint32_t source)
{
	unsigned int key = arch_irq_lock();

	*PLIC_ENABLE(source / 32) |= 1U << (source % 32);
	arch_irq_unlock(key);
}

void riscv_plic_irq_disable(uint32_t source)
{
	unsigned int key = arch_irq_lock();

	*PLIC_ENABLE(source / 32) &= ~(1U << (source % 32));
	arch_irq_unlock(key);
}

int riscv_plic_irq_is_enabled(uint32_t source)
{
	return (*PLIC_ENABLE(source / 32) >> (source % 32)) & 1U;
}

void riscv_plic_set_priority(uint32_t source, uint32_t priority)
{
	*PLIC_PRIORITY(source) = priority;
}

/*
 * Enable before setting the priority: QEMU's PLIC re-evaluates a pending
 * source on the priority write only. Priority 0 never interrupts, so
 * connected priorities (0 = lowest) start at 1.
 */
int z_intc_2nd_enable(unsigned int source, unsigned int priority)
{
	riscv_plic_irq_enable(source);
	riscv_plic_set_priority(source, MIN(priority + 1U, 7U));
	return 0;
}

void z_intc_2nd_disable(unsigned int source)
{
	riscv_plic_irq_disable(source);
}

int z_intc_2nd_is_enabled(unsigned int source)
{
	return riscv_plic_irq_is_enabled(source);
}

/* Serve every pending source, then return: one trap for a burst. */
static void plic_isr(const void *arg)
{
	uint32_t source;

	(void)arg;
	while ((source = *PLIC_CLAIM) != 0) {
		z_riscv_isr_invoke(IRQ_PLIC(source));
		*PLIC_CLAIM = source;
	}
}

static int plic_init(void)
{
	for (uint32_t word = 0; word <= CONFIG_NUM_2ND_LEVEL_IRQS / 32; word++) {
		*PLIC_ENABLE(word) = 0;
	}
	*PLIC_THRESHOLD = 0;
	IRQ_CONNECT(RISCV_IRQ_EXT, 0, plic_isr, NULL, 0);
	irq_enable(RISCV_IRQ_EXT);
	return 0;
}

SYS_INIT(plic_init, PRE_KERNEL_1, 0);
