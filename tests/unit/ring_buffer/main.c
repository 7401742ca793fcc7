/*
 * Host tests of the byte ring buffer (subsys/ring_buffer/ring_buffer.c):
 * directed cases for the edges (empty, full, wrap point, claims split at
 * the wrap, rejected finishes, peek, discard, reset, many sizes) and a
 * randomized comparison against a plain FIFO model, including runs whose
 * internal counters start just below UINT32_MAX (and 2^31) so that they
 * wrap mid-run.
 *
 * The tests are white-box in two places only: after every step they check
 * the counter invariants documented on struct ring_buf_cursor, and
 * start_counters_at() writes the cursor fields to stand for a buffer that
 * has already carried billions of bytes.
 *
 * Storage comes from malloc() at exactly the capacity, so AddressSanitizer
 * catches any access past either end.  Each failed check prints one line;
 * the run ends with "N passed, N failed" counting test cases, and exits
 * nonzero if any case failed.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vireo/sys/ring_buffer.h>
#include "unit_check.h"

/* ---- Fixtures ---------------------------------------------------------- */

struct fixture {
	struct ring_buf rb;
	uint8_t *storage;
	uint32_t size;
};

static void fixture_init(struct fixture *f, uint32_t size)
{
	f->size = size;
	f->storage = NULL;
	if (size > 0U) {
		f->storage = malloc(size);
		if (f->storage == NULL) {
			perror("malloc");
			exit(2);
		}
		memset(f->storage, 0xEE, size);
	}
	ring_buf_init(&f->rb, size, f->storage);
}

static void fixture_free(struct fixture *f)
{
	free(f->storage);
	f->storage = NULL;
}

/*
 * Stand for a buffer whose counters have reached @start: every counter
 * and both origins equal, which satisfies every invariant for any value.
 */
static void start_counters_at(struct ring_buf *rb, uint32_t start)
{
	rb->put.finished = rb->put.claimed = rb->put.origin = start;
	rb->get.finished = rb->get.claimed = rb->get.origin = start;
}

static bool same_state(const struct ring_buf *a, const struct ring_buf *b)
{
	return a->buffer == b->buffer && a->size == b->size &&
	       a->put.finished == b->put.finished &&
	       a->put.claimed == b->put.claimed &&
	       a->put.origin == b->put.origin &&
	       a->get.finished == b->get.finished &&
	       a->get.claimed == b->get.claimed &&
	       a->get.origin == b->get.origin;
}

/* The invariants listed on struct ring_buf_cursor, as distances. */
static bool check_invariants(const struct ring_buf *rb)
{
	uint64_t size = rb->size;
	uint64_t lap = size > 0U ? size : 1U;
	uint32_t base = rb->get.finished;
	uint64_t gc = (uint32_t)(rb->get.claimed - base);
	uint64_t pf = (uint32_t)(rb->put.finished - base);
	uint64_t pc = (uint32_t)(rb->put.claimed - base);
	uint32_t origin_gap = rb->put.origin - rb->get.origin;
	bool ok = gc <= pf && pf <= pc && pc <= size &&
		  (uint32_t)(rb->put.finished - rb->put.origin) < lap &&
		  (uint32_t)(rb->get.finished - rb->get.origin) < lap &&
		  (uint32_t)(rb->put.claimed - rb->put.origin) < 2U * lap &&
		  (uint32_t)(rb->get.claimed - rb->get.origin) < 2U * lap &&
		  (origin_gap == 0U || origin_gap == rb->size);

	return check(ok, __LINE__,
		     "invariant broken: size %u put %08x/%08x/o%08x "
		     "get %08x/%08x/o%08x", rb->size, rb->put.finished,
		     rb->put.claimed, rb->put.origin, rb->get.finished,
		     rb->get.claimed, rb->get.origin);
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* Byte @i of the test stream; its period, 251, divides no tested size. */
static uint8_t stream_byte(uint32_t i)
{
	return (uint8_t)(i % 251U + 3U);
}

/* Move both sides @n bytes on, leaving the buffer empty. */
static void advance(struct ring_buf *rb, uint32_t n)
{
	uint8_t *p;

	while (n > 0U) {
		uint32_t got = ring_buf_put_claim(rb, &p, n);

		if (!CHECK(got > 0U)) {
			return;
		}
		CHECK_EQ(ring_buf_put_finish(rb, got), 0);
		CHECK_EQ(ring_buf_get(rb, NULL, got), got);
		n -= got;
	}
}

/* ---- Directed cases ---------------------------------------------------- */

static void test_empty(uint32_t size)
{
	struct fixture f;
	uint8_t out[4];
	uint8_t *p;

	fixture_init(&f, size);
	CHECK_EQ(ring_buf_capacity_get(&f.rb), size);
	CHECK_EQ(ring_buf_size_get(&f.rb), 0);
	CHECK_EQ(ring_buf_space_get(&f.rb), size);
	CHECK(ring_buf_is_empty(&f.rb));
	CHECK_EQ(ring_buf_get(&f.rb, out, sizeof(out)), 0);
	CHECK_EQ(ring_buf_peek(&f.rb, out, sizeof(out)), 0);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 4), 0);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 0), 0);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 0), 0);
	CHECK_EQ(ring_buf_put(&f.rb, NULL, 4), 0);
	CHECK_EQ(ring_buf_space_get(&f.rb), size);
	check_invariants(&f.rb);
	fixture_free(&f);
}

