/*
 * Host tests of the PMP encoder and matcher (arch/riscv/core/pmp_encode.c).
 *
 * - Directed encodings: every expected pmpcfg/pmpaddr value below was worked
 *   out by hand from the privileged spec (pmpaddr = address >> 2; NAPOT
 *   pmpaddr = (base >> 2) | (size / 8 - 1); TOR takes the previous pmpaddr
 *   as its bottom), including regions that end exactly at the top of the
 *   32-bit and the 64-bit address space.
 * - Entry budgets: -ENOSPC at the exact limit, -EINVAL for every kind of
 *   invalid region, and the image unchanged after any error.
 * - Directed matcher cases on hand-made images: OFF, TOR at index 0, TOR
 *   bottoms taken from OFF and NAPOT entries, empty TORs, NA4, all-ones
 *   NAPOT, priority, straddling, lock bit, reserved W-without-R, grain.
 * - Randomized: pmp_image_allows() against ref_allows(), a brute-force
 *   reference that walks every byte of the buffer and decodes each entry
 *   straight from the spec text (no shared code with the matcher), over
 *   hand-made images mixing OFF/TOR/NA4/NAPOT and over encoded ones, with
 *   buffers that wrap, straddle entries or sit at the top of the address
 *   space; plus a split property (allows(a, n) == allows(a, k) &&
 *   allows(a + k, n - k)) that also covers huge buffers.
 * - Randomized encodings: each encoded region is allowed exactly, every byte
 *   inside first-matched by its own entries with its rights, the bytes just
 *   outside first-matched by some other entry or none; entry counts agree
 *   with pmp_entries_needed(); one call equals one call per region.
 *
 * Built three times (tests/unit/pmp/CMakeLists.txt): 16 slots, 8 slots, and
 * a 16-byte grain. Each failed check prints one line (randomized cases also
 * print the image); the run ends with "N passed, N failed" counting test
 * cases and exits nonzero if any failed. PMP_TEST_SEED=<n> reruns the
 * randomized cases with another seed.
 */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pmp_encode.h>
#include "unit_check.h"

#define GRAN ((unsigned long)CONFIG_PMP_GRANULARITY)
#define SLOTS CONFIG_PMP_SLOTS
#define ULONG_BITS ((unsigned int)(sizeof(unsigned long) * CHAR_BIT))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define R PMP_R
#define W PMP_W
#define X PMP_X
#define TOR PMP_A_TOR
#define NA4 PMP_A_NA4
#define NAPOT PMP_A_NAPOT

/* ---- Reporting ---------------------------------------------------------- */

static uint64_t seed = 0x5eed0f0f1234abcdULL;

static void dump_image(const struct pmp_image *img)
{
	printf("     image, %u entries:\n", (unsigned int)img->count);
	for (unsigned int i = 0; i < img->count && i < SLOTS; i++) {
		printf("       [%2u] cfg 0x%02x addr 0x%lx\n", i, (unsigned int)img->cfg[i],
		       img->addr[i]);
	}
}

/* check() that also dumps the image the failed check was about. */
__attribute__((format(printf, 4, 5))) static bool check_img(bool ok, int line,
							    const struct pmp_image *img,
							    const char *fmt, ...)
{
	va_list ap;
	bool printed;

	if (ok) {
		return true;
	}
	va_start(ap, fmt);
	printed = unit_report(line, fmt, ap);
	va_end(ap);
	if (printed && img != NULL) {
		dump_image(img);
	}
	return false;
}

/* A failed randomized case is reproduced from its seed. */
static void print_seed(void)
{
	printf("     (seed 0x%llx)\n", (unsigned long long)seed);
}

/* ---- Helpers ------------------------------------------------------------ */

static uint64_t rng_state;

/* xorshift64*: reproducible from the seed, good enough to pick test inputs. */
static uint64_t rnd64(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned long rnd(unsigned long bound)
{
	return bound == 0 ? (unsigned long)rnd64() : (unsigned long)(rnd64() % bound);
}

static void rng_init(unsigned int stream)
{
	rng_state = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1U));
	if (rng_state == 0) {
		rng_state = 1;
	}
}

static void image_clear(struct pmp_image *img)
{
	memset(img, 0, sizeof(*img));
}

static void image_put(struct pmp_image *img, uint8_t cfg, unsigned long addr)
{
	img->cfg[img->count] = cfg;
	img->addr[img->count] = addr;
	img->count++;
}

/* Every slot compared, also those past count: an error must touch none. */
static bool same_image(const struct pmp_image *a, const struct pmp_image *b)
{
	if (a->count != b->count) {
		return false;
	}
	for (unsigned int i = 0; i < SLOTS; i++) {
		if (a->cfg[i] != b->cfg[i] || a->addr[i] != b->addr[i]) {
			return false;
		}
	}
	return true;
}

/* Highest address of the space, in bytes, and the unit that holds it. */
#define TOP (~0UL)

/* ---- Reference model ---------------------------------------------------- */

/* log2(grain) - 2: the spec's G. */
static unsigned int grain_g(void)
{
	unsigned int g = 0;

	while ((4UL << g) < GRAN) {
		g++;
	}
	return g;
}

static bool ref_loadable(const struct pmp_image *img)
{
	if (img->count > SLOTS) {
		return false;
	}
	for (unsigned int i = 0; i < img->count; i++) {
		if (GRAN > 4 && (img->cfg[i] & 0x18) == NA4) {
			return false; /* NA4 is not selectable when G >= 1 */
		}
	}
	return true;
}

/*
 * Does entry i match byte address a? Straight from the spec, one address at
 * a time: the entry compares address bits XLEN-1..2 with pmpaddr.
 */
