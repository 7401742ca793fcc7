/* Zephyr compatibility: <zephyr/fatal.h> is <vireo/fatal.h>. */
#ifndef ZEPHYR_FWD_FATAL_H_
#define ZEPHYR_FWD_FATAL_H_
#include <vireo/fatal.h>
#endif /* ZEPHYR_FWD_FATAL_H_ */
