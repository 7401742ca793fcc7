/* Zephyr compatibility: <zephyr/sys/dlist.h> is <vireo/sys/dlist.h>. */
#ifndef ZEPHYR_FWD_SYS_DLIST_H_
#define ZEPHYR_FWD_SYS_DLIST_H_
#include <vireo/sys/dlist.h>
#endif /* ZEPHYR_FWD_SYS_DLIST_H_ */