static bool ref_entry_matches(const struct pmp_image *img, unsigned int i, unsigned long a)
{
	unsigned long y = a >> 2;
	unsigned long p = img->addr[i];
	unsigned long bottom;
	unsigned int g = grain_g();
	unsigned int k = 0;

	switch (img->cfg[i] & 0x18) {
	case TOR:
		/* pmpaddr[i-1] <= y < pmpaddr[i]; bits [G-1:0] do not take part. */
		bottom = i == 0 ? 0 : img->addr[i - 1];
		if (g >= 1) {
			bottom = bottom >> g << g;
			p = p >> g << g;
		}
		return bottom <= y && y < p;
	case NA4:
		return y == p;
	case NAPOT:
		if (g >= 2) {
			p |= (1UL << (g - 1)) - 1; /* bits [G-2:0] read as ones */
		}
		/* k trailing ones: a range of 2^(k+1) units sharing the bits above. */
		while (k < ULONG_BITS && ((p >> k) & 1UL) != 0) {
			k++;
		}
		if (k + 1 >= ULONG_BITS) {
			return true;
		}
		return (y >> (k + 1)) == (p >> (k + 1));
	default:
		return false; /* OFF */
	}
}

/* The lowest-numbered entry matching byte a, or -1. */
static int ref_first_match(const struct pmp_image *img, unsigned long a)
{
	for (unsigned int i = 0; i < img->count; i++) {
		if (ref_entry_matches(img, i, a)) {
			return (int)i;
		}
	}
	return -1;
}

static bool ref_grants(uint8_t cfg, uint8_t perm)
{
	bool r = (cfg & R) != 0;
	bool w = (cfg & W) != 0 && r; /* R=0, W=1 is reserved: no W */
	bool x = (cfg & X) != 0;

	return (!(perm & R) || r) && (!(perm & W) || w) && (!(perm & X) || x);
}

/* Brute force: every byte of the buffer, one after the other. */
static bool ref_allows(const struct pmp_image *img, unsigned long addr, unsigned long size,
		       uint8_t perm)
{
	if (size == 0) {
		return true;
	}
	if ((perm & ~7) != 0 || addr + (size - 1) < addr || !ref_loadable(img)) {
		return false;
	}
	for (unsigned long off = 0; off < size; off++) {
		int i = ref_first_match(img, addr + off);

		if (i < 0 || !ref_grants(img->cfg[i], perm)) {
			return false;
		}
	}
	return true;
}

/* ---- Directed encodings ------------------------------------------------- */

struct enc_row {
	unsigned long start, size;
	uint8_t perm;
	unsigned int n; /* entries expected */
	uint8_t cfg[2];
	unsigned long addr[2];
};

static const struct enc_row enc_rows[] = {
	/* NAPOT: (base >> 2) | (size / 8 - 1) */
	{ 0x80000000UL, 0x1000, R | W, 1, { 0x1b }, { 0x200001ffUL } },
	{ 0x80000000UL, 0x80000000UL, R | X, 1, { 0x1d }, { 0x2fffffffUL } },
	{ 0x00000000UL, 0x10000, R, 1, { 0x19 }, { 0x00001fffUL } },
	{ 0x80000008UL, 8, R, 1, { 0x19 }, { 0x20000002UL } },
	{ 0x80000010UL, 0x10, R | W, 1, { 0x1b }, { 0x20000005UL } },
	{ 0x80000000UL, 0x100, 0, 1, { 0x18 }, { 0x2000001fUL } },
	{ 0xfffff000UL, 0x1000, R | W, 1, { 0x1b }, { 0x3ffffdffUL } },
	{ 0xfffffff0UL, 0x10, R, 1, { 0x19 }, { 0x3ffffffdUL } },
	/* NA4: a naturally aligned 4-byte region */
	{ 0x80000004UL, 4, R | X, 1, { 0x15 }, { 0x20000001UL } },
	/* TOR: an OFF entry with the bottom, then the top */
	{ 0x80001000UL, 0x3000, R | W | X, 2, { 0x00, 0x0f }, { 0x20000400UL, 0x20001000UL } },
	{ 0x80001000UL, 0x2000, R, 2, { 0x00, 0x09 }, { 0x20000400UL, 0x20000c00UL } },
	{ 0x80000004UL, 8, R, 2, { 0x00, 0x09 }, { 0x20000001UL, 0x20000003UL } },
	{ 0x80000000UL, 0xc, R, 2, { 0x00, 0x09 }, { 0x20000000UL, 0x20000003UL } },
	/* at address 0 on an empty image: still 2, so the image can go anywhere */
	{ 0x00000000UL, 0x30, R | W, 2, { 0x00, 0x0b }, { 0x0UL, 0xcUL } },
	/* ending at 2^32: the top 0x40000000 still fits 32 bits */
	{ 0xffffe800UL, 0x1800, R, 2, { 0x00, 0x09 }, { 0x3ffffa00UL, 0x40000000UL } },
#if ULONG_MAX > 0xffffffffUL
	{ 0xfffffffffffff000UL, 0x1000, R | W, 1, { 0x1b }, { 0x3ffffffffffffdffUL } },
	{ 0x8000000000000000UL, 0x8000000000000000UL, R | W | X, 1, { 0x1f },
	  { 0x2fffffffffffffffUL } },
	{ 0x100000000UL, 0x100000000UL, R, 1, { 0x19 }, { 0x5fffffffUL } },
	{ 0xffffffff00000000UL, 0x100000000UL, R, 1, { 0x19 }, { 0x3fffffffdfffffffUL } },
	{ 0xffffffffffffe800UL, 0x1800, R, 2, { 0x00, 0x09 },
	  { 0x3ffffffffffffa00UL, 0x4000000000000000UL } },
	{ 0xfffffffffffffff0UL, 0xc, R, 2, { 0x00, 0x09 },
	  { 0x3ffffffffffffffcUL, 0x3fffffffffffffffUL } },
#endif /* ULONG_MAX > 0xffffffffUL */
};

