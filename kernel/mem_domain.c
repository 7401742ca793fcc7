/*
 * Memory domains (include/vireo/app_memory/mem_domain.h). Each domain
 * keeps its partitions and its member threads; the architecture turns the
 * partitions into a PMP image on every change (z_riscv_pmp_domain_build),
 * refusing what the PMP cannot hold (arch_mem_domain_build), and the
 * change reaches the running thread at once.
 *
 * Decode, then perform: every argument is checked and the new image built
 * before the domain changes, so an error leaves it as it was.
 * State is changed with interrupts locked.
 */
#include <string.h>
#include <vireo/app_memory/app_memdomain.h>
#include <vireo/app_memory/mem_domain.h>
#include <vireo/init.h>
#include "kernel_internal.h"

struct k_mem_domain k_mem_domain_default;

static bool part_valid(const struct k_mem_partition *p)
{
	return p != NULL && p->size != 0 && p->start + p->size > p->start;
}

/* Overlap is allowed only where the rights agree (the PMP's first match wins). */
static bool part_conflicts(const struct k_mem_partition *a, const struct k_mem_partition *b)
{
	bool overlap = a->start < b->start + b->size && b->start < a->start + a->size;

	return overlap && a->attr.pmp_attr != b->attr.pmp_attr;
}

static int free_slot(const struct k_mem_domain *d)
{
	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		if (d->partitions[i].size == 0) {
			return i;
		}
	}
	return -1;
}

/* Make a change visible: the running thread reloads if it is a member. */
static void apply(struct k_mem_domain *domain)
{
	if (_current->mem_domain == domain && (_current->base.user_options & K_USER) != 0) {
		arch_mem_domain_thread_reload(_current);
	}
}

/*
 * Try @p candidate (the caller's scratch copy, changed as wished) as the
 * domain's new contents; keep it only if the hardware can hold it.
 */
static int commit(struct k_mem_domain *domain, struct k_mem_domain *candidate)
{
	int rc = arch_mem_domain_build(candidate);

	if (rc != 0) {
		return rc;
	}
	memcpy(domain->partitions, candidate->partitions, sizeof(candidate->partitions));
	domain->num_partitions = candidate->num_partitions;
	domain->arch = candidate->arch;
	apply(domain);
	return 0;
}

int k_mem_domain_init(struct k_mem_domain *domain, uint8_t num_parts,
		      struct k_mem_partition *parts[])
{
	struct k_mem_domain fresh;
	unsigned int key;
	int rc;

	if (domain == NULL || (num_parts != 0 && parts == NULL)) {
		return -EINVAL;
	}
	if (num_parts > CONFIG_MAX_DOMAIN_PARTITIONS) {
		return -ENOMEM;
	}
	memset(&fresh, 0, sizeof(fresh));
	for (uint8_t i = 0; i < num_parts; i++) {
		if (!part_valid(parts[i])) {
			return -EINVAL;
		}
		for (uint8_t j = 0; j < i; j++) {
			if (part_conflicts(parts[i], parts[j])) {
				return -EINVAL;
			}
		}
		fresh.partitions[i] = *parts[i];
	}
	fresh.num_partitions = num_parts;
	key = arch_irq_lock();
	sys_dlist_init(&domain->threads);
	domain->arch.generation = 0;
	rc = commit(domain, &fresh);
	arch_irq_unlock(key);
	/* The PMP could not hold it: Zephyr reports that as invalid. */
	return rc == -ENOSPC ? -EINVAL : rc;
}

int k_mem_domain_add_partition(struct k_mem_domain *domain, struct k_mem_partition *part)
{
	struct k_mem_domain next;
	unsigned int key;
	int slot, rc;

	if (domain == NULL || !part_valid(part)) {
		return -EINVAL;
	}
	key = arch_irq_lock();
	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		if (domain->partitions[i].size != 0 && part_conflicts(&domain->partitions[i], part)) {
			arch_irq_unlock(key);
			return -EINVAL;
		}
	}
	slot = free_slot(domain);
	if (slot < 0) {
		arch_irq_unlock(key);
		return -ENOSPC;
	}
	next = *domain;
	next.partitions[slot] = *part;
	next.num_partitions++;
	rc = commit(domain, &next);
	arch_irq_unlock(key);
	return rc;
}

int k_mem_domain_remove_partition(struct k_mem_domain *domain, struct k_mem_partition *part)
{
	struct k_mem_domain next;
	unsigned int key;
	int rc = -ENOENT;

	if (domain == NULL || part == NULL) {
		return -EINVAL;
	}
	key = arch_irq_lock();
	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		if (domain->partitions[i].size != 0 && domain->partitions[i].start == part->start &&
		    domain->partitions[i].size == part->size) {
			next = *domain;
			memset(&next.partitions[i], 0, sizeof(next.partitions[i]));
			next.num_partitions--;
			rc = commit(domain, &next);
			break;
		}
	}
	arch_irq_unlock(key);
	return rc;
}

/* Interrupts locked. */
void z_mem_domain_thread_set(struct k_thread *thread, struct k_mem_domain *domain)
{
	if (thread->mem_domain == domain) {
		return;
	}
	if (thread->mem_domain != NULL) {
		sys_dlist_remove(&thread->mem_domain_node);
	}
	thread->mem_domain = domain;
	sys_dlist_append(&domain->threads, &thread->mem_domain_node);
}

int k_mem_domain_add_thread(struct k_mem_domain *domain, struct k_thread *thread)
{
	unsigned int key;

	if (domain == NULL || thread == NULL) {
		return -EINVAL;
	}
	key = arch_irq_lock();
	z_mem_domain_thread_set(thread, domain);
	if (thread == _current && (thread->base.user_options & K_USER) != 0) {
		arch_mem_domain_thread_reload(thread);
	}
	arch_irq_unlock(key);
	return 0;
}

extern const struct z_app_region __app_regions_start[], __app_regions_end[];

/* Application partitions learn their size from their markers. */
static int mem_domain_default_init(void)
{
	for (const struct z_app_region *r = __app_regions_start; r < __app_regions_end; r++) {
		r->part->size = (size_t)(r->end - r->start);
	}
	return k_mem_domain_init(&k_mem_domain_default, 0, NULL);
}

SYS_INIT(mem_domain_default_init, PRE_KERNEL_1, 0);
