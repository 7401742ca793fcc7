/* Zephyr compatibility: <zephyr/app_memory/mem_domain.h> is <vireo/app_memory/mem_domain.h>. */
#ifndef ZEPHYR_FWD_APP_MEMORY_MEM_DOMAIN_H_
#define ZEPHYR_FWD_APP_MEMORY_MEM_DOMAIN_H_
#include <vireo/app_memory/mem_domain.h>
#endif /* ZEPHYR_FWD_APP_MEMORY_MEM_DOMAIN_H_ */
