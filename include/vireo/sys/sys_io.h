/*
 * Memory-mapped register access (Zephyr's sys/sys_io.h subset): one place
 * through which a driver touches its registers, so that a host test can
 * put a model of the device behind it.
 */
#ifndef VIREO_INCLUDE_SYS_SYS_IO_H_
#define VIREO_INCLUDE_SYS_SYS_IO_H_

#include <stdint.h>

typedef uintptr_t mem_addr_t;

/** @brief Read the 32-bit register at @p addr. */
static inline uint32_t sys_read32(mem_addr_t addr)
{
	return *(volatile uint32_t *)addr;
}

/** @brief Write @p data to the 32-bit register at @p addr. */
static inline void sys_write32(uint32_t data, mem_addr_t addr)
{
	*(volatile uint32_t *)addr = data;
}

#endif /* VIREO_INCLUDE_SYS_SYS_IO_H_ */
