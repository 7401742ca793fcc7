/*
 * Calls into the SBI firmware (RISC-V Supervisor Binary Interface, v0.2
 * and later calling convention) for a kernel in S-mode: a7 = extension
 * id, a6 = function id, a0..a5 = arguments; the firmware answers with an
 * error code in a0 and a value in a1. Used by the SBI timer and power-off
 * drivers; implemented in arch/riscv/core/sbi.c (CONFIG_RISCV_S_MODE).
 */
#ifndef VIREO_INCLUDE_ARCH_RISCV_SBI_H_
#define VIREO_INCLUDE_ARCH_RISCV_SBI_H_

#include <stdbool.h>

/* Extension ids (fixed by the specification): Base is 0x10, later ones the ASCII of their names. */
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45 /* "TIME" */
#define SBI_EXT_SRST 0x53525354 /* "SRST" */

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_TIME_SET_TIMER 0
#define SBI_SRST_SYSTEM_RESET 0

#define SBI_SRST_TYPE_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSTEM_FAILURE 1

#define SBI_SUCCESS 0
#define SBI_ERR_NOT_SUPPORTED (-2)

/** @brief What the firmware returned: an SBI error code and a value. */
struct sbiret {
	long error;
	long value;
};

/**
 * @brief Call function @p fid of extension @p ext with three arguments
 * (unused ones 0). Any privilege-level state is the firmware's business;
 * the call returns like a function (it may not return for SRST).
 */
struct sbiret z_riscv_sbi_call(unsigned long ext, unsigned long fid, unsigned long arg0,
			       unsigned long arg1, unsigned long arg2);

/** @brief True when the firmware implements extension @p ext. */
bool z_riscv_sbi_probe(unsigned long ext);

#endif /* VIREO_INCLUDE_ARCH_RISCV_SBI_H_ */
