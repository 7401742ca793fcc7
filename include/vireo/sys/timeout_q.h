/*
 * Timeout queue: the kernel-internal set of pending timeouts (sleeping
 * threads, timed waits, k_timer), ordered by absolute deadline in ticks,
 * earliest first and first-in first-out among equal deadlines.
 *
 * The queue is intrusive: each owner embeds a struct z_tq_node and the
 * queue links those nodes, so it never allocates. It takes no lock; the
 * kernel calls it with interrupts locked. Worst-case bounds: insert,
 * remove and pop O(log n), first O(1). Design, invariants and node size
 * are described at the top of kernel/timeout_q.c.
 */
#ifndef VIREO_INCLUDE_SYS_TIMEOUT_Q_H_
#define VIREO_INCLUDE_SYS_TIMEOUT_Q_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * @brief A timeout queue node, embedded in the structure that waits.
 *
 * Only @c key may be read outside timeout_q.c: it is the deadline passed to
 * z_tq_insert() and stays valid while the node is linked. The other fields
 * are private. A node filled with zeros (for example one in .bss) is
 * unlinked, exactly as after z_tq_node_init().
 *
 * Size: 24 bytes on RV32 (three 4-byte pointers, the color byte, three
 * bytes of padding the 8-byte-aligned key would leave anyway, the key).
 */
struct z_tq_node {
	struct z_tq_node *child[2]; /* [0] earlier deadlines, [1] later or equal */
	struct z_tq_node *parent;   /* NULL for the root */
	uint8_t color;              /* 0 unlinked, else red or black */
	uint64_t key;               /* absolute deadline in ticks */
};

/**
 * @brief A timeout queue: the tree root and a cached earliest node.
 *
 * Fields are private to timeout_q.c. A queue filled with zeros is empty.
 */
struct z_tq {
	struct z_tq_node *root;
	struct z_tq_node *first; /* leftmost node, NULL when empty */
};

/**
 * @brief Make @p q an empty queue.
 *
 * Any node still linked in @p q is forgotten, not unlinked.
 */
void z_tq_init(struct z_tq *q);

/**
 * @brief Mark @p n unlinked. Call once before the node's first use.
 */
void z_tq_node_init(struct z_tq_node *n);

/**
 * @brief Whether @p n is linked in some queue. O(1).
 */
bool z_tq_node_linked(const struct z_tq_node *n);

/**
 * @brief Insert @p n with deadline @p key. O(log n) worst case.
 *
 * @p n goes after every node already in @p q whose key is equal, so nodes
 * with equal deadlines leave the queue in insertion order.
 *
 * @pre @p n is unlinked; inserting a linked node corrupts its queue.
 */
void z_tq_insert(struct z_tq *q, struct z_tq_node *n, uint64_t key);

/**
 * @brief Remove @p n from @p q and leave it unlinked. O(log n) worst case.
 *
 * Removing a node that is already unlinked does nothing, so cancelling a
 * timeout that has already expired needs no test at the call site.
 *
 * @pre @p n is either unlinked or linked in @p q (not another queue).
 */
void z_tq_remove(struct z_tq *q, struct z_tq_node *n);

/**
 * @brief The node with the earliest deadline (the first inserted among
 *        equals), left in the queue. O(1).
 *
 * @return That node, or NULL if @p q is empty.
 */
static inline struct z_tq_node *z_tq_first(const struct z_tq *q)
{
	return q->first;
}

/**
 * @brief Remove and return the node z_tq_first() would return.
 *        O(log n) worst case.
 *
 * @return The removed node, now unlinked, or NULL if @p q is empty.
 */
struct z_tq_node *z_tq_pop(struct z_tq *q);

/**
 * @brief Whether @p q holds no node. O(1).
 */
bool z_tq_is_empty(const struct z_tq *q);

/**
 * @brief Debug self-check of every invariant of @p q. O(n).
 *
 * Checks key order, the red-black rules, parent links (which also catches
 * cycles and shared nodes) and the cached first node. It cannot see the
 * order of equal keys, which the tree does not record; tests check that
 * against a model. Recursion depth is the tree height (at most
 * 2*log2(n+1)).
 *
 * @return The number of nodes in @p q, or -1 if any invariant is broken.
 */
int z_tq_verify(const struct z_tq *q);

#ifdef VIREO_HOST_TEST
/**
 * @brief Nodes on the longest root-to-leaf path of @p q (0 when empty).
 *        Host tests only, to check the balance bound.
 */
int z_tq_height(const struct z_tq *q);
#endif /* VIREO_HOST_TEST */

#endif /* VIREO_INCLUDE_SYS_TIMEOUT_Q_H_ */