static void test_encode_rows(unsigned int arg)
{
	(void)arg;
	for (size_t k = 0; k < ARRAY_SIZE(enc_rows); k++) {
		const struct enc_row *row = &enc_rows[k];
		struct pmp_region r = { row->start, row->size, row->perm };
		struct pmp_image img;

		snprintf(where, sizeof(where), "row %zu (start 0x%lx size 0x%lx)", k, r.start,
			 r.size);
		image_clear(&img);
		if ((r.start | r.size) % GRAN != 0) {
			CHECK_EQ(pmp_encode(&img, &r, 1, SLOTS), -EINVAL);
			CHECK_EQ(img.count, 0);
			continue;
		}
		CHECK_EQ(pmp_entries_needed(&img, &r, 1), row->n);
		CHECK_EQ(pmp_encode(&img, &r, 1, SLOTS), 0);
		CHECK_EQ(img.count, row->n);
		for (unsigned int i = 0; i < row->n && i < img.count; i++) {
			CHECK_EQ(img.cfg[i], row->cfg[i]);
			CHECK_EQ(img.addr[i], row->addr[i]);
		}
		CHECK(pmp_image_allows(&img, r.start, r.size, r.perm));
		CHECK(r.start == 0 || !pmp_image_allows(&img, r.start - 1, 1, 0));
		CHECK(r.size - 1 == TOP - r.start ||
		      !pmp_image_allows(&img, r.start + r.size, 1, 0));
	}
}

static void expect(const struct pmp_image *img, unsigned int i, uint8_t cfg, unsigned long addr,
		   int line)
{
	check_eq((long long)img->cfg[i], (long long)cfg, line, "cfg");
	check_eq((long long)img->addr[i], (long long)addr, line, "addr");
}

#define EXPECT(img, i, cfg, addr) expect((img), (i), (cfg), (addr), __LINE__)

/* TOR onto a TOR: the previous top is the new bottom, one entry. */
static void test_chain_tor(unsigned int arg)
{
	const struct pmp_region regs[] = {
		{ 0x80000000UL, 0x3000, R | W },
		{ 0x80003000UL, 0x300, R },
	};
	struct pmp_image img, one;

	(void)arg;
	image_clear(&img);
	CHECK_EQ(pmp_entries_needed(&img, regs, 2), 3);
	CHECK_EQ(pmp_encode(&img, regs, 2, SLOTS), 0);
	CHECK_EQ(img.count, 3);
	EXPECT(&img, 0, 0x00, 0x20000000UL);
	EXPECT(&img, 1, 0x0b, 0x20000c00UL);
	EXPECT(&img, 2, 0x09, 0x20000cc0UL);
	/* the same through two calls: the chain looks at the image itself */
	image_clear(&one);
	CHECK_EQ(pmp_encode(&one, &regs[0], 1, SLOTS), 0);
	CHECK_EQ(pmp_entries_needed(&one, &regs[1], 1), 1);
	CHECK_EQ(pmp_encode(&one, &regs[1], 1, SLOTS), 0);
	CHECK(same_image(&img, &one));
	CHECK(pmp_image_allows(&img, 0x80002ffcUL, 8, R));
	CHECK(!pmp_image_allows(&img, 0x80002ffcUL, 8, R | W));
	CHECK(pmp_image_allows(&img, 0x80000000UL, 0x3300, R));
	CHECK(!pmp_image_allows(&img, 0x80000000UL, 0x3301, R));
}

/*
 * TOR onto a NAPOT: the new bottom is the NAPOT's pmpaddr, inside the NAPOT
 * range (0x800007fc), not its end; the NAPOT, first, keeps those bytes.
 */
static void test_chain_napot(unsigned int arg)
{
	const struct pmp_region regs[] = {
		{ 0x80000000UL, 0x1000, R | W },
		{ 0x80001000UL, 0xc00, R },
	};
	struct pmp_image img;

	(void)arg;
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, regs, 2, SLOTS), 0);
	CHECK_EQ(img.count, 2);
	EXPECT(&img, 0, 0x1b, 0x200001ffUL);
	EXPECT(&img, 1, 0x09, 0x20000700UL);
	CHECK(pmp_image_allows(&img, 0x80000800UL, 0x10, R | W));
	CHECK(pmp_image_allows(&img, 0x800007f0UL, 0x20, R | W));
	CHECK(pmp_image_allows(&img, 0x80000000UL, 0x1c00, R));
	CHECK(!pmp_image_allows(&img, 0x80000000UL, 0x1c00, R | W));
	CHECK(pmp_image_allows(&img, 0x80000ffcUL, 8, R));
	CHECK(!pmp_image_allows(&img, 0x80000ffcUL, 8, W));
	CHECK(!pmp_image_allows(&img, 0x80001000UL, 4, W));
	CHECK(!pmp_image_allows(&img, 0x80001c00UL, 1, R));
	CHECK(!pmp_image_allows(&img, 0x7fffffffUL, 1, 0));
}

static void test_chain_na4(unsigned int arg)
{
	const struct pmp_region regs[] = {
		{ 0x80000004UL, 4, R },
		{ 0x80000008UL, 0xc, R | W },
	};
	struct pmp_image img;

	(void)arg;
	if (GRAN != 4) {
		return;
	}
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, regs, 2, SLOTS), 0);
	CHECK_EQ(img.count, 2);
	EXPECT(&img, 0, 0x11, 0x20000001UL);
	EXPECT(&img, 1, 0x0b, 0x20000005UL);
	CHECK(pmp_image_allows(&img, 0x80000004UL, 0x10, R));
	CHECK(!pmp_image_allows(&img, 0x80000004UL, 4, W));
	CHECK(pmp_image_allows(&img, 0x80000008UL, 0xc, R | W));
	CHECK(!pmp_image_allows(&img, 0x80000014UL, 1, 0));
}

/* No chain across a gap, backwards, onto an OFF entry; a chain onto a hand-made TOR. */
static void test_no_chain(unsigned int arg)
{
	const struct pmp_region gap[] = {
		{ 0x80000000UL, 0x3000, R | W },
		{ 0x80003100UL, 0x300, R },
	};
	const struct pmp_region backwards[] = {
		{ 0x80003000UL, 0x300, R },
		{ 0x80000000UL, 0x3000, R | W },
	};
	const struct pmp_region after = { 0x80000000UL, 0x300, R };
	struct pmp_image img;

	(void)arg;
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, gap, 2, SLOTS), 0);
	CHECK_EQ(img.count, 4);
	EXPECT(&img, 2, 0x00, 0x20000c40UL);
	EXPECT(&img, 3, 0x09, 0x20000d00UL);
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, backwards, 2, SLOTS), 0);
	CHECK_EQ(img.count, 4);
	/* an OFF entry holding exactly the start is not chained on */
	image_clear(&img);
	image_put(&img, 0x00, 0x20000000UL);
	CHECK_EQ(pmp_entries_needed(&img, &after, 1), 2);
	/* a TOR ending at the start is, even one this encoder did not write */
	image_clear(&img);
	image_put(&img, TOR | R, 0x20000000UL);
	CHECK_EQ(pmp_encode(&img, &after, 1, SLOTS), 0);
	CHECK_EQ(img.count, 2);
	EXPECT(&img, 1, 0x09, 0x200000c0UL);
	/* an empty TOR (bottom >= top) is not */
	image_clear(&img);
	image_put(&img, 0x00, 0x30000000UL);
	image_put(&img, TOR | R, 0x20000000UL);
	CHECK_EQ(pmp_entries_needed(&img, &after, 1), 2);
}

