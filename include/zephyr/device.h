/* Zephyr compatibility: <zephyr/device.h> is <vireo/device.h>. */
#ifndef ZEPHYR_FWD_DEVICE_H_
#define ZEPHYR_FWD_DEVICE_H_
#include <vireo/device.h>
#endif /* ZEPHYR_FWD_DEVICE_H_ */
