/*
 * Timeout queue (include/vireo/sys/timeout_q.h): pending timeouts ordered by
 * absolute deadline, kept as an intrusive red-black tree with a cached
 * pointer to its leftmost node.
 *
 * Owns the shape and colors of each tree and its cached first node; the
 * owners of the embedded nodes own everything around them. Called by the
 * kernel's timeout code with interrupts locked; nothing here locks,
 * allocates or knows the architecture.
 *
 * Invariants, all checked by z_tq_verify():
 *  - In-order traversal visits keys in non-decreasing order, and equal keys
 *    in insertion order. Insertion sends a key to the right of every node
 *    already holding it, and rotations never change in-order order, so the
 *    FIFO tie-break needs no sequence number. (Verify therefore sees only
 *    the key order; the host test checks tie order against a model.)
 *  - Red-black: the root is black, no red node has a red child, and every
 *    path from a node down to a missing child crosses the same number of
 *    black nodes. So the height is at most 2*log2(n+1): 19 levels for a
 *    thousand pending timeouts.
 *  - q->first is the leftmost node (NULL when empty): the earliest deadline,
 *    and among equal ones the first inserted.
 *  - A node is linked exactly when its color is red or black; an unlinked
 *    node's color is 0, so zero-filled storage is an unlinked node.
 *
 * Why red-black rather than AVL: both have O(log n) worst cases. A
 * red-black insert rotates at most twice and a removal at most three times
 * (the rest of the repair is recoloring on the way up), whereas an AVL
 * removal may rotate at every level. The kernel's hot operations are insert
 * and remove (a thread woken early cancels its timeout) and it never looks
 * up a key, so AVL's shorter tree (1.44*log2 n) would buy little. A binary
 * heap was ruled out because removing an arbitrary node needs an index
 * stored in an array sized ahead of time, and a heap is not stable, so
 * equal deadlines would need a sequence number in every node.
 *
 * Node size on RV32 is 24 bytes: three pointers, the color byte, and the
 * key at offset 16. The color lives in padding the key's 8-byte alignment
 * leaves anyway, so hiding it in a pointer's low bits would save nothing.
 *
 * Keys are absolute tick counts compared as unsigned integers; they do not
 * wrap (2^64 ticks at 1 MHz is more than 500,000 years).
 */
#include <vireo/sys/timeout_q.h>

enum {
	Z_TQ_UNLINKED = 0, /* zero so that .bss nodes start unlinked */
	Z_TQ_RED = 1,
	Z_TQ_BLACK = 2,
};

/* A missing child counts as black, as the red-black rules require. */
static bool is_red(const struct z_tq_node *n)
{
	return n != NULL && n->color == Z_TQ_RED;
}

/* Point the slot that held @old (its parent's child, or the root) at @repl. */
static void replace_child(struct z_tq *q, struct z_tq_node *parent,
			  struct z_tq_node *old, struct z_tq_node *repl)
{
	if (parent == NULL) {
		q->root = repl;
	} else {
		parent->child[parent->child[1] == old] = repl;
	}
}

/*
 * Move @x down to side @d and raise its child from the other side into its
 * place. In-order order is unchanged, which keeps equal keys FIFO.
 */
static void rotate(struct z_tq *q, struct z_tq_node *x, int d)
{
	struct z_tq_node *y = x->child[!d];
	struct z_tq_node *inner = y->child[d];

	x->child[!d] = inner;
	if (inner != NULL) {
		inner->parent = x;
	}
	y->parent = x->parent;
	replace_child(q, x->parent, x, y);
	y->child[d] = x;
	x->parent = y;
}

static struct z_tq_node *leftmost(struct z_tq_node *n)
{
	while (n->child[0] != NULL) {
		n = n->child[0];
	}
	return n;
}

/* In-order successor, or NULL for the last node. */
static struct z_tq_node *next(struct z_tq_node *n)
{
	if (n->child[1] != NULL) {
		return leftmost(n->child[1]);
	}
	while (n->parent != NULL && n == n->parent->child[1]) {
		n = n->parent;
	}
	return n->parent;
}

void z_tq_init(struct z_tq *q)
{
	q->root = NULL;
	q->first = NULL;
}

