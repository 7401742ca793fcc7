/*
 * Host tests of the timeout queue (kernel/timeout_q.c): directed cases for
 * the edges (empty queue, one node, equal keys, removal of the first,
 * a middle, the last and the only node, reinsertion, keys 0 and
 * UINT64_MAX, sorted and all-equal insertion runs) and a randomized
 * comparison against a reference model, a sorted array of (key, insertion
 * sequence number), over insert/remove/pop/re-arm operations with several
 * key distributions.
 *
 * After every step the whole queue is compared with its expectation:
 * z_tq_verify() must pass and count the nodes, z_tq_first() must be the
 * expected node, an in-order walk must list the expected nodes in order
 * (this is what checks FIFO among equal keys, which the tree does not
 * record), and z_tq_height() must stay within the red-black bound
 * 2*log2(n+1). The walk and the corruption test read the node fields,
 * the only white-box parts.
 *
 * Each failed check prints one line; the run ends with "N passed, N failed"
 * counting test cases, and exits nonzero if any case failed.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <vireo/sys/timeout_q.h>
#include "unit_check.h"

#define POOL_SIZE            400U

/* ---- Fixtures ---------------------------------------------------------- */

/* An owner embedding a node, as a thread or k_timer would. */
struct item {
	int id;
	struct z_tq_node node;
};

static struct item pool[POOL_SIZE];

static void pool_init(void)
{
	for (unsigned int i = 0; i < POOL_SIZE; i++) {
		pool[i].id = (int)i;
		z_tq_node_init(&pool[i].node);
	}
}

static int id_of(const struct z_tq_node *n)
{
	if (n == NULL) {
		return -1;
	}
	return ((const struct item *)((const char *)n -
				      offsetof(struct item, node)))->id;
}

/* In-order successor, read from the node fields (white-box). */
static const struct z_tq_node *walk_next(const struct z_tq_node *n)
{
	if (n->child[1] != NULL) {
		n = n->child[1];
		while (n->child[0] != NULL) {
			n = n->child[0];
		}
		return n;
	}
	while (n->parent != NULL && n == n->parent->child[1]) {
		n = n->parent;
	}
	return n->parent;
}

/* Whether a height is within the red-black bound: h <= 2*log2(n+1). */
static bool height_ok(int height, int count)
{
	uint64_t n1 = (uint64_t)count + 1U;

	return height >= 0 && height < 64 && (1ULL << height) <= n1 * n1;
}

/*
 * Compare @q with the expected ids, earliest first. Returns false (having
 * reported) on the first difference.
 */
static bool check_queue(const struct z_tq *q, const int *ids, int count)
{
	const struct z_tq_node *n;
	int height = z_tq_height(q);
	int i = 0;

	if (!CHECK_EQ(z_tq_verify(q), count) ||
	    !CHECK_EQ(id_of(z_tq_first(q)), count > 0 ? ids[0] : -1) ||
	    !CHECK_EQ(z_tq_is_empty(q), count == 0) ||
	    !check(height_ok(height, count), __LINE__,
		   "height %d over bound for %d nodes", height, count)) {
		return false;
	}
	for (n = z_tq_first(q); n != NULL && i < count; n = walk_next(n), i++) {
		if (!check(id_of(n) == ids[i], __LINE__,
			   "in-order position %d: id %d, expected %d", i,
			   id_of(n), ids[i])) {
			return false;
		}
	}
	return CHECK(n == NULL && i == count);
}

/* ---- Directed cases ---------------------------------------------------- */

static void test_empty(uint32_t unused)
{
	static struct z_tq zeroed; /* .bss: must already be an empty queue */
	static struct z_tq_node zeroed_node;
	struct z_tq q;

	(void)unused;
	z_tq_init(&q);
	check_queue(&q, NULL, 0);
	CHECK(z_tq_pop(&q) == NULL);
	CHECK_EQ(z_tq_height(&q), 0);
	check_queue(&q, NULL, 0);
	check_queue(&zeroed, NULL, 0);
	CHECK(!z_tq_node_linked(&zeroed_node));
}