/* ---- Budgets and errors ------------------------------------------------- */

static void test_enospc(unsigned int arg)
{
	const struct pmp_region three[] = {
		{ 0x80000000UL, 0x3000, R | W },
		{ 0x80003000UL, 0x300, R },
	};
	const struct pmp_region napot = { 0x90000000UL, 0x1000, R };
	struct pmp_region tor;
	struct pmp_image img, before;

	(void)arg;
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, three, 2, 3), 0);
	image_clear(&img);
	CHECK_EQ(pmp_encode(&img, three, 2, 2), -ENOSPC);
	CHECK_EQ(img.count, 0);
	image_put(&img, NAPOT | R, 0x3fffUL);
	before = img;
	CHECK_EQ(pmp_encode(&img, three, 2, 3), -ENOSPC);
	CHECK(same_image(&img, &before));
	CHECK_EQ(pmp_encode(&img, three, 2, 4), 0);
	CHECK_EQ(img.count, 4);
	CHECK_EQ(pmp_encode(&img, NULL, 0, 4), 0);
	CHECK_EQ(pmp_encode(&img, &napot, 1, 4), -ENOSPC);

	/* Fill every slot: 2-entry TORs with gaps, a NAPOT for an odd count. */
	image_clear(&img);
	for (unsigned int i = 0; i + 2 <= SLOTS; i += 2) {
		tor = (struct pmp_region){ 0x80000000UL + i * 0x10000UL, 0x3000, R };
		CHECK_EQ(pmp_encode(&img, &tor, 1, 1000), 0);
	}
	if (SLOTS % 2 != 0) {
		CHECK_EQ(pmp_encode(&img, &napot, 1, SLOTS), 0);
	}
	CHECK_EQ(img.count, SLOTS);
	before = img;
	/* a max_entries past the slots means the slots */
	CHECK_EQ(pmp_encode(&img, &napot, 1, 1000), -ENOSPC);
	CHECK_EQ(pmp_encode(&img, &napot, 1, SLOTS), -ENOSPC);
	CHECK(same_image(&img, &before));
	CHECK_EQ(pmp_entries_needed(&img, &napot, 1), 1);
	/* an invalid region is reported as such even with no room left */
	tor.size = 0;
	CHECK_EQ(pmp_encode(&img, &tor, 1, SLOTS), -EINVAL);
	CHECK(same_image(&img, &before));
	/* an image already past max_entries takes nothing more */
	CHECK_EQ(pmp_encode(&img, NULL, 0, SLOTS), 0);
	CHECK_EQ(pmp_encode(&img, NULL, 0, SLOTS - 1U), -ENOSPC);
}

static void test_einval(unsigned int arg)
{
	const struct pmp_region bad[] = {
		{ 0x80000000UL, 0, R },                        /* size 0 */
		{ 0x80000002UL, 0x100, R },                    /* start off the grain */
		{ 0x80000000UL, 6, R },                        /* size off the grain */
		{ 0x80000000UL + GRAN / 2, 0x100, R },         /* start off the grain */
		{ 0x80000000UL, 0x100 + GRAN / 2, R },         /* size off the grain */
		{ TOP - 0xfffUL, 0x2000, R },                  /* wraps */
		{ TOP - (GRAN - 1), 2 * GRAN, R },             /* wraps by one grain */
		{ 2 * GRAN, TOP - (GRAN - 1), R },             /* wraps by one grain */
		{ 0x80000000UL, 0x100, 0x08 },                 /* A bits in perm */
		{ 0x80000000UL, 0x100, 0x18 },
		{ 0x80000000UL, 0x100, PMP_L | R },            /* L in perm */
		{ 0x80000000UL, 0x100, 0x40 },
		{ 0x80000000UL, 0x100, W },                    /* W without R */
		{ 0x80000000UL, 0x100, W | X },
	};
	const struct pmp_region good = { 0x80000000UL, 0x100, R };
	struct pmp_region pair[2];
	struct pmp_image img, before;

	(void)arg;
	image_clear(&img);
	image_put(&img, NAPOT | R | X, 0x200001ffUL);
	before = img;
	for (size_t k = 0; k < ARRAY_SIZE(bad); k++) {
		snprintf(where, sizeof(where), "bad[%zu]", k);
		CHECK_EQ(pmp_encode(&img, &bad[k], 1, SLOTS), -EINVAL);
		CHECK_EQ(pmp_entries_needed(&img, &bad[k], 1), -EINVAL);
		/* a valid region first must not be written either */
		pair[0] = good;
		pair[1] = bad[k];
		CHECK_EQ(pmp_encode(&img, pair, 2, SLOTS), -EINVAL);
		CHECK(same_image(&img, &before));
	}
	where[0] = '\0';
	/* an image no PMP can hold */
	img.count = SLOTS + 1;
	CHECK_EQ(pmp_encode(&img, &good, 1, SLOTS), -EINVAL);
	CHECK_EQ(pmp_entries_needed(&img, &good, 1), -EINVAL);
	CHECK(!pmp_image_allows(&img, 0x80000000UL, 4, 0));
	image_clear(&img);
	image_put(&img, NA4 | R, 0x20000001UL);
	CHECK_EQ(pmp_encode(&img, &good, 1, SLOTS), GRAN == 4 ? 0 : -EINVAL);
	CHECK_EQ(pmp_image_allows(&img, 0x80000004UL, 4, R), GRAN == 4);
	/* the largest valid regions do not wrap */
	image_clear(&img);
	pair[0] = (struct pmp_region){ GRAN, TOP - (2 * GRAN - 1), R };
	CHECK_EQ(pmp_encode(&img, pair, 1, SLOTS), 0);
	CHECK(pmp_image_allows(&img, GRAN, TOP - (2 * GRAN - 1), R));
	CHECK(pmp_image_allows(&img, TOP, 1, R) == false);
	image_clear(&img);
	pair[0] = (struct pmp_region){ GRAN, TOP - (GRAN - 1), R };
	CHECK_EQ(pmp_encode(&img, pair, 1, SLOTS), 0);
	CHECK(pmp_image_allows(&img, TOP, 1, R));
	CHECK(!pmp_image_allows(&img, 0, GRAN, 0));
}

