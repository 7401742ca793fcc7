/*
 * Intrusive doubly-linked circular list (Zephyr's sys/dlist.h subset).
 * A list is a sentinel node; an unlinked node has next == NULL, which is
 * what sys_dnode_is_linked() tests. No locking: callers protect lists.
 */
#ifndef VIREO_INCLUDE_SYS_DLIST_H_
#define VIREO_INCLUDE_SYS_DLIST_H_

#include <stdbool.h>
#include <stddef.h>

struct _dnode {
	struct _dnode *next;
	struct _dnode *prev;
};
typedef struct _dnode sys_dlist_t;
typedef struct _dnode sys_dnode_t;

#define SYS_DLIST_STATIC_INIT(ptr_to_list) { (ptr_to_list), (ptr_to_list) }

static inline void sys_dlist_init(sys_dlist_t *list)
{
	list->next = list;
	list->prev = list;
}

static inline void sys_dnode_init(sys_dnode_t *node)
{
	node->next = NULL;
	node->prev = NULL;
}

static inline bool sys_dnode_is_linked(const sys_dnode_t *node)
{
	return node->next != NULL;
}

static inline bool sys_dlist_is_empty(const sys_dlist_t *list)
{
	return list->next == list;
}

static inline sys_dnode_t *sys_dlist_peek_head(const sys_dlist_t *list)
{
	return sys_dlist_is_empty(list) ? NULL : list->next;
}

/** Next node after @p node, or NULL at the end. */
static inline sys_dnode_t *sys_dlist_peek_next(const sys_dlist_t *list,
					       const sys_dnode_t *node)
{
	return node->next == list ? NULL : node->next;
}

/** Insert @p node before @p successor (which may be the list itself: tail). */
static inline void sys_dlist_insert(sys_dnode_t *successor, sys_dnode_t *node)
{
	sys_dnode_t *prev = successor->prev;

	node->prev = prev;
	node->next = successor;
	prev->next = node;
	successor->prev = node;
}

static inline void sys_dlist_append(sys_dlist_t *list, sys_dnode_t *node)
{
	sys_dlist_insert(list, node);
}

static inline void sys_dlist_prepend(sys_dlist_t *list, sys_dnode_t *node)
{
	sys_dlist_insert(list->next, node);
}

static inline void sys_dlist_remove(sys_dnode_t *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	sys_dnode_init(node);
}

static inline sys_dnode_t *sys_dlist_get(sys_dlist_t *list)
{
	sys_dnode_t *node = sys_dlist_peek_head(list);

	if (node != NULL) {
		sys_dlist_remove(node);
	}
	return node;
}

#define SYS_DLIST_FOR_EACH_NODE(list, node) \
	for (node = sys_dlist_peek_head(list); node != NULL; \
	     node = sys_dlist_peek_next(list, node))

/* Safe against removal of the current node. */
#define SYS_DLIST_FOR_EACH_NODE_SAFE(list, node, next_node)                 \
	for (node = sys_dlist_peek_head(list),                              \
	     next_node = node != NULL ? sys_dlist_peek_next(list, node) : NULL; \
	     node != NULL; node = next_node,                                 \
	     next_node = node != NULL ? sys_dlist_peek_next(list, node) : NULL)

#endif /* VIREO_INCLUDE_SYS_DLIST_H_ */