static void test_single(uint32_t unused)
{
	struct z_tq q;
	struct z_tq_node *n = &pool[7].node;
	static const int ids[] = { 7 };

	(void)unused;
	pool_init();
	z_tq_init(&q);
	CHECK(!z_tq_node_linked(n));
	z_tq_insert(&q, n, 1234);
	CHECK(z_tq_node_linked(n));
	CHECK_EQ(n->key, 1234);
	check_queue(&q, ids, 1);
	CHECK(z_tq_pop(&q) == n);
	CHECK(!z_tq_node_linked(n));
	check_queue(&q, NULL, 0);
	CHECK(z_tq_pop(&q) == NULL);
}

static void test_equal_keys_fifo(uint32_t count)
{
	struct z_tq q;
	int ids[POOL_SIZE];

	pool_init();
	z_tq_init(&q);
	for (uint32_t i = 0; i < count; i++) {
		z_tq_insert(&q, &pool[i].node, 42);
		ids[i] = (int)i;
		if (!check_queue(&q, ids, (int)i + 1)) {
			return;
		}
	}
	for (uint32_t i = 0; i < count; i++) {
		if (!CHECK_EQ(id_of(z_tq_pop(&q)), i) ||
		    !check_queue(&q, ids + i + 1, (int)(count - i - 1))) {
			return;
		}
	}
}

/* Ties among several keys, interleaved, plus a tie queued after pops. */
static void test_interleaved_ties(uint32_t unused)
{
	static const uint64_t keys[] = { 5, 3, 5, 9, 3, 5, 0, 9, 3 };
	static const int order[] = { 6, 1, 4, 8, 0, 2, 5, 3, 7 };
	static const int after[] = { 4, 8, 0, 2, 5, 9, 3, 7 };
	struct z_tq q;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	for (int i = 0; i < 9; i++) {
		z_tq_insert(&q, &pool[i].node, keys[i]);
	}
	check_queue(&q, order, 9);
	CHECK_EQ(id_of(z_tq_pop(&q)), 6);
	CHECK_EQ(id_of(z_tq_pop(&q)), 1);
	z_tq_insert(&q, &pool[9].node, 5); /* behind ids 0, 2, 5 */
	check_queue(&q, after, 8);
}

static void test_remove_positions(uint32_t unused)
{
	static const int full[] = { 0, 1, 2, 3, 4, 5, 6 };
	static const int no_first[] = { 1, 2, 3, 4, 5, 6 };
	static const int no_middle[] = { 1, 2, 4, 5, 6 };
	static const int no_last[] = { 1, 2, 4, 5 };
	static const int only[] = { 4 };
	struct z_tq q;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	for (int i = 0; i < 7; i++) {
		z_tq_insert(&q, &pool[i].node, 100U + 10U * (uint64_t)i);
	}
	check_queue(&q, full, 7);
	z_tq_remove(&q, &pool[0].node);
	CHECK(!z_tq_node_linked(&pool[0].node));
	check_queue(&q, no_first, 6);
	z_tq_remove(&q, &pool[3].node);
	check_queue(&q, no_middle, 5);
	z_tq_remove(&q, &pool[6].node);
	check_queue(&q, no_last, 4);
	z_tq_remove(&q, &pool[1].node);
	z_tq_remove(&q, &pool[2].node);
	z_tq_remove(&q, &pool[5].node);
	check_queue(&q, only, 1);
	z_tq_remove(&q, &pool[4].node);
	check_queue(&q, NULL, 0);
	for (int i = 0; i < 7; i++) {
		CHECK(!z_tq_node_linked(&pool[i].node));
	}
}

/* Removing an unlinked node, even twice, changes nothing. */
static void test_remove_unlinked(uint32_t unused)
{
	static const int ids[] = { 1, 0 };
	struct z_tq q;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	z_tq_insert(&q, &pool[0].node, 20);
	z_tq_insert(&q, &pool[1].node, 10);
	z_tq_remove(&q, &pool[2].node);
	check_queue(&q, ids, 2);
	z_tq_remove(&q, &pool[1].node);
	z_tq_remove(&q, &pool[1].node);
	check_queue(&q, ids + 1, 1);
}