static void test_full(uint32_t size)
{
	struct fixture f;
	uint8_t *in = malloc(size + 5U);
	uint8_t *out = malloc(size + 5U);
	uint8_t one = 1U;
	uint8_t *p;

	fixture_init(&f, size);
	for (uint32_t i = 0; i < size + 5U; i++) {
		in[i] = stream_byte(i);
	}
	CHECK_EQ(ring_buf_put(&f.rb, in, size + 5U), size);
	CHECK_EQ(ring_buf_size_get(&f.rb), size);
	CHECK_EQ(ring_buf_space_get(&f.rb), 0);
	CHECK_EQ(ring_buf_is_empty(&f.rb), size == 0U);
	CHECK_EQ(ring_buf_put(&f.rb, &one, 1), 0);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 1), 0);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 0), 0);
	check_invariants(&f.rb);
	CHECK_EQ(ring_buf_get(&f.rb, out, size + 5U), size);
	CHECK(memcmp(in, out, size) == 0);
	CHECK(ring_buf_is_empty(&f.rb));
	CHECK_EQ(ring_buf_space_get(&f.rb), size);
	check_invariants(&f.rb);
	fixture_free(&f);
	free(in);
	free(out);
}

/* A put of exactly the capacity, starting from every offset in the storage. */
static void test_exact_capacity_every_offset(uint32_t size)
{
	struct fixture f;
	uint8_t *in = malloc(size);
	uint8_t *out = malloc(size);
	uint32_t step = size > 64U ? size / 13U : 1U;

	fixture_init(&f, size);
	for (uint32_t i = 0; i < size; i++) {
		in[i] = stream_byte(i * 7U);
	}
	for (uint32_t offset = 0; offset <= size; offset += step) {
		ring_buf_reset(&f.rb);
		advance(&f.rb, offset);
		CHECK_EQ(ring_buf_put(&f.rb, in, size), size);
		CHECK_EQ(ring_buf_space_get(&f.rb), 0);
		CHECK_EQ(ring_buf_peek(&f.rb, out, size), size);
		CHECK(memcmp(in, out, size) == 0);
		memset(out, 0, size);
		CHECK_EQ(ring_buf_get(&f.rb, out, size), size);
		CHECK(memcmp(in, out, size) == 0);
		check_invariants(&f.rb);
	}
	fixture_free(&f);
	free(in);
	free(out);
}

static void test_wrap_point(uint32_t unused)
{
	struct fixture f;
	uint8_t out[8];

	(void)unused;
	fixture_init(&f, 8);
	advance(&f.rb, 6);
	CHECK_EQ(ring_buf_put(&f.rb, (const uint8_t *)"ABCDE", 5), 5);
	CHECK(memcmp(f.storage + 6, "AB", 2) == 0);
	CHECK(memcmp(f.storage, "CDE", 3) == 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 5);
	CHECK_EQ(ring_buf_space_get(&f.rb), 3);
	CHECK_EQ(ring_buf_get(&f.rb, out, sizeof(out)), 5);
	CHECK(memcmp(out, "ABCDE", 5) == 0);
	check_invariants(&f.rb);
	fixture_free(&f);
}

