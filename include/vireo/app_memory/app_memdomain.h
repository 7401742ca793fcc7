/*
 * Application memory partitions (Zephyr's app_memory/app_memdomain.h):
 * group global variables into a partition that memory domains can grant.
 *
 *   K_APPMEM_PARTITION_DEFINE(part);
 *   K_APP_DMEM(part) int counter = 5;    initialized data
 *   K_APP_BMEM(part) char buf[64];       zeroed data
 *
 * The linker gathers each partition's variables between two markers
 * (sections sorted by name: start, data, bss, end), aligned for the PMP;
 * the partition's size is filled in at boot from the markers.
 */
#ifndef VIREO_INCLUDE_APP_MEMORY_APP_MEMDOMAIN_H_
#define VIREO_INCLUDE_APP_MEMORY_APP_MEMDOMAIN_H_

#include <vireo/app_memory/mem_domain.h>
#include <vireo/toolchain.h>

#ifdef CONFIG_USERSPACE

struct z_app_region {
	struct k_mem_partition *part;
	char *start;
	char *end;
};

#define Z_APP_ALIGN __aligned(CONFIG_PMP_GRANULARITY)

/** @brief Define an application memory partition named @p name. */
#define K_APPMEM_PARTITION_DEFINE(name)                                                 \
	static char Z_APP_ALIGN z_app_start_##name[0] __used                            \
		__section(".app_smem." #name ".0start");                                \
	static char Z_APP_ALIGN z_app_end_##name[0] __used                              \
		__section(".app_smem." #name ".9end");                                  \
	struct k_mem_partition name = { .start = (uintptr_t)z_app_start_##name,         \
					.size = 0,                                      \
					.attr = K_MEM_PARTITION_P_RW_U_RW };            \
	static const struct z_app_region __used __section(".z_app_regions." #name)     \
		z_app_region_##name = { &name, z_app_start_##name, z_app_end_##name }

/** @brief Place an initialized variable in partition @p name. */
#define K_APP_DMEM(name) __section(".app_smem." #name ".1data")
/** @brief Place a zero-initialized variable in partition @p name. */
#define K_APP_BMEM(name) __section(".app_smem." #name ".2bss")

#else

/* Without user mode a partition is just a name for its variables. */
#define K_APPMEM_PARTITION_DEFINE(name) \
	struct k_mem_partition name = { .start = 0, .size = 0, .attr = K_MEM_PARTITION_P_RW_U_RW }
#define K_APP_DMEM(name)
#define K_APP_BMEM(name)

#endif /* CONFIG_USERSPACE */

#endif /* VIREO_INCLUDE_APP_MEMORY_APP_MEMDOMAIN_H_ */
