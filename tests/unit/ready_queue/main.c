/*
 * Host test of kernel/include/priq.h, the ready queue's structure, against
 * a reference model: a plain array of (level, arrival) pairs where the best
 * entry is the lowest level, earliest arrival. Random add/remove/requeue
 * sequences check z_priq_best after every step, plus the bitmap invariant.
 */
#include <stdio.h>
#include <stdlib.h>
#include "priq.h"

#define NODES 64

struct item {
	sys_dnode_t node;
	unsigned int level;
	unsigned long arrival; /* model: order of the last add */
	int queued;
};

static struct item items[NODES];
static struct z_priq q;
static unsigned long clock_now;
static unsigned int failures, checks;

#define CHECK(cond, ...)                                                 \
	do {                                                             \
		checks++;                                                \
		if (!(cond)) {                                           \
			failures++;                                      \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__);                             \
			printf("\n");                                    \
		}                                                        \
	} while (0)

static struct item *model_best(void)
{
	struct item *best = NULL;

	for (int i = 0; i < NODES; i++) {
		struct item *it = &items[i];

		if (it->queued && (best == NULL || it->level < best->level ||
				   (it->level == best->level && it->arrival < best->arrival))) {
			best = it;
		}
	}
	return best;
}

static void check_invariants(const char *step)
{
	sys_dnode_t *got = z_priq_best(&q);
	struct item *want = model_best();

	CHECK(got == (want != NULL ? &want->node : NULL), "after %s: best mismatch", step);
	for (unsigned int l = 0; l < Z_PRIQ_LEVELS; l++) {
		int bit = (q.bitmap >> l) & 1;

		CHECK(bit == !sys_dlist_is_empty(&q.queues[l]), "after %s: bitmap bit %u", step, l);
	}
	for (int i = 0; i < NODES; i++) {
		if (items[i].queued) {
			int equals = 0;

			for (int j = 0; j < NODES; j++) {
				equals += j != i && items[j].queued && items[j].level == items[i].level;
			}
			CHECK(z_priq_has_equals(&items[i].node) == (equals > 0),
			      "after %s: has_equals of %d", step, i);
		}
	}
}

static void add(struct item *it, unsigned int level)
{
	it->level = level;
	it->arrival = clock_now++;
	it->queued = 1;
	z_priq_add(&q, &it->node, level);
}

static void del(struct item *it)
{
	z_priq_remove(&q, &it->node, it->level);
	it->queued = 0;
}

static void directed(void)
{
	z_priq_init(&q);
	CHECK(z_priq_best(&q) == NULL, "empty queue has no best");
	add(&items[0], Z_PRIQ_LEVELS - 1);
	add(&items[1], Z_PRIQ_LEVELS - 1);
	check_invariants("two at the lowest level");
	CHECK(z_priq_best(&q) == &items[0].node, "FIFO among equals");
	add(&items[2], 0);
	check_invariants("one at the best level");
	CHECK(z_priq_best(&q) == &items[2].node, "best level wins");
	del(&items[2]);
	del(&items[0]);
	check_invariants("removals");
	CHECK(z_priq_best(&q) == &items[1].node, "remaining node");
	del(&items[1]);
	CHECK(q.bitmap == 0, "empty bitmap at the end");
}

static void randomized(unsigned int seed, int steps)
{
	srand(seed);
	z_priq_init(&q);
	for (int i = 0; i < NODES; i++) {
		items[i].queued = 0;
	}
	for (int s = 0; s < steps; s++) {
		struct item *it = &items[rand() % NODES];
		/* Few levels in use, so that ties are common. */
		unsigned int level = (unsigned int)(rand() % 4) * (Z_PRIQ_LEVELS - 1) / 3;

		if (!it->queued) {
			add(it, level);
		} else if (rand() % 3 == 0) {
			/* Requeue behind equals, as k_yield does. */
			unsigned int old = it->level;

			del(it);
			add(it, old);
		} else {
			del(it);
		}
		check_invariants("random step");
	}
}

int main(void)
{
	directed();
	for (unsigned int seed = 1; seed <= 5; seed++) {
		randomized(seed, 4000);
	}
	printf("%u passed, %u failed\n", checks - failures, failures);
	return failures != 0;
}