/* Claims stop at the end of the storage; a second claim continues at 0. */
static void test_claim_split_at_wrap(uint32_t unused)
{
	struct fixture f;
	uint8_t *p;

	(void)unused;
	fixture_init(&f, 8);
	advance(&f.rb, 6);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 5), 2);
	CHECK(p == f.storage + 6);
	memcpy(p, "ab", 2);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 3), 3);
	CHECK(p == f.storage);
	memcpy(p, "cde", 3);
	/* Claimed space is neither free nor stored until the finish. */
	CHECK_EQ(ring_buf_space_get(&f.rb), 3);
	CHECK_EQ(ring_buf_size_get(&f.rb), 0);
	CHECK(ring_buf_is_empty(&f.rb));
	check_invariants(&f.rb);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 5), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 5);

	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 5), 2);
	CHECK(p == f.storage + 6 && memcmp(p, "ab", 2) == 0);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 5), 3);
	CHECK(p == f.storage && memcmp(p, "cde", 3) == 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 0);
	/* Space under a get claim is freed only by the finish. */
	CHECK_EQ(ring_buf_space_get(&f.rb), 3);
	check_invariants(&f.rb);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 5), 0);
	CHECK_EQ(ring_buf_space_get(&f.rb), 8);

	/* A whole lap later the position is 3; fill the buffer by claims. */
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 100), 5);
	CHECK(p == f.storage + 3);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 100), 3);
	CHECK(p == f.storage);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 100), 0);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 8), 0);
	CHECK_EQ(ring_buf_space_get(&f.rb), 0);
	check_invariants(&f.rb);
	fixture_free(&f);
}

static void test_claims_accumulate(uint32_t unused)
{
	struct fixture f;
	uint8_t *p;
	uint8_t *q;

	(void)unused;
	fixture_init(&f, 16);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 3), 3);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &q, 4), 4);
	CHECK(q == p + 3);
	CHECK_EQ(ring_buf_space_get(&f.rb), 9);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 8), -EINVAL);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 7), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 7);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 2), 2);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &q, 2), 2);
	CHECK(q == p + 2);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 4), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 3);
	CHECK_EQ(ring_buf_space_get(&f.rb), 13);
	check_invariants(&f.rb);
	fixture_free(&f);
}

/* A finish smaller than the claim gives the rest of the claim back. */
static void test_partial_finish(uint32_t unused)
{
	struct fixture f;
	uint8_t out[16];
	uint8_t *p;

	(void)unused;
	fixture_init(&f, 16);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 10), 10);
	memcpy(p, "0123456789", 10);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 4), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 4);
	CHECK_EQ(ring_buf_space_get(&f.rb), 12);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 1), 1);
	CHECK(p == f.storage + 4);
	*p = 'x';
	CHECK_EQ(ring_buf_put_finish(&f.rb, 1), 0);

	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 5), 5);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 2), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 3);
	CHECK_EQ(ring_buf_space_get(&f.rb), 13);
	CHECK_EQ(ring_buf_get(&f.rb, out, sizeof(out)), 3);
	CHECK(memcmp(out, "23x", 3) == 0);
	check_invariants(&f.rb);
	fixture_free(&f);
}

/* A finish beyond the claim fails with -EINVAL and changes nothing. */
static void test_finish_einval(uint32_t unused)
{
	struct fixture f;
	struct ring_buf before;
	uint8_t *p;

	(void)unused;
	fixture_init(&f, 10);
	advance(&f.rb, 7);
	before = f.rb;
	CHECK_EQ(ring_buf_put_finish(&f.rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 1), -EINVAL);
	CHECK(same_state(&f.rb, &before));

	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 6), 3);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 3), 3);
	before = f.rb;
	CHECK_EQ(ring_buf_put_finish(&f.rb, 7), -EINVAL);
	CHECK_EQ(ring_buf_put_finish(&f.rb, UINT32_MAX), -EINVAL);
	CHECK(same_state(&f.rb, &before));
	CHECK_EQ(ring_buf_put_finish(&f.rb, 6), 0);

	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 4), 3);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 1), 1);
	before = f.rb;
	CHECK_EQ(ring_buf_get_finish(&f.rb, 5), -EINVAL);
	CHECK_EQ(ring_buf_get_finish(&f.rb, UINT32_MAX), -EINVAL);
	CHECK(same_state(&f.rb, &before));
	CHECK_EQ(ring_buf_get_finish(&f.rb, 4), 0);
	CHECK_EQ(ring_buf_size_get(&f.rb), 2);
	check_invariants(&f.rb);
	fixture_free(&f);
}

