/*
 * PMP image encoder and software matcher (API and contracts in
 * pmp_encode.h). Pure functions on an image the caller owns and protects;
 * called by pmp.c when a domain changes and by arch_buffer_validate() on
 * every syscall that takes a buffer.
 *
 * Invariants:
 * - Decode, then perform: pmp_encode() runs plan() over all regions, which
 *   validates each one and counts the entries they need, and checks the room
 *   left, before writing a single entry. An invalid region can therefore
 *   never be encoded, and an error leaves the image unchanged.
 * - The encoder and the matcher share one decoder, entry_range(), so what
 *   the encoder believes an entry covers (to chain a TOR onto it) is what
 *   the matcher and the hardware see.
 *
 * All ranges are computed in units of 4 bytes, the unit pmpaddr counts in,
 * and kept as inclusive [lo, hi] pairs: a region ending at 2^XLEN, or a
 * NAPOT entry covering everything, then needs no wider type.
 *
 * The matcher answers byte by byte, which is what a syscall needs before the
 * kernel touches a buffer. A single wide hardware access that straddles two
 * entries faults even where both grant it (an entry must match all bytes of
 * an access); that is the user's own access, not the kernel's concern here.
 */
#include <errno.h>
#include <pmp_encode.h>

_Static_assert(CONFIG_PMP_GRANULARITY >= 4 &&
		       (CONFIG_PMP_GRANULARITY & (CONFIG_PMP_GRANULARITY - 1)) == 0,
	       "CONFIG_PMP_GRANULARITY must be a power of two >= 4");
_Static_assert(CONFIG_PMP_SLOTS >= 1 && CONFIG_PMP_SLOTS <= 64,
	       "the privileged spec allows 0 to 64 PMP entries; an image needs one");

#define GRAIN ((unsigned long)CONFIG_PMP_GRANULARITY)
/* The pmpaddr bits below the grain: 2^G - 1 for a grain of 2^(G+2) bytes. */
#define GRAIN_UNIT_MASK (GRAIN / 4 - 1)
#define INT_LIMIT ((size_t)(~0U >> 1))

/*
 * Whether some PMP could hold the image as it is. With a grain above 4 bytes
 * NA4 is not selectable (the write would turn into something else), so the
 * matcher refuses rather than guess.
 */
static bool image_is_loadable(const struct pmp_image *img)
{
	if (img->count > CONFIG_PMP_SLOTS) {
		return false;
	}
	if (CONFIG_PMP_GRANULARITY > 4) {
		for (size_t i = 0; i < img->count; i++) {
			if ((img->cfg[i] & PMP_A_MASK) == PMP_A_NA4) {
				return false;
			}
		}
	}
	return true;
}

/*
 * The units [*lo, *hi] that entry i matches, decoded as the hardware does;
 * false when it matches nothing (OFF, or a TOR whose bottom is not below its
 * top).
 */
static bool entry_range(const struct pmp_image *img, size_t i, unsigned long *lo,
			unsigned long *hi)
{
	unsigned long a = img->addr[i];
	unsigned long bottom, mask;

	switch (img->cfg[i] & PMP_A_MASK) {
	case PMP_A_TOR:
		/*
		 * The bottom is the previous pmpaddr whatever that entry's mode.
		 * Bits below the grain take no part in TOR matching, on either
		 * bound.
		 */
		bottom = i == 0 ? 0 : img->addr[i - 1] & ~GRAIN_UNIT_MASK;
		a &= ~GRAIN_UNIT_MASK;
		if (bottom >= a) {
			return false;
		}
		*lo = bottom;
		*hi = a - 1;
		return true;
	case PMP_A_NA4:
		*lo = a;
		*hi = a;
		return true;
	case PMP_A_NAPOT:
		/* With a grain of 16 bytes or more the low G-1 bits read as ones. */
		a |= GRAIN_UNIT_MASK >> 1;
		/*
		 * a ^ (a + 1) keeps the trailing ones and the zero above them:
		 * the offset mask of the range (all ones when a is all ones).
		 */
		mask = a ^ (a + 1);
		*lo = a & ~mask;
		*hi = a | mask;
		return true;
	default:
		return false;
	}
}

/* The rights an entry gives U-mode; the reserved W-without-R gives no W. */
static uint8_t entry_rights(uint8_t cfg)
{
	uint8_t rights = cfg & PMP_RWX;

	if ((rights & PMP_R) == 0) {
		rights &= (uint8_t)~PMP_W;
	}
	return rights;
}

static int check_region(const struct pmp_region *r)
{
	if (r->size == 0 || r->start % GRAIN != 0 || r->size % GRAIN != 0) {
		return -EINVAL;
	}
	/* start + size may reach 2^XLEN but not pass it. */
	if (r->size - 1 > ~0UL - r->start) {
		return -EINVAL;
	}
	if ((r->perm & ~PMP_RWX) != 0 || (r->perm & (PMP_R | PMP_W)) == PMP_W) {
		return -EINVAL;
	}
	return 0;
}

/* A naturally aligned power of two NAPOT (>= 8 bytes) or NA4 can express. */
static bool is_napot(const struct pmp_region *r)
{
	bool pow2 = (r->size & (r->size - 1)) == 0;

	return pow2 && (r->start & (r->size - 1)) == 0 && (r->size >= 8 || r->size == 4);
}