void z_tq_node_init(struct z_tq_node *n)
{
	n->child[0] = NULL;
	n->child[1] = NULL;
	n->parent = NULL;
	n->color = Z_TQ_UNLINKED;
}

bool z_tq_node_linked(const struct z_tq_node *n)
{
	return n->color != Z_TQ_UNLINKED;
}

/*
 * Restore "no red child of a red node" after linking red @n. Each pass
 * either recolors and moves the problem two levels up, or rotates once or
 * twice and ends.
 */
static void insert_fixup(struct z_tq *q, struct z_tq_node *n)
{
	struct z_tq_node *p;

	while ((p = n->parent) != NULL && p->color == Z_TQ_RED) {
		/* A red parent is never the root, so the grandparent exists. */
		struct z_tq_node *g = p->parent;
		int d = (p == g->child[1]);
		struct z_tq_node *uncle = g->child[!d];

		if (is_red(uncle)) {
			p->color = Z_TQ_BLACK;
			uncle->color = Z_TQ_BLACK;
			g->color = Z_TQ_RED;
			n = g;
			continue;
		}
		if (n == p->child[!d]) {
			/* Inner grandchild: turn it into the outer case. */
			rotate(q, p, d);
			p = n;
		}
		p->color = Z_TQ_BLACK;
		g->color = Z_TQ_RED;
		rotate(q, g, !d);
		break;
	}
	q->root->color = Z_TQ_BLACK;
}

void z_tq_insert(struct z_tq *q, struct z_tq_node *n, uint64_t key)
{
	struct z_tq_node *parent = NULL;
	struct z_tq_node **link = &q->root;
	bool is_first = true;

	while (*link != NULL) {
		parent = *link;
		/* Equal keys go right, behind those already queued: FIFO. */
		int d = (key < parent->key) ? 0 : 1;

		is_first = is_first && d == 0;
		link = &parent->child[d];
	}
	n->child[0] = NULL;
	n->child[1] = NULL;
	n->parent = parent;
	n->color = Z_TQ_RED;
	n->key = key;
	*link = n;
	if (is_first) {
		q->first = n;
	}
	insert_fixup(q, n);
}

/*
 * Put @n's in-order successor y (which has no left child) in @n's place,
 * taking @n's color, so that what leaves the tree is y's old position.
 * Reports where that position was: the child that replaced y in *@x and
 * its parent in *@xparent. Returns the color that left the tree.
 */
static uint8_t splice_successor(struct z_tq *q, struct z_tq_node *n,
				struct z_tq_node **x,
				struct z_tq_node **xparent)
{
	struct z_tq_node *y = leftmost(n->child[1]);
	uint8_t removed = y->color;

	*x = y->child[1];
	if (y->parent == n) {
		*xparent = y;
	} else {
		*xparent = y->parent;
		y->parent->child[0] = *x;
		if (*x != NULL) {
			(*x)->parent = y->parent;
		}
		y->child[1] = n->child[1];
		n->child[1]->parent = y;
	}
	y->child[0] = n->child[0];
	n->child[0]->parent = y;
	y->parent = n->parent;
	replace_child(q, n->parent, n, y);
	y->color = n->color;
	return removed;
}

/*
 * A black node left the path through @x (which may be NULL; @parent is its
 * parent): paths through @x are one black short. Each pass either recolors
 * the sibling and moves the shortfall one level up, or ends it with at most
 * three rotations in all.
 */
static void remove_fixup(struct z_tq *q, struct z_tq_node *x,
			 struct z_tq_node *parent)
{
	while (x != q->root && !is_red(x)) {
		/*
		 * The sibling exists: its side has one black more than @x's.
		 * So when @x is NULL, the NULL child is the one on @x's side.
		 */
		int d = (parent->child[0] == x) ? 0 : 1;
		struct z_tq_node *s = parent->child[!d];

		if (s->color == Z_TQ_RED) {
			s->color = Z_TQ_BLACK;
			parent->color = Z_TQ_RED;
			rotate(q, parent, d);
			s = parent->child[!d];
		}
		if (!is_red(s->child[0]) && !is_red(s->child[1])) {
			s->color = Z_TQ_RED;
			x = parent;
			parent = x->parent;
			continue;
		}
		if (!is_red(s->child[!d])) {
			s->child[d]->color = Z_TQ_BLACK;
			s->color = Z_TQ_RED;
			rotate(q, s, !d);
			s = parent->child[!d];
		}
		s->color = parent->color;
		parent->color = Z_TQ_BLACK;
		s->child[!d]->color = Z_TQ_BLACK;
		rotate(q, parent, d);
		x = q->root;
	}
	if (x != NULL) {
		x->color = Z_TQ_BLACK;
	}
}

