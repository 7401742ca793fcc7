/* Zephyr compatibility: <zephyr/init.h> is <vireo/init.h>. */
#ifndef ZEPHYR_FWD_INIT_H_
#define ZEPHYR_FWD_INIT_H_
#include <vireo/init.h>
#endif /* ZEPHYR_FWD_INIT_H_ */
