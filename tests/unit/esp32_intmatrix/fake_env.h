/*
 * Host stand-ins for what the ESP32-C3 interrupt matrix driver takes from
 * the kernel (force-included before it, pre-empting <vireo/irq.h> and
 * <vireo/init.h>): its register block is an array, the interrupt lock a
 * counter, SYS_INIT a pointer the test calls.
 */
#ifndef FAKE_ENV_H_
#define FAKE_ENV_H_

#include <stdint.h>

#define VIREO_INCLUDE_IRQ_H_
#define VIREO_INCLUDE_INIT_H_

extern uint32_t fake_matrix[0x200 / 4];
extern int fake_lock_depth;

#define CONFIG_ESP32C3_INTMATRIX_BASE ((uintptr_t)fake_matrix)
#define CONFIG_NUM_2ND_LEVEL_IRQS 61
#define RISCV_IRQ_MEXT 11
#define IRQ_2ND_LEVEL(n) ((((unsigned int)(n) + 1U) << 8) | RISCV_IRQ_MEXT)

static inline unsigned int arch_irq_lock(void)
{
	return (unsigned int)fake_lock_depth++;
}

static inline void arch_irq_unlock(unsigned int key)
{
	fake_lock_depth = (int)key;
}

#define SYS_INIT(fn, level, prio) int (*const fake_sys_init)(void) = fn

#endif /* FAKE_ENV_H_ */