static void test_peek(uint32_t unused)
{
	struct fixture f;
	struct ring_buf before;
	uint8_t out[16];
	uint8_t *p;

	(void)unused;
	fixture_init(&f, 8);
	advance(&f.rb, 5);
	CHECK_EQ(ring_buf_put(&f.rb, (const uint8_t *)"abcdef", 6), 6);
	before = f.rb;
	CHECK_EQ(ring_buf_peek(&f.rb, out, 4), 4);
	CHECK(memcmp(out, "abcd", 4) == 0);
	CHECK_EQ(ring_buf_peek(&f.rb, out, sizeof(out)), 6);
	CHECK(memcmp(out, "abcdef", 6) == 0);
	CHECK_EQ(ring_buf_peek(&f.rb, NULL, 4), 0);
	CHECK(same_state(&f.rb, &before));

	/* Peek reads past an outstanding get claim and keeps it. */
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 2), 2);
	CHECK_EQ(ring_buf_peek(&f.rb, out, sizeof(out)), 4);
	CHECK(memcmp(out, "cdef", 4) == 0);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 2), 0);

	CHECK_EQ(ring_buf_get(&f.rb, out, sizeof(out)), 4);
	CHECK(memcmp(out, "cdef", 4) == 0);
	check_invariants(&f.rb);
	fixture_free(&f);
}

static void test_get_discard(uint32_t unused)
{
	struct fixture f;
	uint8_t out[16];

	(void)unused;
	fixture_init(&f, 8);
	advance(&f.rb, 6);
	CHECK_EQ(ring_buf_put(&f.rb, (const uint8_t *)"1234567", 7), 7);
	CHECK_EQ(ring_buf_get(&f.rb, NULL, 3), 3);
	CHECK_EQ(ring_buf_size_get(&f.rb), 4);
	CHECK_EQ(ring_buf_space_get(&f.rb), 4);
	CHECK_EQ(ring_buf_get(&f.rb, out, sizeof(out)), 4);
	CHECK(memcmp(out, "4567", 4) == 0);
	CHECK_EQ(ring_buf_put(&f.rb, (const uint8_t *)"xyz", 3), 3);
	CHECK_EQ(ring_buf_get(&f.rb, NULL, UINT32_MAX), 3);
	CHECK(ring_buf_is_empty(&f.rb));
	check_invariants(&f.rb);
	fixture_free(&f);
}

static void test_reset(uint32_t unused)
{
	struct fixture f;
	uint8_t *p;

	(void)unused;
	fixture_init(&f, 8);
	advance(&f.rb, 3);
	CHECK_EQ(ring_buf_put(&f.rb, (const uint8_t *)"hello", 5), 5);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 2), 2);
	CHECK_EQ(ring_buf_get_claim(&f.rb, &p, 3), 3);
	ring_buf_reset(&f.rb);
	CHECK(ring_buf_is_empty(&f.rb));
	CHECK_EQ(ring_buf_size_get(&f.rb), 0);
	CHECK_EQ(ring_buf_space_get(&f.rb), 8);
	CHECK_EQ(ring_buf_capacity_get(&f.rb), 8);
	CHECK_EQ(ring_buf_get_finish(&f.rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_put_claim(&f.rb, &p, 100), 8);
	CHECK(p == f.storage);
	CHECK_EQ(ring_buf_put_finish(&f.rb, 8), 0);
	check_invariants(&f.rb);
	fixture_free(&f);
}

RING_BUF_DECLARE(declared_rb, 33);