void z_tq_remove(struct z_tq *q, struct z_tq_node *n)
{
	struct z_tq_node *x;
	struct z_tq_node *xparent;
	uint8_t removed;

	if (!z_tq_node_linked(n)) {
		return;
	}
	/* Find the new first while @n's links still lead to it. */
	if (q->first == n) {
		q->first = next(n);
	}
	if (n->child[0] != NULL && n->child[1] != NULL) {
		removed = splice_successor(q, n, &x, &xparent);
	} else {
		x = n->child[n->child[0] == NULL];
		xparent = n->parent;
		replace_child(q, xparent, n, x);
		if (x != NULL) {
			x->parent = xparent;
		}
		removed = n->color;
	}
	if (removed == Z_TQ_BLACK) {
		remove_fixup(q, x, xparent);
	}
	z_tq_node_init(n);
}

struct z_tq_node *z_tq_pop(struct z_tq *q)
{
	struct z_tq_node *n = q->first;

	if (n != NULL) {
		z_tq_remove(q, n);
	}
	return n;
}

bool z_tq_is_empty(const struct z_tq *q)
{
	return q->root == NULL;
}

struct verify_walk {
	const struct z_tq_node *first; /* first node met in order */
	const struct z_tq_node *prev;  /* last node met in order */
	int count;
};

/* Black height of the subtree at @n (0 when NULL), or -1 if it is broken. */
static int verify_subtree(const struct z_tq_node *n,
			  const struct z_tq_node *parent,
			  struct verify_walk *w)
{
	if (n == NULL) {
		return 0;
	}
	/*
	 * Invariant: each node's parent link names the node that holds it.
	 * This also stops the walk on a cycle or on a node held twice.
	 */
	if (n->parent != parent) {
		return -1;
	}
	/* Invariant: a linked node is red or black. */
	if (n->color != Z_TQ_RED && n->color != Z_TQ_BLACK) {
		return -1;
	}
	/* Invariant: a red node has no red child. */
	if (n->color == Z_TQ_RED && (is_red(n->child[0]) || is_red(n->child[1]))) {
		return -1;
	}
	int left = verify_subtree(n->child[0], n, w);

	/* Invariant: keys never decrease in order. */
	if (left < 0 || (w->prev != NULL && w->prev->key > n->key)) {
		return -1;
	}
	if (w->prev == NULL) {
		w->first = n;
	}
	w->prev = n;
	w->count++;
	/* Invariant: both subtrees hold the same number of black nodes per path. */
	if (verify_subtree(n->child[1], n, w) != left) {
		return -1;
	}
	return left + (n->color == Z_TQ_BLACK ? 1 : 0);
}

int z_tq_verify(const struct z_tq *q)
{
	struct verify_walk w = { NULL, NULL, 0 };

	if (q->root == NULL) {
		/* Invariant: an empty queue has no cached first node. */
		return q->first == NULL ? 0 : -1;
	}
	/* Invariant: the root is black. */
	if (q->root->color != Z_TQ_BLACK ||
	    verify_subtree(q->root, NULL, &w) < 0) {
		return -1;
	}
	/* Invariant: the cached first node is the leftmost one. */
	if (q->first != w.first) {
		return -1;
	}
	return w.count;
}

#ifdef VIREO_HOST_TEST
static int subtree_height(const struct z_tq_node *n)
{
	if (n == NULL) {
		return 0;
	}
	int left = subtree_height(n->child[0]);
	int right = subtree_height(n->child[1]);

	return 1 + (left > right ? left : right);
}

int z_tq_height(const struct z_tq *q)
{
	return subtree_height(q->root);
}
#endif /* VIREO_HOST_TEST */