/* ---- Directed matcher cases --------------------------------------------- */

static void test_match_basics(unsigned int arg)
{
	struct pmp_image img;

	(void)arg;
	image_clear(&img);
	CHECK(pmp_image_allows(&img, 0x1000, 0, R | W | X)); /* size 0 */
	CHECK(pmp_image_allows(&img, TOP, 0, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 1, 0));        /* no entry: refused */
	image_put(&img, 0x00, 0x400);
	image_put(&img, 0x00 | R | W | X, 0x800);            /* OFF, even with rights */
	CHECK(!pmp_image_allows(&img, 0x1000, 1, 0));
	/* TOR at index 0: bottom 0 */
	image_clear(&img);
	image_put(&img, TOR | R, 0x400);
	CHECK(pmp_image_allows(&img, 0, 0x1000, R));
	CHECK(!pmp_image_allows(&img, 0xfff, 2, R));
	CHECK(!pmp_image_allows(&img, 0, 1, W));
	/* bad perm bits, wrapping buffers: refused whatever the image */
	image_clear(&img);
	image_put(&img, NAPOT | R | W | X, TOP);
	CHECK(!pmp_image_allows(&img, 0, 4, 0x08));
	CHECK(!pmp_image_allows(&img, 0, 4, PMP_L | R));
	CHECK(!pmp_image_allows(&img, TOP - 3, 8, R));
	CHECK(!pmp_image_allows(&img, 2, TOP, R));
	CHECK(!pmp_image_allows(&img, TOP, TOP, R));
	/* all-ones NAPOT covers everything; so does 0111...1 */
	CHECK(pmp_image_allows(&img, 0, TOP, R | W | X));
	CHECK(pmp_image_allows(&img, 1, TOP, R | W | X)); /* ends at 2^XLEN: no wrap */
	CHECK(pmp_image_allows(&img, TOP, 1, R | W | X));
	img.addr[0] = TOP >> 1;
	CHECK(pmp_image_allows(&img, 0, TOP, R | W | X));
	CHECK(pmp_image_allows(&img, TOP - 7, 8, X));
	/* 1011...1: units from 2^(XLEN-1), bytes past 2^(XLEN+1): nothing reachable */
	img.addr[0] = TOP ^ (1UL << (ULONG_BITS - 2));
	CHECK(!pmp_image_allows(&img, TOP, 1, 0));
	CHECK(!pmp_image_allows(&img, 0, 1, 0));
	/* 00101...1: units [2^(XLEN-3), 2^(XLEN-2)), the top half of the byte space */
	img.addr[0] = (TOP >> 2) ^ (1UL << (ULONG_BITS - 4));
	CHECK(pmp_image_allows(&img, 1UL << (ULONG_BITS - 1), (TOP >> 1) + 1, R));
	CHECK(!pmp_image_allows(&img, (TOP >> 1) - 3, 8, R));
}

static void test_match_tor_bottoms(unsigned int arg)
{
	struct pmp_image img;

	(void)arg;
	/* bottom from an OFF entry */
	image_clear(&img);
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R | W, 0x800);
	CHECK(pmp_image_allows(&img, 0x1000, 0x1000, R | W));
	CHECK(!pmp_image_allows(&img, 0xffc, 8, R));
	CHECK(!pmp_image_allows(&img, 0x1ffc, 8, R));
	/* bottom from a NAPOT entry's raw pmpaddr (0x4ff: bytes 0x13fc), not its end */
	image_clear(&img);
	image_put(&img, NAPOT | R, 0x4ff); /* bytes [0x1000, 0x1800) */
	image_put(&img, TOR | R | W, 0x800); /* bytes [0x13fc, 0x2000), below 0x1800 shadowed */
	CHECK(pmp_image_allows(&img, 0x1000, 0x1000, R));
	CHECK(!pmp_image_allows(&img, 0x17fc, 8, W));
	CHECK(pmp_image_allows(&img, 0x1800, 0x800, R | W));
	CHECK(!pmp_image_allows(&img, 0x13fc, 4, W));
	/* a NAPOT pmpaddr above the TOR top leaves the TOR empty */
	image_clear(&img);
	image_put(&img, NAPOT | R, 0x47f); /* bytes [0x1000, 0x1400) */
	image_put(&img, TOR | R | W, 0x460);
	CHECK(pmp_image_allows(&img, 0x1000, 0x400, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 4, W));
	CHECK(!pmp_image_allows(&img, 0x1400, 4, R));
	/* bottom == top and bottom > top: empty */
	image_clear(&img);
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R, 0x400);
	image_put(&img, TOR | R, 0x300);
	CHECK(!pmp_image_allows(&img, 0xc00, 4, 0));
	CHECK(!pmp_image_allows(&img, 0x1000, 4, 0));
	/* a chain of TORs: each bottom is the previous top */
	image_clear(&img);
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R, 0x500);
	image_put(&img, TOR | R | W, 0x600);
	image_put(&img, TOR | R, 0x700);
	CHECK(pmp_image_allows(&img, 0x1000, 0xc00, R));
	CHECK(pmp_image_allows(&img, 0x1400, 0x400, R | W));
	CHECK(!pmp_image_allows(&img, 0x13ff, 2, W));
	CHECK(!pmp_image_allows(&img, 0x17ff, 2, W));
}

