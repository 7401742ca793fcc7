/* Zephyr compatibility: <zephyr/sys/util.h> is <vireo/sys/util.h>. */
#ifndef ZEPHYR_FWD_SYS_UTIL_H_
#define ZEPHYR_FWD_SYS_UTIL_H_
#include <vireo/sys/util.h>
#endif /* ZEPHYR_FWD_SYS_UTIL_H_ */
