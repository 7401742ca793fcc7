/* Zephyr compatibility: <zephyr/sys/ring_buffer.h> is <vireo/sys/ring_buffer.h>. */
#ifndef ZEPHYR_FWD_SYS_RING_BUFFER_H_
#define ZEPHYR_FWD_SYS_RING_BUFFER_H_
#include <vireo/sys/ring_buffer.h>
#endif /* ZEPHYR_FWD_SYS_RING_BUFFER_H_ */