static void test_declare(uint32_t unused)
{
	static const char digits[] = "0123456789012345678901234567890123456789";
	uint8_t out[40];

	(void)unused;
	CHECK_EQ(ring_buf_capacity_get(&declared_rb), 33);
	CHECK(ring_buf_is_empty(&declared_rb));
	CHECK_EQ(ring_buf_put(&declared_rb, (const uint8_t *)digits, 40), 33);
	CHECK_EQ(ring_buf_get(&declared_rb, out, sizeof(out)), 33);
	CHECK(memcmp(out, digits, 33) == 0);
	check_invariants(&declared_rb);
}

/* Nothing fits in a zero-capacity buffer, and nothing breaks either. */
static void test_size_zero(uint32_t unused)
{
	struct ring_buf rb;
	uint8_t byte = 0x5A;
	uint8_t *p;

	(void)unused;
	ring_buf_init(&rb, 0, NULL);
	CHECK_EQ(ring_buf_capacity_get(&rb), 0);
	CHECK_EQ(ring_buf_space_get(&rb), 0);
	CHECK(ring_buf_is_empty(&rb));
	CHECK_EQ(ring_buf_put(&rb, &byte, 1), 0);
	CHECK_EQ(ring_buf_put_claim(&rb, &p, 1), 0);
	CHECK_EQ(ring_buf_put_finish(&rb, 0), 0);
	CHECK_EQ(ring_buf_put_finish(&rb, 1), -EINVAL);
	CHECK_EQ(ring_buf_get(&rb, &byte, 1), 0);
	CHECK_EQ(ring_buf_get_claim(&rb, &p, 1), 0);
	CHECK_EQ(ring_buf_get_finish(&rb, 0), 0);
	CHECK_EQ(ring_buf_peek(&rb, &byte, 1), 0);
	check_invariants(&rb);
}

/* An oversized capacity is cut to the largest one the counters support. */
static void test_init_clamp(uint32_t unused)
{
	struct ring_buf rb;
	uint8_t storage[1];

	(void)unused;
	ring_buf_init(&rb, UINT32_MAX, storage);
	CHECK_EQ(ring_buf_capacity_get(&rb), RING_BUFFER_MAX_SIZE - 1U);
	CHECK_EQ(ring_buf_space_get(&rb), RING_BUFFER_MAX_SIZE - 1U);
	ring_buf_init(&rb, RING_BUFFER_MAX_SIZE - 1U, storage);
	CHECK_EQ(ring_buf_capacity_get(&rb), RING_BUFFER_MAX_SIZE - 1U);
}

/*
 * Stream bytes through with put and get lengths that drift against each
 * other and against the capacity, starting the counters at @start.
 */
static void stream_through(uint32_t size, uint32_t start, uint32_t total)
{
	struct fixture f;
	uint8_t *chunk = malloc(size + 3U);
	uint32_t sent = 0U;
	uint32_t received = 0U;

	fixture_init(&f, size);
	start_counters_at(&f.rb, start);
	for (uint32_t round = 0U; received < total; round++) {
		uint32_t want = round % (size + 3U);
		uint32_t room = ring_buf_space_get(&f.rb);
		uint32_t n = want < room ? want : room;

		for (uint32_t i = 0U; i < want; i++) {
			chunk[i] = stream_byte(sent + i);
		}
		if (!CHECK_EQ(ring_buf_put(&f.rb, chunk, want), n)) {
			break;
		}
		sent += n;
		want = (round * 5U + 1U) % (size + 3U);
		n = ring_buf_get(&f.rb, chunk, want);
		if (!CHECK_EQ(n, min_u32(want, sent - received))) {
			break;
		}
		for (uint32_t i = 0U; i < n; i++) {
			CHECK_EQ(chunk[i], stream_byte(received + i));
		}
		received += n;
		if (!check_invariants(&f.rb)) {
			break;
		}
	}
	fixture_free(&f);
	free(chunk);
}

static void test_stream(uint32_t size)
{
	stream_through(size, 0U, 20U * size + 500U);
}

/* Counters cross 2^32 (and 2^31) mid-stream without a hiccup. */
static void test_counter_wrap(uint32_t size)
{
	stream_through(size, UINT32_MAX - size / 2U, 8U * size + 100U);
	stream_through(size, UINT32_MAX, 8U * size + 100U);
	stream_through(size, 0x7FFFFFFFU - size, 8U * size + 100U);
}

