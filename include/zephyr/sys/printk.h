/* Zephyr compatibility: <zephyr/sys/printk.h> is <vireo/sys/printk.h>. */
#ifndef ZEPHYR_FWD_SYS_PRINTK_H_
#define ZEPHYR_FWD_SYS_PRINTK_H_
#include <vireo/sys/printk.h>
#endif /* ZEPHYR_FWD_SYS_PRINTK_H_ */
