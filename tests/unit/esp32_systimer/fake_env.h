/*
 * Host stand-ins for what the ESP32-C3 SYSTIMER driver takes from the
 * kernel (force-included before it, pre-empting <vireo/irq.h>,
 * <vireo/init.h> and <vireo/sys/sys_io.h>): registers go to a model of the
 * SYSTIMER in main.c, IRQ_CONNECT/irq_enable and SYS_INIT are recorded, irq_lock() is
 * modelled.
 * TICKLESS (0 or 1, from CMake) picks the kernel mode.
 */
#ifndef FAKE_ENV_H_
#define FAKE_ENV_H_

#include <stdint.h>

#define VIREO_INCLUDE_IRQ_H_
#define VIREO_INCLUDE_INIT_H_
#define VIREO_INCLUDE_SYS_SYS_IO_H_

#define CONFIG_ESP32C3_SYSTIMER_BASE 0x60023000U
#define CONFIG_ESP32C3_SYSTIMER_INTMATRIX_SOURCE 37
#define CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC 16000000
#ifndef CONFIG_SYS_CLOCK_TICKS_PER_SEC /* the build-check test sets its own */
#define CONFIG_SYS_CLOCK_TICKS_PER_SEC 1000
#endif
#if TICKLESS
#define CONFIG_TICKLESS_KERNEL 1
#endif

#define RISCV_IRQ_MEXT 11
#define IRQ_2ND_LEVEL(n) ((((unsigned int)(n) + 1U) << 8) | RISCV_IRQ_MEXT)

typedef uintptr_t mem_addr_t;
uint32_t sys_read32(mem_addr_t addr);
void sys_write32(uint32_t data, mem_addr_t addr);

/* Interrupt locking: main.c counts the depth and defers its "interrupts". */
unsigned int irq_lock(void);
void irq_unlock(unsigned int key);

void fake_irq_connect(unsigned int irq, void (*isr)(const void *), const void *arg);
void irq_enable(unsigned int irq);
#define IRQ_CONNECT(irq, prio, isr, arg, flags) fake_irq_connect((irq), (isr), (arg))

#define SYS_INIT(fn, level, prio) int (*const fake_sys_init)(void) = fn

#endif /* FAKE_ENV_H_ */
