/* Zephyr compatibility: <zephyr/sys/poweroff.h> is <vireo/sys/poweroff.h>. */
#ifndef ZEPHYR_FWD_SYS_POWEROFF_H_
#define ZEPHYR_FWD_SYS_POWEROFF_H_
#include <vireo/sys/poweroff.h>
#endif /* ZEPHYR_FWD_SYS_POWEROFF_H_ */