static void test_reinsert(uint32_t unused)
{
	static const int moved_late[] = { 1, 2, 0 };
	static const int tie_behind[] = { 0, 2, 1 };
	struct z_tq q;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	z_tq_insert(&q, &pool[0].node, 10);
	z_tq_insert(&q, &pool[1].node, 20);
	z_tq_insert(&q, &pool[2].node, 30);
	z_tq_remove(&q, &pool[0].node);
	z_tq_insert(&q, &pool[0].node, 40);
	CHECK_EQ(pool[0].node.key, 40);
	check_queue(&q, moved_late, 3);
	/* Re-arming at an equal deadline queues behind the one already there. */
	z_tq_remove(&q, &pool[0].node);
	z_tq_insert(&q, &pool[0].node, 20);
	z_tq_remove(&q, &pool[1].node);
	z_tq_insert(&q, &pool[1].node, 20);
	z_tq_remove(&q, &pool[2].node);
	z_tq_insert(&q, &pool[2].node, 20);
	z_tq_remove(&q, &pool[1].node);
	z_tq_insert(&q, &pool[1].node, 20);
	check_queue(&q, tie_behind, 3);
}

static void test_key_extremes(uint32_t unused)
{
	static const uint64_t keys[] = {
		UINT64_MAX, 0, UINT64_MAX - 1U, 1, UINT64_MAX, 0,
		(uint64_t)1 << 63, ((uint64_t)1 << 63) - 1U,
	};
	static const int order[] = { 1, 5, 3, 7, 6, 2, 0, 4 };
	struct z_tq q;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	for (int i = 0; i < 8; i++) {
		z_tq_insert(&q, &pool[i].node, keys[i]);
	}
	check_queue(&q, order, 8);
	for (int i = 0; i < 8; i++) {
		struct z_tq_node *n = z_tq_pop(&q);

		CHECK_EQ(id_of(n), order[i]);
		CHECK(n != NULL && n->key == keys[order[i]]);
	}
	check_queue(&q, NULL, 0);
}

/*
 * Sorted and all-equal insertion, the patterns that turn an unbalanced
 * tree into a list. arg: 0 ascending, 1 descending, 2 all equal.
 */
static void test_degenerate_orders(uint32_t pattern)
{
	struct z_tq q;
	int ids[POOL_SIZE];
	int count = (int)POOL_SIZE;

	pool_init();
	z_tq_init(&q);
	for (int i = 0; i < count; i++) {
		int id = pattern == 1U ? count - 1 - i : i;
		uint64_t key = pattern == 2U ? 7U : (uint64_t)id * 3U;

		z_tq_insert(&q, &pool[id].node, key);
		if (!check(height_ok(z_tq_height(&q), i + 1), __LINE__,
			   "height %d for %d nodes", z_tq_height(&q), i + 1) ||
		    !CHECK_EQ(z_tq_verify(&q), i + 1)) {
			return;
		}
	}
	for (int i = 0; i < count; i++) {
		ids[i] = i;
	}
	if (!check_queue(&q, ids, count)) {
		return;
	}
	/* Remove every other node from the middle, then drain. */
	for (int i = 1; i < count; i += 2) {
		z_tq_remove(&q, &pool[i].node);
	}
	for (int i = 0; i < count / 2; i++) {
		ids[i] = 2 * i;
	}
	if (!check_queue(&q, ids, count / 2)) {
		return;
	}
	for (int i = 0; i < count / 2; i++) {
		if (!CHECK_EQ(id_of(z_tq_pop(&q)), 2 * i) ||
		    !CHECK(z_tq_verify(&q) == count / 2 - i - 1)) {
			return;
		}
	}
}

