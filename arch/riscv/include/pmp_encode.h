/*
 * PMP images, private to arch/riscv: turning memory regions into
 * pmpcfg/pmpaddr values, and answering "may user mode touch this buffer?"
 * from such an image the way the hardware would.
 *
 * Portable C on purpose (no CSR access, no kernel header) so the encoder and
 * the matcher are tested on the host, in tests/unit/pmp. arch/riscv/core/pmp.c
 * builds the images and writes them into the PMP; arch_buffer_validate()
 * asks pmp_image_allows() about the calling thread's image. The functions
 * keep no state: whoever owns an image serializes access to it.
 *
 * Invariants:
 * - An invalid region can never be encoded: pmp_encode() checks every region
 *   (size, granularity, wrap-around, rights) and the room left before it
 *   writes anything, so any error leaves the image exactly as it was.
 * - An image never holds more than CONFIG_PMP_SLOTS entries.
 * - An image built by pmp_encode() alone never starts with a TOR entry, so
 *   it means the same wherever in the PMP it is loaded.
 *
 * Register width: pmpaddr values are unsigned long (XLEN bits) and hold an
 * address shifted right by 2, so a region may end exactly at the top of the
 * address space: the TOR top 2^XLEN >> 2 fits. On RV64 the hardware keeps
 * only bits 55:2 of a physical address; regions are physical memory, which
 * never lies above that.
 */
#ifndef VIREO_ARCH_RISCV_PMP_ENCODE_H_
#define VIREO_ARCH_RISCV_PMP_ENCODE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Normally from the generated autoconf.h; host tests pass -D. */
#ifndef CONFIG_PMP_SLOTS
#define CONFIG_PMP_SLOTS 16
#endif /* CONFIG_PMP_SLOTS */
#ifndef CONFIG_PMP_GRANULARITY
#define CONFIG_PMP_GRANULARITY 4
#endif /* CONFIG_PMP_GRANULARITY */

/* pmpcfg byte: rights in bits 0-2, address-matching mode A in bits 3-4, lock in bit 7. */
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_OFF 0x00
#define PMP_A_TOR 0x08
#define PMP_A_NA4 0x10
#define PMP_A_NAPOT 0x18
#define PMP_L 0x80

#define PMP_RWX (PMP_R | PMP_W | PMP_X)
#define PMP_A_MASK 0x18

/* A memory region and the rights user mode gets on it. */
struct pmp_region {
	unsigned long start; /* first byte */
	unsigned long size;  /* in bytes; start + size may be exactly 2^XLEN */
	uint8_t perm;        /* PMP_R | PMP_W | PMP_X; W needs R */
};

/* A PMP image: what gets written into a contiguous run of PMP entries. */
struct pmp_image {
	uint8_t count;                        /* entries used */
	uint8_t cfg[CONFIG_PMP_SLOTS];        /* pmpcfg byte per entry */
	unsigned long addr[CONFIG_PMP_SLOTS]; /* pmpaddr value per entry */
};

/*
 * Append the cheapest encoding of each region to img, region i after region
 * i-1, starting at entry img->count:
 * - one NAPOT entry when size is a power of two >= 8 and start a multiple
 *   of size; one NA4 entry for a 4-byte region on a 4-byte boundary;
 * - otherwise TOR: one entry when the region starts exactly where the
 *   image's last entry (TOR, NAPOT or NA4) ends, else two (an OFF entry
 *   holding the bottom, then the TOR entry).
 * Where regions overlap the earlier one wins, as in hardware. The entries
 * never carry PMP_L. max_entries bounds img->count after the call; a value
 * above CONFIG_PMP_SLOTS means CONFIG_PMP_SLOTS.
 *
 * Returns 0, or
 * -EINVAL for a region of size 0, a start or size that is not a multiple of
 *         CONFIG_PMP_GRANULARITY, a range that wraps around the address
 *         space, perm with bits other than R/W/X, W without R (reserved by
 *         the spec); or for an image no PMP can hold (count above
 *         CONFIG_PMP_SLOTS, an NA4 entry with a grain above 4 bytes);
 * -ENOSPC when the image would need more than max_entries entries.
 * On any error img is unchanged.
 */
int pmp_encode(struct pmp_image *img, const struct pmp_region *regions, size_t n,
	       size_t max_entries);

/*
 * How many entries pmp_encode() would add for these regions after img's
 * current entries (>= 0); -EINVAL as for pmp_encode(); -ENOSPC if the count
 * does not fit an int.
 */
int pmp_entries_needed(const struct pmp_image *img, const struct pmp_region *regions, size_t n);

/*
 * Software model of the PMP check of a U-mode access, used to validate
 * syscall buffers. The image is evaluated as if loaded from PMP entry 0 (a
 * TOR entry at index 0 has bottom 0).
 *
 * True iff size is 0, or every byte of [addr, addr + size) is matched and
 * the lowest-numbered entry matching it grants every right in perm. As in
 * hardware: OFF entries never match; a TOR entry's bottom is the previous
 * pmpaddr whatever that entry's mode; NAPOT sizes come from the trailing
 * ones; pmpaddr bits below the grain are treated as the hardware treats
 * them; a byte no entry matches is refused; the lock bit does not change a
 * U-mode check. A reserved W-without-R entry grants no W. False for a range
 * that wraps around the address space, for perm bits other than R/W/X, and
 * for an image no PMP can hold (see pmp_encode()).
 *
 * Cost: O(entries) per entry boundary inside the buffer, never O(size).
 */
bool pmp_image_allows(const struct pmp_image *img, unsigned long addr, unsigned long size,
		      uint8_t perm);

#endif /* VIREO_ARCH_RISCV_PMP_ENCODE_H_ */
