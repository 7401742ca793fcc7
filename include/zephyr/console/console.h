/* Zephyr compatibility: <zephyr/console/console.h> is <vireo/console/console.h>. */
#ifndef ZEPHYR_FWD_CONSOLE_CONSOLE_H_
#define ZEPHYR_FWD_CONSOLE_CONSOLE_H_
#include <vireo/console/console.h>
#endif /* ZEPHYR_FWD_CONSOLE_CONSOLE_H_ */
