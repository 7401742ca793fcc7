/* Zephyr compatibility: <zephyr/sys/cbprintf.h> is <vireo/sys/cbprintf.h>. */
#ifndef ZEPHYR_FWD_SYS_CBPRINTF_H_
#define ZEPHYR_FWD_SYS_CBPRINTF_H_
#include <vireo/sys/cbprintf.h>
#endif /* ZEPHYR_FWD_SYS_CBPRINTF_H_ */