/* ---- Randomized comparison against a FIFO model ------------------------ */

/*
 * What the ring buffer should hold, kept the plainest way: committed bytes
 * oldest first in an array, plus how much of each side is claimed.
 */
struct model {
	uint32_t size;
	uint8_t *fifo;      /* committed and not yet released, oldest first */
	uint32_t len;
	uint32_t get_claim; /* leading fifo bytes under the get claim */
	uint8_t *pending;   /* bytes written so far into the put claim */
	uint32_t put_claim;
	uint32_t get_pos;   /* storage offset of fifo[0] */
	uint64_t released;  /* bytes released since the run began */
	bool allow_reset;
};

struct run {
	struct fixture f;
	struct model m;
	uint32_t rng;
	uint8_t *scratch;   /* size + 3 bytes, for put and get data */
};

static uint32_t rnd(struct run *r)
{
	/* xorshift32: deterministic, and fine for choosing operations. */
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 17;
	r->rng ^= r->rng << 5;
	return r->rng;
}

/* A request length: mostly small, sometimes 0, the capacity, or huge. */
static uint32_t rnd_len(struct run *r, bool huge_ok)
{
	uint32_t size = r->m.size;

	switch (rnd(r) % 16U) {
	case 0:
		return 0U;
	case 1:
		return huge_ok ? UINT32_MAX : size + 2U;
	case 2:
		return size;
	case 3:
		return size + 1U;
	case 4:
	case 5:
	case 6:
		return rnd(r) % (size + 3U);
	default:
		return 1U + rnd(r) % min_u32(size + 2U, 9U);
	}
}

/* A finish size: the whole claim, part of it, or more than it. */
static uint32_t rnd_finish(struct run *r, uint32_t claim)
{
	switch (rnd(r) % 8U) {
	case 0:
		return 0U;
	case 1:
		return claim + 1U;
	case 2:
		return claim + 1U + rnd(r) % 4U;
	case 3:
		return UINT32_MAX;
	case 4:
		return rnd(r) % (claim + 1U);
	default:
		return claim;
	}
}

static void model_release(struct model *m, uint32_t n)
{
	memmove(m->fifo, m->fifo + n, m->len - n);
	m->len -= n;
	m->get_pos = (uint32_t)(((uint64_t)m->get_pos + n) % m->size);
	m->released += n;
}

static uint32_t model_offset(const struct model *m, uint32_t ahead)
{
	return (uint32_t)(((uint64_t)m->get_pos + ahead) % m->size);
}

static void op_put(struct run *r)
{
	struct model *m = &r->m;
	uint32_t want = rnd_len(r, false);
	uint32_t n = min_u32(want, m->size - m->len - m->put_claim);

	for (uint32_t i = 0U; i < want; i++) {
		r->scratch[i] = (uint8_t)rnd(r);
	}
	snprintf(where + strlen(where), 40, " put(%u)", want);
	if (!CHECK_EQ(ring_buf_put(&r->f.rb, r->scratch, want), n)) {
		return;
	}
	memcpy(m->fifo + m->len, r->scratch, n);
	m->len += n;
}

static void op_get(struct run *r)
{
	struct model *m = &r->m;
	bool discard = rnd(r) % 4U == 0U;
	uint32_t want = rnd_len(r, discard);
	uint32_t n = min_u32(want, m->len);
	uint8_t *dst = discard ? NULL : r->scratch;

	snprintf(where + strlen(where), 40, " get(%s, %u)",
		 discard ? "NULL" : "buf", want);
	if (!CHECK_EQ(ring_buf_get(&r->f.rb, dst, want), n)) {
		return;
	}
	if (dst != NULL) {
		CHECK(memcmp(dst, m->fifo, n) == 0);
	}
	model_release(m, n);
}

static void op_peek(struct run *r)
{
	struct model *m = &r->m;
	uint32_t want = rnd_len(r, false);
	uint32_t n = min_u32(want, m->len - m->get_claim);
	struct ring_buf before = r->f.rb;

	snprintf(where + strlen(where), 40, " peek(%u)", want);
	CHECK_EQ(ring_buf_peek(&r->f.rb, r->scratch, want), n);
	CHECK(memcmp(r->scratch, m->fifo + m->get_claim, n) == 0);
	CHECK(same_state(&r->f.rb, &before));
}

