/* Zephyr compatibility: <zephyr/sys_clock.h> is <vireo/sys_clock.h>. */
#ifndef ZEPHYR_FWD_SYS_CLOCK_H_
#define ZEPHYR_FWD_SYS_CLOCK_H_
#include <vireo/sys_clock.h>
#endif /* ZEPHYR_FWD_SYS_CLOCK_H_ */
