/* Zephyr compatibility: <zephyr/irq.h> is <vireo/irq.h>. */
#ifndef ZEPHYR_FWD_IRQ_H_
#define ZEPHYR_FWD_IRQ_H_
#include <vireo/irq.h>
#endif /* ZEPHYR_FWD_IRQ_H_ */