static void test_match_priority(unsigned int arg)
{
	struct pmp_image img;

	(void)arg;
	/* a small entry first, inside a larger one: it wins on its bytes */
	image_clear(&img);
	image_put(&img, NAPOT | R, 0x61f);       /* bytes [0x1800, 0x1900) */
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R | W, 0x800);     /* bytes [0x1000, 0x2000) */
	CHECK(pmp_image_allows(&img, 0x1000, 0x1000, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x1000, W));
	CHECK(pmp_image_allows(&img, 0x1000, 0x800, R | W));
	CHECK(pmp_image_allows(&img, 0x1900, 0x700, R | W));
	CHECK(!pmp_image_allows(&img, 0x17fc, 8, W));
	CHECK(!pmp_image_allows(&img, 0x18fc, 8, W));
	/* the same two the other way round: the large one hides the small */
	image_clear(&img);
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R | W, 0x800);
	image_put(&img, NAPOT | R, 0x61f);
	CHECK(pmp_image_allows(&img, 0x1000, 0x1000, R | W));
	/* straddling two entries: the rights both give */
	image_clear(&img);
	image_put(&img, NAPOT | R | W, 0x41f);   /* [0x1000, 0x1100) */
	image_put(&img, NAPOT | R | X, 0x45f);   /* [0x1100, 0x1200) */
	image_put(&img, NAPOT | R, 0x4df);       /* [0x1300, 0x1400), after a gap */
	CHECK(pmp_image_allows(&img, 0x10fc, 8, R));
	CHECK(!pmp_image_allows(&img, 0x10fc, 8, W));
	CHECK(!pmp_image_allows(&img, 0x10fc, 8, X));
	CHECK(pmp_image_allows(&img, 0x1000, 0x200, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x201, R));
	CHECK(!pmp_image_allows(&img, 0x11fc, 0x108, R));
	/* many pieces: every slot a 16-byte NAPOT tile, one tile without W */
	image_clear(&img);
	for (unsigned int i = 0; i < SLOTS; i++) {
		image_put(&img, (uint8_t)(NAPOT | R | (i == SLOTS / 2 ? 0 : W)),
			  (0x1000UL + 16UL * i) / 4 | 1);
	}
	CHECK(pmp_image_allows(&img, 0x1000, 16UL * SLOTS, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 16UL * SLOTS, R | W));
	CHECK(pmp_image_allows(&img, 0x1000, 16UL * (SLOTS / 2), R | W));
	CHECK(!pmp_image_allows(&img, 0x1000, 16UL * SLOTS + 1, R));
}

static void test_match_rights(unsigned int arg)
{
	struct pmp_image img;

	(void)arg;
	/* the lock bit does not change a U-mode check */
	image_clear(&img);
	image_put(&img, PMP_L | NAPOT | R, 0x41f);
	CHECK(pmp_image_allows(&img, 0x1000, 0x100, R));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x100, W));
	/* reserved W-without-R: matches, grants no W */
	img.cfg[0] = NAPOT | W;
	CHECK(pmp_image_allows(&img, 0x1000, 0x100, 0));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x100, W));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x100, R));
	img.cfg[0] = NAPOT | W | X;
	CHECK(pmp_image_allows(&img, 0x1000, 0x100, X));
	CHECK(!pmp_image_allows(&img, 0x1000, 0x100, W | X));
	/* no rights: matched, nothing granted, and it shadows later entries */
	img.cfg[0] = NAPOT;
	image_put(&img, NAPOT | R | W | X, TOP);
	CHECK(!pmp_image_allows(&img, 0x1000, 4, R));
	CHECK(pmp_image_allows(&img, 0xffc, 4, R | W | X));
	/* NA4 */
	if (GRAN == 4) {
		image_clear(&img);
		image_put(&img, NA4 | R | W, 0x401); /* [0x1004, 0x1008) */
		CHECK(pmp_image_allows(&img, 0x1004, 4, R | W));
		CHECK(!pmp_image_allows(&img, 0x1003, 2, R));
		CHECK(!pmp_image_allows(&img, 0x1007, 2, R));
	}
}

/* With a grain of 16 bytes: TOR ignores pmpaddr[1:0], NAPOT reads pmpaddr[0] as one. */
static void test_match_grain(unsigned int arg)
{
	struct pmp_image img;

	(void)arg;
	if (GRAN != 16) {
		return;
	}
	image_clear(&img);
	image_put(&img, 0x00, 0x401);
	image_put(&img, TOR | R, 0x807); /* bytes [0x1000, 0x2010) */
	CHECK(pmp_image_allows(&img, 0x1000, 0x1010, R));
	CHECK(!pmp_image_allows(&img, 0xfff, 1, R));
	CHECK(!pmp_image_allows(&img, 0x2010, 1, R));
	image_clear(&img);
	image_put(&img, NAPOT | R, 0x400); /* 0x401: bytes [0x1000, 0x1010) */
	CHECK(pmp_image_allows(&img, 0x1000, 0x10, R));
	CHECK(!pmp_image_allows(&img, 0x1010, 1, R));
}

/* Huge buffers cost entries, not bytes. */
static void test_match_huge(unsigned int arg)
{
	struct pmp_image img;
	unsigned long half = 1UL << (ULONG_BITS - 1);

	(void)arg;
	image_clear(&img);
	image_put(&img, NAPOT | R, (half >> 2) | ((half >> 3) - 1)); /* the top half */
	image_put(&img, 0x00, 0x400);
	image_put(&img, TOR | R | W, half >> 2);                       /* [0x1000, half) */
	CHECK(pmp_image_allows(&img, 0x1000, TOP - 0xfff, R));
	CHECK(!pmp_image_allows(&img, 0x1000, TOP - 0xfff, W));
	CHECK(pmp_image_allows(&img, 0x1000, half - 0x1000, R | W));
	CHECK(!pmp_image_allows(&img, 0xfff, TOP - 0xffe, R));
	CHECK(pmp_image_allows(&img, half, half, R));
}

/* ---- Randomized --------------------------------------------------------- */