/*
 * Where the image's last entry ends (one unit past its last), if a TOR entry
 * appended now could take it as its bottom. That bottom is the last pmpaddr:
 * a TOR's top, which is its end; or, for NAPOT and NA4, a unit inside the
 * entry's own range, whose units below the end stay that entry's because the
 * lower index wins. So the new TOR covers exactly [end, its top).
 */
static bool chain_end(const struct pmp_image *img, unsigned long *end)
{
	unsigned long lo, hi;

	if (img->count == 0 || !entry_range(img, img->count - 1U, &lo, &hi) || hi == ~0UL) {
		return false;
	}
	*end = hi + 1;
	return true;
}

/*
 * Entries region r needs after an image whose chainable end is *end (when
 * *chain); moves both on to the end of r, since r's last entry always ends
 * at r's end.
 */
static unsigned int region_entries(const struct pmp_region *r, bool *chain, unsigned long *end)
{
	unsigned long start = r->start >> 2;
	unsigned int entries = 2;

	if (is_napot(r) || (*chain && *end == start)) {
		entries = 1;
	}
	*chain = true;
	*end = start + (r->size >> 2);
	return entries;
}

/* Validate every region and count the entries; writes nothing. */
static int plan(const struct pmp_image *img, const struct pmp_region *regions, size_t n,
		size_t *needed)
{
	unsigned long end = 0;
	bool chain;
	size_t count = 0;

	if (!image_is_loadable(img)) {
		return -EINVAL;
	}
	chain = chain_end(img, &end);
	for (size_t i = 0; i < n; i++) {
		int err = check_region(&regions[i]);

		if (err != 0) {
			return err;
		}
		count += region_entries(&regions[i], &chain, &end);
	}
	*needed = count;
	return 0;
}

static void put(struct pmp_image *img, uint8_t cfg, unsigned long addr)
{
	img->cfg[img->count] = cfg;
	img->addr[img->count] = addr;
	img->count++;
}

static void append_region(struct pmp_image *img, const struct pmp_region *r,
			  unsigned int entries)
{
	unsigned long start = r->start >> 2;
	unsigned long units = r->size >> 2;

	if (is_napot(r) && r->size == 4) {
		put(img, PMP_A_NA4 | r->perm, start);
	} else if (is_napot(r)) {
		/* (base >> 2) | (size / 8 - 1): the size in the trailing ones. */
		put(img, PMP_A_NAPOT | r->perm, start | (units / 2 - 1));
	} else {
		if (entries == 2) {
			put(img, PMP_A_OFF, start);
		}
		put(img, PMP_A_TOR | r->perm, start + units);
	}
}

int pmp_encode(struct pmp_image *img, const struct pmp_region *regions, size_t n,
	       size_t max_entries)
{
	size_t limit = max_entries < CONFIG_PMP_SLOTS ? max_entries : CONFIG_PMP_SLOTS;
	size_t needed;
	unsigned long end = 0;
	bool chain;
	int err;

	err = plan(img, regions, n, &needed);
	if (err != 0) {
		return err;
	}
	if (needed > limit || img->count > limit - needed) {
		return -ENOSPC;
	}
	/* Invariant: from here on nothing can fail, so no partial image. */
	chain = chain_end(img, &end);
	for (size_t i = 0; i < n; i++) {
		append_region(img, &regions[i], region_entries(&regions[i], &chain, &end));
	}
	return 0;
}

int pmp_entries_needed(const struct pmp_image *img, const struct pmp_region *regions, size_t n)
{
	size_t needed;
	int err = plan(img, regions, n, &needed);

	if (err != 0) {
		return err;
	}
	return needed > INT_LIMIT ? -ENOSPC : (int)needed;
}

/*
 * Find the lowest-numbered entry matching unit u; true if it grants perm.
 * *piece_end is then the last unit up to which that entry stays the first
 * match: its own end, or just before an entry of higher priority starts.
 */
static bool first_match_grants(const struct pmp_image *img, unsigned long u, uint8_t perm,
			       unsigned long *piece_end)
{
	unsigned long lo, hi, stop = ~0UL;

	for (size_t i = 0; i < img->count; i++) {
		if (!entry_range(img, i, &lo, &hi) || hi < u) {
			continue;
		}
		if (lo > u) {
			stop = lo - 1 < stop ? lo - 1 : stop;
			continue;
		}
		if ((entry_rights(img->cfg[i]) & perm) != perm) {
			return false;
		}
		*piece_end = hi < stop ? hi : stop;
		return true;
	}
	return false;
}

bool pmp_image_allows(const struct pmp_image *img, unsigned long addr, unsigned long size,
		      uint8_t perm)
{
	unsigned long u, last, piece_end;

	if (size == 0) {
		return true;
	}
	if ((perm & ~PMP_RWX) != 0 || size - 1 > ~0UL - addr || !image_is_loadable(img)) {
		return false;
	}
	/*
	 * Walk the buffer piece by piece, each piece one first-matching entry.
	 * Every piece ends at an entry boundary, so there are at most
	 * 2 * count + 1 of them whatever the size.
	 */
	u = addr >> 2;
	last = (addr + (size - 1)) >> 2;
	for (;;) {
		if (!first_match_grants(img, u, perm, &piece_end)) {
			return false;
		}
		if (piece_end >= last) {
			return true;
		}
		u = piece_end + 1;
	}
}