/* z_tq_verify() itself must notice each kind of damage. */
static void test_verify_detects_corruption(uint32_t unused)
{
	struct z_tq q;
	struct z_tq_node *root;
	struct z_tq_node *saved;
	uint64_t key;

	(void)unused;
	pool_init();
	z_tq_init(&q);
	for (int i = 0; i < 15; i++) {
		z_tq_insert(&q, &pool[i].node, (uint64_t)i);
	}
	root = q.root;
	if (!CHECK_EQ(z_tq_verify(&q), 15) ||
	    !CHECK(root->child[0] != NULL && root->child[1] != NULL)) {
		return;
	}

	root->color = 1; /* red root (1 red, 2 black, 0 unlinked) */
	CHECK_EQ(z_tq_verify(&q), -1);
	root->color = 2;
	key = root->key; /* key order */
	root->key = 1000;
	CHECK_EQ(z_tq_verify(&q), -1);
	root->key = key;
	saved = root->child[0]->parent; /* parent link */
	root->child[0]->parent = root->child[0];
	CHECK_EQ(z_tq_verify(&q), -1);
	root->child[0]->parent = saved;
	saved = q.first; /* cached first */
	q.first = root;
	CHECK_EQ(z_tq_verify(&q), -1);
	q.first = saved;
	root->child[1]->color ^= 3; /* black heights differ (red <-> black) */
	CHECK_EQ(z_tq_verify(&q), -1);
	root->child[1]->color ^= 3;
	root->child[0]->color = 0; /* linked node marked unlinked */
	CHECK_EQ(z_tq_verify(&q), -1);
	root->child[0]->color = 2;
	CHECK_EQ(z_tq_verify(&q), 15);
}

/* ---- Randomized comparison with a model -------------------------------- */

enum key_mode {
	KEYS_NARROW,    /* 0..7: mostly ties */
	KEYS_MEDIUM,    /* 0..999 */
	KEYS_WIDE,      /* any 64-bit value */
	KEYS_EXTREME,   /* 0, 1, UINT64_MAX - 1, UINT64_MAX or anything */
	KEYS_ADVANCING, /* just after the last popped deadline, like timers */
	KEY_MODES,
};

struct model_entry {
	uint64_t key;
	uint64_t seq;
	int id;
};

struct run {
	uint64_t rng;
	enum key_mode mode;
	uint64_t now;
	uint64_t seq;
	int target;         /* size the run drifts towards */
	struct z_tq q;
	struct model_entry model[POOL_SIZE]; /* sorted by (key, seq) */
	int count;
	int free_ids[POOL_SIZE];
	int free_count;
};

/* xorshift64*: deterministic and good enough for picking operations. */
static uint64_t rnd(struct run *r)
{
	r->rng ^= r->rng >> 12;
	r->rng ^= r->rng << 25;
	r->rng ^= r->rng >> 27;
	return r->rng * 0x2545F4914F6CDD1DULL;
}

static uint32_t rnd_below(struct run *r, uint32_t n)
{
	return (uint32_t)((rnd(r) >> 32) % n);
}

static uint64_t rnd_key(struct run *r)
{
	static const uint64_t extremes[] = { 0, 1, UINT64_MAX - 1U, UINT64_MAX };

	switch (r->mode) {
	case KEYS_NARROW:
		return rnd_below(r, 8);
	case KEYS_MEDIUM:
		return rnd_below(r, 1000);
	case KEYS_EXTREME:
		return rnd_below(r, 5) < 4 ? extremes[rnd_below(r, 4)] : rnd(r);
	case KEYS_ADVANCING:
		return r->now + rnd_below(r, 64);
	default:
		return rnd(r);
	}
}

static void model_delete(struct run *r, int at)
{
	r->free_ids[r->free_count++] = r->model[at].id;
	memmove(&r->model[at], &r->model[at + 1],
		(size_t)(r->count - at - 1) * sizeof(r->model[0]));
	r->count--;
}

static void op_insert(struct run *r, int id, uint64_t key)
{
	int at = r->count;

	/* After every entry with an equal key: the sequence number is larger. */
	while (at > 0 && r->model[at - 1].key > key) {
		at--;
	}
	memmove(&r->model[at + 1], &r->model[at],
		(size_t)(r->count - at) * sizeof(r->model[0]));
	r->model[at] = (struct model_entry){ key, r->seq++, id };
	r->count++;
	z_tq_insert(&r->q, &pool[id].node, key);
}

static void op_insert_free(struct run *r)
{
	int pick = (int)rnd_below(r, (uint32_t)r->free_count);
	int id = r->free_ids[pick];

	r->free_ids[pick] = r->free_ids[--r->free_count];
	op_insert(r, id, rnd_key(r));
}

static void op_remove(struct run *r)
{
	int at = (int)rnd_below(r, (uint32_t)r->count);
	int id = r->model[at].id;

	model_delete(r, at);
	z_tq_remove(&r->q, &pool[id].node);
	CHECK(!z_tq_node_linked(&pool[id].node));
}