/* Windows where the random images and buffers live, in units of 4 bytes. */
static unsigned long window_base(unsigned int kind)
{
	switch (kind) {
	case 0:
		return 0;                          /* TOR at index 0, address 0 */
	case 1:
		return 0x20000000UL;               /* 0x80000000, RAM on QEMU virt */
	case 2:
		return 0x3fffffc0UL;               /* across 2^32 (the 32-bit top) */
	case 3:
		return (TOP >> 2) - 0x7f;          /* the top of the address space */
	default:
		return rnd(TOP >> 2) & ~(GRAN / 4 - 1); /* anywhere, high units too */
	}
}

#define WINDOW_UNITS 0x80UL

static unsigned long random_napot(unsigned long u)
{
	unsigned int k = (unsigned int)rnd(8);

	if (rnd(40) == 0) {
		return rnd(2) ? TOP : TOP >> 1;
	}
	return (u & ~((2UL << k) - 1)) | ((1UL << k) - 1);
}

static void random_image(struct pmp_image *img, unsigned long base)
{
	bool sorted = rnd(2) == 0;
	unsigned long u = base;

	image_clear(img);
	img->count = (uint8_t)rnd(SLOTS + 1UL);
	for (unsigned int i = 0; i < img->count; i++) {
		uint8_t mode = (uint8_t)(rnd(4) << 3);

		if (mode == NA4 && GRAN > 4 && rnd(8) != 0) {
			mode = NAPOT; /* keep most images loadable */
		}
		u = sorted ? u + rnd(WINDOW_UNITS / SLOTS * 2) : base + rnd(WINDOW_UNITS);
		img->cfg[i] = (uint8_t)(mode | rnd(8) | (rnd(8) == 0 ? PMP_L : 0));
		img->addr[i] = mode == NAPOT ? random_napot(u) : u;
	}
}

/* A buffer around the window: some wrap, most are small, some straddle. */
static void random_buffer(unsigned long base, unsigned long *addr, unsigned long *size)
{
	*addr = (base + rnd(WINDOW_UNITS + 16)) * 4 - 32 + rnd(4);
	*size = rnd(4) == 0 ? rnd(16) : rnd(4 * WINDOW_UNITS);
	if (rnd(16) == 0) {
		*addr = TOP - rnd(64);
		*size = rnd(128);
	}
}

static bool compare_allows(const struct pmp_image *img, unsigned long addr, unsigned long size,
			   uint8_t perm, unsigned int *trues)
{
	bool want = ref_allows(img, addr, size, perm);
	bool got = pmp_image_allows(img, addr, size, perm);

	*trues += want ? 1U : 0U;
	return check_img(got == want, __LINE__, img,
		     "allows(0x%lx, 0x%lx, %u) = %d, reference says %d", addr, size,
		     (unsigned int)perm, got, want);
}

/* allows(a, n) must equal allows(a, k) && allows(a + k, n - k). */
static void check_split(const struct pmp_image *img, unsigned long addr, unsigned long size,
			uint8_t perm)
{
	unsigned long k = rnd(size + 1 == 0 ? 0 : size + 1);
	bool whole, parts;

	if (size != 0 && addr + (size - 1) < addr) {
		return; /* wraps: the parts may not */
	}
	whole = pmp_image_allows(img, addr, size, perm);
	parts = pmp_image_allows(img, addr, k, perm) &&
		pmp_image_allows(img, addr + k, size - k, perm);
	check_img(whole == parts, __LINE__, img, "allows(0x%lx, 0x%lx, %u) = %d but split at 0x%lx %d",
	      addr, size, (unsigned int)perm, whole, k, parts);
}

static void test_random_images(unsigned int kind)
{
	struct pmp_image img;
	unsigned long addr, size, base;
	unsigned int trues = 0, total = 0;

	rng_init(kind);
	for (unsigned int iter = 0; iter < 1500 && case_failures == 0; iter++) {
		base = window_base(kind);
		random_image(&img, base);
		for (unsigned int j = 0; j < 24; j++) {
			uint8_t perm = (uint8_t)rnd(8);

			random_buffer(base, &addr, &size);
			snprintf(where, sizeof(where), "iter %u buffer %u", iter, j);
			compare_allows(&img, addr, size, perm, &trues);
			check_split(&img, addr, (unsigned long)rnd(0) >> rnd(ULONG_BITS), perm);
			total++;
		}
	}
	where[0] = '\0';
	/* Invariant: the inputs exercise both answers, or the test proves little. */
	check_img(trues * 20 > total && trues * 20 < total * 19, __LINE__, NULL,
	      "only %u of %u buffers allowed", trues, total);
}

static const uint8_t valid_perms[] = { 0, R, R | W, R | X, R | W | X, X };

/* Non-overlapping regions from byte 'at', often touching, often NAPOT-able. */
static size_t random_regions(struct pmp_region *regs, size_t max, unsigned long at)
{
	size_t n = 0;
	unsigned int min_log = GRAN == 4 ? 2 : (GRAN == 8 ? 3 : grain_g() + 2);

	while (n < max) {
		unsigned long gap = rnd(5) < 2 ? 0 : rnd(8) * GRAN;
		unsigned long start = at + gap, size;

		if (rnd(5) < 2) {
			size = 1UL << (min_log + rnd(10));
			start = (start + size - 1) & ~(size - 1);
		} else {
			size = (1 + rnd(64)) * GRAN;
		}
		if (rnd(20) == 0) {
			size = TOP - start + 1; /* to the very top */
		}
		if (start < at || size == 0 || size - 1 > TOP - start) {
			break;
		}
		regs[n++] = (struct pmp_region){ start, size, valid_perms[rnd(6)] };
		if (size - 1 == TOP - start) {
			break;
		}
		at = start + size;
	}
	return n;
}

static void shuffle(struct pmp_region *regs, size_t n)
{
	for (size_t k = n; k > 1; k--) {
		size_t j = rnd(k);
		struct pmp_region t = regs[k - 1];

		regs[k - 1] = regs[j];
		regs[j] = t;
	}
}

