/* Zephyr compatibility: <zephyr/app_memory/app_memdomain.h> is <vireo/app_memory/app_memdomain.h>. */
#ifndef ZEPHYR_FWD_APP_MEMORY_APP_MEMDOMAIN_H_
#define ZEPHYR_FWD_APP_MEMORY_APP_MEMDOMAIN_H_
#include <vireo/app_memory/app_memdomain.h>
#endif /* ZEPHYR_FWD_APP_MEMORY_APP_MEMDOMAIN_H_ */
