/*
 * The ready queue's data structure: one FIFO per priority level and a
 * bitmap of the non-empty levels, so adding, removing and finding the
 * best node are O(1) whatever the number of threads. Portable (no arch,
 * no kernel state) so that it is unit-tested on the host.
 *
 * Invariant: bit i of bitmap is set iff queues[i] is not empty.
 * Levels: 0 is the best; Z_PRIQ_LEVELS <= 32 (one bitmap word).
 * No locking: the scheduler calls it with interrupts locked.
 */
#ifndef VIREO_KERNEL_PRIQ_H_
#define VIREO_KERNEL_PRIQ_H_

#include <stdint.h>
#include <vireo/sys/dlist.h>
#include <vireo/sys/ffs.h>

#define Z_PRIQ_LEVELS (CONFIG_NUM_COOP_PRIORITIES + CONFIG_NUM_PREEMPT_PRIORITIES + 1)
_Static_assert(Z_PRIQ_LEVELS <= 32,
	       "NUM_COOP_PRIORITIES + NUM_PREEMPT_PRIORITIES must not exceed 31");

struct z_priq {
	uint32_t bitmap;
	sys_dlist_t queues[Z_PRIQ_LEVELS];
};

static inline void z_priq_init(struct z_priq *q)
{
	q->bitmap = 0;
	for (unsigned int i = 0; i < Z_PRIQ_LEVELS; i++) {
		sys_dlist_init(&q->queues[i]);
	}
}

/** Append @p node at the tail of @p level (behind its equals). */
static inline void z_priq_add(struct z_priq *q, sys_dnode_t *node, unsigned int level)
{
	sys_dlist_append(&q->queues[level], node);
	q->bitmap |= (uint32_t)1 << level;
}

/** Remove @p node, which must be queued at @p level. */
static inline void z_priq_remove(struct z_priq *q, sys_dnode_t *node, unsigned int level)
{
	sys_dlist_remove(node);
	if (sys_dlist_is_empty(&q->queues[level])) {
		q->bitmap &= ~((uint32_t)1 << level);
	}
}

/**
 * Move @p node, queued at its level, behind its equals. The level stays
 * non-empty, so the bitmap does not change.
 */
static inline void z_priq_requeue(sys_dnode_t *node, sys_dlist_t *level_list)
{
	sys_dlist_remove(node);
	sys_dlist_append(level_list, node);
}

/** The head of the best non-empty level, or NULL when all are empty. */
static inline sys_dnode_t *z_priq_best(const struct z_priq *q)
{
	if (q->bitmap == 0) {
		return NULL;
	}
	return sys_dlist_peek_head(&q->queues[find_lsb_set(q->bitmap) - 1]);
}

/** True when @p node (queued) shares its level with another node. */
static inline bool z_priq_has_equals(const sys_dnode_t *node)
{
	/* Alone, both neighbours are the level's list head. */
	return node->next != node->prev;
}

#endif /* VIREO_KERNEL_PRIQ_H_ */
