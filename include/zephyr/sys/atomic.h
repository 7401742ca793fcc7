/* Zephyr compatibility: <zephyr/sys/atomic.h> is <vireo/sys/atomic.h>. */
#ifndef ZEPHYR_FWD_SYS_ATOMIC_H_
#define ZEPHYR_FWD_SYS_ATOMIC_H_
#include <vireo/sys/atomic.h>
#endif /* ZEPHYR_FWD_SYS_ATOMIC_H_ */
