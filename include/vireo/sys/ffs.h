/*
 * Find the most and least significant set bit of a 32-bit word (Zephyr's
 * find_msb_set/find_lsb_set, arch/common/ffs.h). Bit numbers are 1-based;
 * 0 means no bit is set.
 *
 * With the Zbb extension the compiler turns the builtins into one clz/ctz
 * instruction. Without it GCC would call libgcc's __clzsi2/__ffssi2, which
 * pull in a 256-byte lookup table, so the search is written out instead: a
 * five-step binary search for the msb, and for the lsb (the scheduler's
 * hot path) a de Bruijn multiply with a 32-byte table.
 */
#ifndef VIREO_INCLUDE_SYS_FFS_H_
#define VIREO_INCLUDE_SYS_FFS_H_

#include <stdint.h>

#if defined(__riscv) && !defined(__riscv_zbb)

/**
 * @brief Find the most significant bit set in a 32-bit word.
 *
 * @param op the word to search
 * @return 1-based index of the highest set bit (32 for 0x80000000), or 0
 * when @p op is 0.
 */
static inline unsigned int find_msb_set(uint32_t op)
{
	unsigned int msb = 0;

	if (op == 0U) {
		return 0;
	}
	/* Invariant: the answer is msb + (1-based msb of the remaining op). */
	if (op >= (1UL << 16)) {
		msb += 16U;
		op >>= 16;
	}
	if (op >= (1UL << 8)) {
		msb += 8U;
		op >>= 8;
	}
	if (op >= (1UL << 4)) {
		msb += 4U;
		op >>= 4;
	}
	if (op >= (1UL << 2)) {
		msb += 2U;
		op >>= 2;
	}
	/* op is now 1, 2 or 3: its msb is 1 or 2. */
	return msb + ((op >= 2U) ? 2U : 1U);
}

/**
 * @brief Find the least significant bit set in a 32-bit word.
 *
 * @param op the word to search
 * @return 1-based index of the lowest set bit (1 for odd values), or 0
 * when @p op is 0.
 */
static inline unsigned int find_lsb_set(uint32_t op)
{
#ifdef __riscv_mul
	/*
	 * The scheduler calls this on every switch: a de Bruijn sequence
	 * makes it a multiply and a table read. Multiplying the isolated
	 * lowest bit 2^k by 0x077CB531 puts a different 5-bit pattern in the
	 * top bits for each k; the table maps the pattern back to k + 1.
	 */
	static const uint8_t lsb_from_pattern[32] = {
		1, 2, 29, 3, 30, 15, 25, 4, 31, 23, 21, 16, 26, 18, 5, 9,
		32, 28, 14, 24, 22, 20, 17, 8, 27, 13, 19, 7, 12, 6, 11, 10,
	};

	if (op == 0U) {
		return 0;
	}
	return lsb_from_pattern[((op & (0U - op)) * 0x077CB531U) >> 27];
#else
	/* op & -op keeps only the lowest set bit (two's complement). */
	return find_msb_set(op & (0U - op));
#endif /* __riscv_mul */
}

#else /* !(__riscv && !__riscv_zbb) */

static inline unsigned int find_msb_set(uint32_t op)
{
	if (op == 0U) {
		return 0;
	}
	return 32U - (unsigned int)__builtin_clz(op);
}

static inline unsigned int find_lsb_set(uint32_t op)
{
	return (unsigned int)__builtin_ffs((int)op);
}

#endif /* __riscv && !__riscv_zbb */

#endif /* VIREO_INCLUDE_SYS_FFS_H_ */
