/*
 * Host stand-ins for what the ESP32-C3 early boot code takes from the
 * architecture (force-included before it, pre-empting
 * <vireo/arch/riscv/csr.h> and <vireo/sys/sys_io.h>): registers go to a
 * model of the RTC controller and the two timer groups in main.c, CSR
 * writes are recorded.
 */
#ifndef FAKE_ENV_H_
#define FAKE_ENV_H_

#include <stdint.h>

#define VIREO_INCLUDE_ARCH_RISCV_CSR_H_
#define VIREO_INCLUDE_SYS_SYS_IO_H_

#define CONFIG_ESP32C3_RTC_CNTL_BASE 0x60008000U
#define CONFIG_ESP32C3_TIMG0_BASE 0x6001f000U

typedef uintptr_t mem_addr_t;
uint32_t sys_read32(mem_addr_t addr);
void sys_write32(uint32_t data, mem_addr_t addr);

void fake_csr_write(unsigned int csr, unsigned long value);
#define csr_write(csr, val) fake_csr_write((csr), (val))

#endif /* FAKE_ENV_H_ */