static void op_put_claim(struct run *r)
{
	struct model *m = &r->m;
	uint32_t want = rnd_len(r, true);
	uint32_t offset = model_offset(m, m->len + m->put_claim);
	uint32_t n = min_u32(min_u32(want, m->size - offset),
			     m->size - m->len - m->put_claim);
	uint8_t *p = NULL;

	snprintf(where + strlen(where), 40, " put_claim(%u)", want);
	if (!CHECK_EQ(ring_buf_put_claim(&r->f.rb, &p, want), n) ||
	    !CHECK(p == r->f.storage + offset)) {
		return;
	}
	for (uint32_t i = 0U; i < n; i++) {
		p[i] = (uint8_t)rnd(r);
	}
	memcpy(m->pending + m->put_claim, p, n);
	m->put_claim += n;
}

static void op_put_finish(struct run *r)
{
	struct model *m = &r->m;
	uint32_t n = rnd_finish(r, m->put_claim);
	struct ring_buf before = r->f.rb;

	snprintf(where + strlen(where), 40, " put_finish(%u)", n);
	if (n > m->put_claim) {
		CHECK_EQ(ring_buf_put_finish(&r->f.rb, n), -EINVAL);
		CHECK(same_state(&r->f.rb, &before));
		return;
	}
	CHECK_EQ(ring_buf_put_finish(&r->f.rb, n), 0);
	memcpy(m->fifo + m->len, m->pending, n);
	m->len += n;
	m->put_claim = 0U;
}

static void op_get_claim(struct run *r)
{
	struct model *m = &r->m;
	uint32_t want = rnd_len(r, true);
	uint32_t offset = model_offset(m, m->get_claim);
	uint32_t n = min_u32(min_u32(want, m->size - offset),
			     m->len - m->get_claim);
	uint8_t *p = NULL;

	snprintf(where + strlen(where), 40, " get_claim(%u)", want);
	if (!CHECK_EQ(ring_buf_get_claim(&r->f.rb, &p, want), n) ||
	    !CHECK(p == r->f.storage + offset)) {
		return;
	}
	CHECK(memcmp(p, m->fifo + m->get_claim, n) == 0);
	m->get_claim += n;
}

static void op_get_finish(struct run *r)
{
	struct model *m = &r->m;
	uint32_t n = rnd_finish(r, m->get_claim);
	struct ring_buf before = r->f.rb;

	snprintf(where + strlen(where), 40, " get_finish(%u)", n);
	if (n > m->get_claim) {
		CHECK_EQ(ring_buf_get_finish(&r->f.rb, n), -EINVAL);
		CHECK(same_state(&r->f.rb, &before));
		return;
	}
	CHECK_EQ(ring_buf_get_finish(&r->f.rb, n), 0);
	model_release(m, n);
	m->get_claim = 0U;
}

static void op_reset(struct run *r)
{
	struct model *m = &r->m;

	snprintf(where + strlen(where), 40, " reset");
	ring_buf_reset(&r->f.rb);
	m->len = m->get_claim = m->put_claim = m->get_pos = 0U;
}

/* Every query agrees with the model, and the counters keep their invariants. */
static bool check_against_model(struct run *r)
{
	const struct ring_buf *rb = &r->f.rb;
	const struct model *m = &r->m;
	bool ok = CHECK_EQ(ring_buf_size_get(rb), m->len - m->get_claim);

	ok = CHECK_EQ(ring_buf_space_get(rb),
		      m->size - m->len - m->put_claim) && ok;
	ok = CHECK_EQ(ring_buf_is_empty(rb), m->len == m->get_claim) && ok;
	ok = CHECK_EQ(ring_buf_capacity_get(rb), m->size) && ok;
	return check_invariants(rb) && ok;
}

/*
 * One random operation.  put and get must not run with a claim outstanding
 * on their side, so that case finishes the claim instead.
 */