static void op_pop(struct run *r)
{
	struct z_tq_node *n = z_tq_pop(&r->q);
	int want = r->count > 0 ? r->model[0].id : -1;

	if (!CHECK_EQ(id_of(n), want) || want < 0) {
		return;
	}
	CHECK(n->key == r->model[0].key && !z_tq_node_linked(n));
	r->now = r->model[0].key;
	model_delete(r, 0);
}

/* Re-arm a pending timeout: remove and insert again at a new deadline. */
static void op_rearm(struct run *r)
{
	int at = (int)rnd_below(r, (uint32_t)r->count);
	int id = r->model[at].id;

	model_delete(r, at);
	r->free_count--; /* model_delete freed it; it is reused at once */
	z_tq_remove(&r->q, &pool[id].node);
	op_insert(r, id, rnd_key(r));
}

static void op_remove_unlinked(struct run *r)
{
	if (r->free_count > 0) {
		int id = r->free_ids[rnd_below(r, (uint32_t)r->free_count)];

		z_tq_remove(&r->q, &pool[id].node);
	}
}

static void random_step(struct run *r)
{
	uint32_t dice = rnd_below(r, 100);
	bool grow = r->count < r->target;

	if (r->free_count > 0 && (r->count == 0 || dice < (grow ? 60U : 30U))) {
		op_insert_free(r);
	} else if (dice < 75U) {
		op_remove(r);
	} else if (dice < 88U) {
		op_pop(r);
	} else if (dice < 97U) {
		op_rearm(r);
	} else {
		op_remove_unlinked(r);
		op_pop(r);
	}
}

static bool check_against_model(struct run *r)
{
	int ids[POOL_SIZE];

	for (int i = 0; i < r->count; i++) {
		ids[i] = r->model[i].id;
	}
	return check_queue(&r->q, ids, r->count);
}

/*
 * Targets rise and fall through sizes 0..POOL_SIZE within one run; the
 * POOL_SIZE phase fills the pool, so removals are forced for a while.
 */
static void test_model(uint32_t seed)
{
	static struct run r;
	static const int targets[] = { 3, 40, 300, (int)POOL_SIZE, 10, 120, 0 };
	const uint32_t steps = 10000U;

	pool_init();
	memset(&r, 0, sizeof(r));
	r.rng = 0x9E3779B97F4A7C15ULL * (seed + 1U);
	r.mode = (enum key_mode)(seed % KEY_MODES);
	z_tq_init(&r.q);
	for (int i = 0; i < (int)POOL_SIZE; i++) {
		r.free_ids[r.free_count++] = i;
	}
	for (uint32_t step = 0; step < steps; step++) {
		r.target = targets[step * 7U / steps];
		snprintf(where, sizeof(where), "seed %u mode %d step %u size %d",
			 seed, (int)r.mode, step, r.count);
		random_step(&r);
		if (case_failures > 0U || !check_against_model(&r)) {
			return;
		}
	}
	while (r.count > 0) {
		op_pop(&r);
		if (case_failures > 0U || !check_against_model(&r)) {
			return;
		}
	}
}

int main(void)
{
	/* Line-buffered, so reports made before a crash are not lost. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	run_case("empty", test_empty, 0);
	run_case("single", test_single, 0);
	run_case("equal_keys_fifo", test_equal_keys_fifo, 2);
	run_case("equal_keys_fifo", test_equal_keys_fifo, 17);
	run_case("equal_keys_fifo", test_equal_keys_fifo, POOL_SIZE);
	run_case("interleaved_ties", test_interleaved_ties, 0);
	run_case("remove_positions", test_remove_positions, 0);
	run_case("remove_unlinked", test_remove_unlinked, 0);
	run_case("reinsert", test_reinsert, 0);
	run_case("key_extremes", test_key_extremes, 0);
	for (uint32_t pattern = 0; pattern < 3U; pattern++) {
		run_case("degenerate_orders", test_degenerate_orders, pattern);
	}
	run_case("verify_detects_corruption", test_verify_detects_corruption, 0);
	for (uint32_t seed = 0; seed < 3U * KEY_MODES; seed++) {
		run_case("model", test_model, seed);
	}

	return unit_summary();
}
