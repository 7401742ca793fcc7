/* Zephyr compatibility: <zephyr/kernel.h> is <vireo/kernel.h>. */
#ifndef ZEPHYR_FWD_KERNEL_H_
#define ZEPHYR_FWD_KERNEL_H_
#include <vireo/kernel.h>
#endif /* ZEPHYR_FWD_KERNEL_H_ */