static void random_step(struct run *r)
{
	uint32_t pick = rnd(r) % 100U;

	if (pick < 20U) {
		(r->m.put_claim > 0U ? op_put_finish : op_put)(r);
	} else if (pick < 35U) {
		(r->m.get_claim > 0U ? op_get_finish : op_get)(r);
	} else if (pick < 42U) {
		op_peek(r);
	} else if (pick < 57U) {
		op_put_claim(r);
	} else if (pick < 69U) {
		op_put_finish(r);
	} else if (pick < 84U) {
		op_get_claim(r);
	} else if (pick < 99U || !r->m.allow_reset || rnd(r) % 8U != 0U) {
		op_get_finish(r);
	} else {
		op_reset(r);
	}
}

/* Returns how many bytes the run released, to show how far counters went. */
static uint64_t run_model(uint32_t size, uint32_t seed, uint32_t start,
			  uint32_t steps)
{
	struct run r = { .rng = seed * 2654435761U + 1U };
	uint32_t step;

	fixture_init(&r.f, size);
	start_counters_at(&r.f.rb, start);
	r.m.size = size;
	r.m.fifo = malloc(size);
	r.m.pending = malloc(size);
	r.m.allow_reset = start == 0U;
	r.scratch = malloc(size + 3U);

	for (step = 0U; step < steps; step++) {
		snprintf(where, sizeof(where), "seed %u start 0x%08x step %u:",
			 seed, start, step);
		random_step(&r);
		if (!check_against_model(&r)) {
			break;
		}
	}
	fixture_free(&r.f);
	free(r.m.fifo);
	free(r.m.pending);
	free(r.scratch);
	return r.m.released;
}

static void test_model(uint32_t size)
{
	for (uint32_t seed = 1U; seed <= 4U; seed++) {
		run_model(size, seed, 0U, 20000U);
	}
}

/* The model run again with counters that wrap past 2^32 (and past 2^31). */
static void test_model_wrapping_counters(uint32_t size)
{
	const struct {
		uint32_t start;
		uint64_t boundary; /* the run must carry its counters past this */
	} runs[] = {
		{ UINT32_MAX, 1ULL << 32 },
		{ UINT32_MAX - size, 1ULL << 32 },
		{ UINT32_MAX - size * 3U / 2U, 1ULL << 32 },
		{ 0x7FFFFFFFU - size / 2U, 1ULL << 31 },
	};

	for (uint32_t i = 0U; i < sizeof(runs) / sizeof(runs[0]); i++) {
		uint64_t released = run_model(size, 10U + i, runs[i].start,
					      20000U);

		CHECK(runs[i].start + released > runs[i].boundary);
	}
}

int main(void)
{
	static const uint32_t sizes[] = { 1, 2, 3, 7, 8, 255, 256, 1000 };
	static const uint32_t model_sizes[] = {
		1, 2, 3, 5, 7, 8, 16, 31, 64, 100, 255, 256, 1000,
	};

	run_case("empty", test_empty, 0);
	run_case("wrap_point", test_wrap_point, 0);
	run_case("claim_split_at_wrap", test_claim_split_at_wrap, 0);
	run_case("claims_accumulate", test_claims_accumulate, 0);
	run_case("partial_finish", test_partial_finish, 0);
	run_case("finish_einval", test_finish_einval, 0);
	run_case("peek", test_peek, 0);
	run_case("get_discard", test_get_discard, 0);
	run_case("reset", test_reset, 0);
	run_case("declare", test_declare, 0);
	run_case("size_zero", test_size_zero, 0);
	run_case("init_clamp", test_init_clamp, 0);
	run_case("full", test_full, 0);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		run_case("empty", test_empty, sizes[i]);
		run_case("full", test_full, sizes[i]);
		run_case("exact_capacity_every_offset",
			 test_exact_capacity_every_offset, sizes[i]);
		run_case("stream", test_stream, sizes[i]);
		run_case("counter_wrap", test_counter_wrap, sizes[i]);
	}
	for (size_t i = 0; i < sizeof(model_sizes) / sizeof(model_sizes[0]); i++) {
		run_case("model", test_model, model_sizes[i]);
		run_case("model_wrapping_counters",
			 test_model_wrapping_counters, model_sizes[i]);
	}

	return unit_summary();
}
