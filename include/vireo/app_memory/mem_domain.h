/*
 * Memory domains and partitions (Zephyr's app_memory/mem_domain.h): what
 * a user thread may touch besides its own stack. A partition is a memory
 * range with access rights; a domain is a set of partitions; every user
 * thread belongs to one domain, whose partitions the kernel loads into the
 * PMP when the thread runs.
 */
#ifndef VIREO_INCLUDE_APP_MEMORY_MEM_DOMAIN_H_
#define VIREO_INCLUDE_APP_MEMORY_MEM_DOMAIN_H_

#include <stddef.h>
#include <stdint.h>
#include <vireo/sys/dlist.h>

#ifdef CONFIG_USERSPACE
#include <pmp_encode.h>

/* Access rights (the PMP's R/W/X for U-mode; M-mode keeps full access). */
typedef struct {
	uint8_t pmp_attr;
} k_mem_partition_attr_t;

#define K_MEM_PARTITION_P_RW_U_RW ((k_mem_partition_attr_t){ PMP_R | PMP_W })
#define K_MEM_PARTITION_P_RW_U_RO ((k_mem_partition_attr_t){ PMP_R })
#define K_MEM_PARTITION_P_RW_U_NA ((k_mem_partition_attr_t){ 0 })
#define K_MEM_PARTITION_P_RO_U_RO ((k_mem_partition_attr_t){ PMP_R })
#define K_MEM_PARTITION_P_RO_U_NA ((k_mem_partition_attr_t){ 0 })
#define K_MEM_PARTITION_P_RX_U_RX ((k_mem_partition_attr_t){ PMP_R | PMP_X })
#define K_MEM_PARTITION_P_RWX_U_RWX ((k_mem_partition_attr_t){ PMP_R | PMP_W | PMP_X })
#define K_MEM_PARTITION_P_RWX_U_RX ((k_mem_partition_attr_t){ PMP_R | PMP_X })

struct k_mem_partition {
	uintptr_t start;
	size_t size;
	k_mem_partition_attr_t attr;
};

/**
 * PMP entries a domain's partitions may use (Vireo): what the kernel's own
 * entries leave (text, stack, and with PMP_ISR_STACK_GUARD the ISR guard
 * and the kernel threads' catch-all). A partition takes one entry (NAPOT),
 * two (TOR), or one when it starts where the previous one ended.
 */
#ifdef CONFIG_PMP_ISR_STACK_GUARD
#define K_MEM_DOMAIN_PMP_ENTRIES (CONFIG_PMP_SLOTS - 6)
#else
#define K_MEM_DOMAIN_PMP_ENTRIES (CONFIG_PMP_SLOTS - 4)
#endif /* CONFIG_PMP_ISR_STACK_GUARD */

/** @brief Define a partition over any memory range (a device's registers, say). */
#define K_MEM_PARTITION_DEFINE(name, start_addr, part_size, part_attr) \
	struct k_mem_partition name = { (uintptr_t)(start_addr), (part_size), part_attr }

struct arch_mem_domain {
	/* The partitions' PMP entries, rebuilt on every change. */
	struct pmp_image image;
	/*
	 * The same, as the register values the switch writes: pmpaddr of
	 * entries 4.., and every pmpcfg register (those of entries 0-3 hold
	 * the fixed entries' bytes too).
	 */
	unsigned long pmpaddr[CONFIG_PMP_SLOTS - 4];
	unsigned long pmpcfg[(CONFIG_PMP_SLOTS + 3) / 4];
	/* Bumped on every change, so a loaded copy knows it is stale. */
	uint32_t generation;
};

struct k_mem_domain {
	/* Slots; an empty one has size 0. */
	struct k_mem_partition partitions[CONFIG_MAX_DOMAIN_PARTITIONS];
	uint8_t num_partitions;
	/* Member threads (k_thread.mem_domain_node). */
	sys_dlist_t threads;
	struct arch_mem_domain arch;
};

struct k_thread;

/** @brief The domain threads belong to unless moved. */
extern struct k_mem_domain k_mem_domain_default;

/**
 * @brief Initialize a domain with @p num_parts partitions.
 * @retval 0 done
 * @retval -EINVAL a NULL, empty, wrapping or overlapping partition, or
 *         partitions whose encoding the PMP cannot hold
 * @retval -ENOMEM more than CONFIG_MAX_DOMAIN_PARTITIONS partitions
 */
int k_mem_domain_init(struct k_mem_domain *domain, uint8_t num_parts,
		      struct k_mem_partition *parts[]);

/**
 * @brief Add a partition; applies at once to every thread of the domain.
 * @retval 0 added
 * @retval -EINVAL invalid partition, or it overlaps one of the domain's
 * @retval -ENOSPC no free partition slot, or more PMP entries than exist
 */
int k_mem_domain_add_partition(struct k_mem_domain *domain, struct k_mem_partition *part);

/**
 * @brief Remove a partition (matched by start and size); applies at once.
 * @retval 0 removed
 * @retval -ENOENT not in the domain
 */
int k_mem_domain_remove_partition(struct k_mem_domain *domain, struct k_mem_partition *part);

/** @brief Move @p thread into @p domain. @retval 0 always */
int k_mem_domain_add_thread(struct k_mem_domain *domain, struct k_thread *thread);

#else

/*
 * Without user mode every thread may touch all memory: the API is kept so
 * the same application builds both ways, and does nothing.
 */
typedef struct {
	uint8_t attr;
} k_mem_partition_attr_t;

#define K_MEM_PARTITION_P_RW_U_RW ((k_mem_partition_attr_t){ 3 })
#define K_MEM_PARTITION_P_RW_U_RO ((k_mem_partition_attr_t){ 1 })
#define K_MEM_PARTITION_P_RW_U_NA ((k_mem_partition_attr_t){ 0 })
#define K_MEM_PARTITION_P_RO_U_RO ((k_mem_partition_attr_t){ 1 })
#define K_MEM_PARTITION_P_RO_U_NA ((k_mem_partition_attr_t){ 0 })
#define K_MEM_PARTITION_P_RX_U_RX ((k_mem_partition_attr_t){ 5 })
#define K_MEM_PARTITION_P_RWX_U_RWX ((k_mem_partition_attr_t){ 7 })
#define K_MEM_PARTITION_P_RWX_U_RX ((k_mem_partition_attr_t){ 5 })

struct k_mem_partition {
	uintptr_t start;
	size_t size;
	k_mem_partition_attr_t attr;
};

#define K_MEM_PARTITION_DEFINE(name, start_addr, part_size, part_attr) \
	struct k_mem_partition name = { (uintptr_t)(start_addr), (part_size), part_attr }

struct k_mem_domain {
	uint8_t num_partitions;
};

struct k_thread;

static inline int k_mem_domain_init(struct k_mem_domain *domain, uint8_t num_parts,
				    struct k_mem_partition *parts[])
{
	(void)parts;
	domain->num_partitions = num_parts;
	return 0;
}

static inline int k_mem_domain_add_partition(struct k_mem_domain *domain,
					     struct k_mem_partition *part)
{
	(void)domain;
	(void)part;
	return 0;
}

static inline int k_mem_domain_remove_partition(struct k_mem_domain *domain,
						struct k_mem_partition *part)
{
	(void)domain;
	(void)part;
	return 0;
}

static inline int k_mem_domain_add_thread(struct k_mem_domain *domain, struct k_thread *thread)
{
	(void)domain;
	(void)thread;
	return 0;
}

#endif /* CONFIG_USERSPACE */

#endif /* VIREO_INCLUDE_APP_MEMORY_MEM_DOMAIN_H_ */