/* Region r, encoded in entries [first, last], is what the image grants on its bytes. */
static void check_exact(const struct pmp_image *img, const struct pmp_region *r,
			unsigned int first, unsigned int last)
{
	unsigned long end = r->start + (r->size - 1);
	unsigned long samples[4] = { r->start, end, r->start + rnd(r->size), end - rnd(r->size) };
	int i;

	check_img(pmp_image_allows(img, r->start, r->size, r->perm), __LINE__, img,
	      "region 0x%lx+0x%lx perm %u refused", r->start, r->size, (unsigned int)r->perm);
	for (uint8_t bit = R; bit <= X; bit = (uint8_t)(bit << 1)) {
		bool extra = (r->perm & bit) == 0;

		check_img(!extra || !pmp_image_allows(img, r->start, r->size, r->perm | bit),
			  __LINE__, img, "region 0x%lx+0x%lx perm %u allows %u", r->start, r->size,
			  (unsigned int)r->perm, (unsigned int)bit);
	}
	for (size_t k = 0; k < ARRAY_SIZE(samples); k++) {
		i = ref_first_match(img, samples[k]);
		check_img(i >= (int)first && i <= (int)last, __LINE__, img,
		      "byte 0x%lx of region 0x%lx+0x%lx first-matched by entry %d", samples[k],
		      r->start, r->size, i);
	}
	i = r->start == 0 ? -1 : ref_first_match(img, r->start - 1);
	check_img(i < (int)first || i > (int)last, __LINE__, img,
	      "byte 0x%lx below region 0x%lx+0x%lx matched by its entry %d", r->start - 1,
	      r->start, r->size, i);
	i = end == TOP ? -1 : ref_first_match(img, end + 1);
	check_img(i < (int)first || i > (int)last, __LINE__, img,
	      "byte 0x%lx above region 0x%lx+0x%lx matched by its entry %d", end + 1, r->start,
	      r->size, i);
}

static void test_random_encode(unsigned int kind)
{
	struct pmp_region regs[SLOTS + 4];
	struct pmp_image all, one, before;
	unsigned int first[SLOTS + 4];
	unsigned int trues = 0;
	size_t n, fitted;
	int needed, rc;

	rng_init(100 + kind);
	for (unsigned int iter = 0; iter < 1500 && case_failures == 0; iter++) {
		unsigned long base = window_base(kind);

		snprintf(where, sizeof(where), "iter %u", iter);
		n = random_regions(regs, 1 + rnd(ARRAY_SIZE(regs)), base * 4);
		if (rnd(3) == 0) {
			shuffle(regs, n); /* still disjoint, seldom chained */
		}
		image_clear(&all);
		needed = pmp_entries_needed(&all, regs, n);
		rc = pmp_encode(&all, regs, n, SLOTS);
		CHECK_EQ(rc, needed <= SLOTS ? 0 : -ENOSPC);
		CHECK_EQ(all.count, needed <= SLOTS ? needed : 0);
		/* one region per call, until the slots run out */
		image_clear(&one);
		for (fitted = 0; fitted < n; fitted++) {
			int more = pmp_entries_needed(&one, &regs[fitted], 1);

			before = one;
			first[fitted] = one.count;
			rc = pmp_encode(&one, &regs[fitted], 1, SLOTS);
			if (rc == -ENOSPC) {
				CHECK(one.count + more > SLOTS);
				CHECK(same_image(&one, &before));
				break;
			}
			CHECK_EQ(rc, 0);
			CHECK_EQ(one.count, before.count + more);
		}
		CHECK(needed > SLOTS || (fitted == n && same_image(&all, &one)));
		for (size_t k = 0; k < fitted; k++) {
			unsigned int last = (k + 1 < fitted ? first[k + 1] : one.count) - 1U;

			check_exact(&one, &regs[k], first[k], last);
		}
		for (unsigned int j = 0; j < 8; j++) {
			unsigned long addr, size;

			random_buffer(base, &addr, &size);
			compare_allows(&one, addr, size, valid_perms[rnd(6)], &trues);
		}
	}
	where[0] = '\0';
	CHECK(trues > 100);
}

/* Overlapping regions in random order: the encoder's output, compared only. */
static void test_random_overlap(unsigned int kind)
{
	struct pmp_region regs[SLOTS];
	struct pmp_image img;
	unsigned int trues = 0;

	rng_init(200 + kind);
	for (unsigned int iter = 0; iter < 1500 && case_failures == 0; iter++) {
		unsigned long base = window_base(kind);
		size_t n = rnd(SLOTS);

		snprintf(where, sizeof(where), "iter %u", iter);
		for (size_t k = 0; k < n; k++) {
			unsigned long at = (base + rnd(WINDOW_UNITS)) * 4 & ~(GRAN - 1);
			size_t got = random_regions(&regs[k], 1, at);

			if (got == 0) {
				n = k;
				break;
			}
		}
		image_clear(&img);
		if (pmp_encode(&img, regs, n, SLOTS) != 0) {
			continue;
		}
		for (unsigned int j = 0; j < 16; j++) {
			unsigned long addr, size;

			random_buffer(base, &addr, &size);
			compare_allows(&img, addr, size, valid_perms[rnd(6)], &trues);
		}
	}
	where[0] = '\0';
	CHECK(trues > 100);
}

int main(void)
{
	const char *env = getenv("PMP_TEST_SEED");

	if (env != NULL) {
		seed = strtoull(env, NULL, 0);
	}
	unit_failed_case_hook = print_seed;
	printf("PMP: %u slots, %lu-byte grain, %u-bit unsigned long\n", SLOTS, GRAN, ULONG_BITS);
	run_case("encode_rows", test_encode_rows, 0);
	run_case("chain_tor", test_chain_tor, 0);
	run_case("chain_napot", test_chain_napot, 0);
	run_case("chain_na4", test_chain_na4, 0);
	run_case("no_chain", test_no_chain, 0);
	run_case("enospc", test_enospc, 0);
	run_case("einval", test_einval, 0);
	run_case("match_basics", test_match_basics, 0);
	run_case("match_tor_bottoms", test_match_tor_bottoms, 0);
	run_case("match_priority", test_match_priority, 0);
	run_case("match_rights", test_match_rights, 0);
	run_case("match_grain", test_match_grain, 0);
	run_case("match_huge", test_match_huge, 0);
	for (unsigned int kind = 0; kind < 5; kind++) {
		run_case("random_images", test_random_images, kind);
		run_case("random_encode", test_random_encode, kind);
		run_case("random_overlap", test_random_overlap, kind);
	}
	return unit_summary();
}
