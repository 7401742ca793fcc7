/*
 * Host stand-ins for what the ESP32-C3 UART driver takes from the kernel
 * (force-included before it, pre-empting <vireo/irq.h>, <vireo/init.h>
 * and <vireo/sys/sys_io.h>): registers go to a model of the UART in
 * main.c; the interrupt calls are recorded.
 */
#ifndef FAKE_ENV_H_
#define FAKE_ENV_H_

#include <stdint.h>

#define VIREO_INCLUDE_IRQ_H_
#define VIREO_INCLUDE_INIT_H_
#define VIREO_INCLUDE_SYS_SYS_IO_H_

#define CONFIG_UART_ESP32_BASE 0x60000000U
#define CONFIG_UART_ESP32_INTMATRIX_SOURCE 21
#define CONFIG_UART_ESP32_BAUD 115200
#define CONFIG_UART_ESP32_CLOCK_HZ 40000000
#define CONFIG_UART_INTERRUPT_DRIVEN 1

#define RISCV_IRQ_MEXT 11
#define IRQ_2ND_LEVEL(n) ((((unsigned int)(n) + 1U) << 8) | RISCV_IRQ_MEXT)

typedef uintptr_t mem_addr_t;
uint32_t sys_read32(mem_addr_t addr);
void sys_write32(uint32_t data, mem_addr_t addr);

unsigned int irq_lock(void);
void irq_unlock(unsigned int key);
void irq_enable(unsigned int irq);
int irq_is_enabled(unsigned int irq);
int irq_connect_dynamic(unsigned int irq, unsigned int priority,
			void (*routine)(const void *parameter), const void *parameter,
			uint32_t flags);

/* The init entry of DEVICE_DEFINE: the test calls the init function itself. */
#define Z_INIT_ENTRY_DEFINE(id, fn, dev, level, prio) struct z_fake_init_##id

#endif /* FAKE_ENV_H_ */
