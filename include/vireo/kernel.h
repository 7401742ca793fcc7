/*
 * The kernel API (Zephyr's kernel.h). Grows with each kernel service;
 * today: printk, fatal errors and k_oops/k_panic.
 */
#ifndef VIREO_INCLUDE_KERNEL_H_
#define VIREO_INCLUDE_KERNEL_H_

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vireo/fatal.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>
#include <vireo/toolchain.h>

/** @brief Stop the current context with a kernel oops (fatal error report). */
#define k_oops() z_fatal_error(K_ERR_KERNEL_OOPS, NULL)

/** @brief Stop the system with a kernel panic (fatal error report). */
#define k_panic() z_fatal_error(K_ERR_KERNEL_PANIC, NULL)

#endif /* VIREO_INCLUDE_KERNEL_H_ */
