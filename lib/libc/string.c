/*
 * memset and memcpy, word at a time. picolibc's versions for this target
 * are built for size and move one byte per iteration (about four
 * instructions a byte), which made zeroing .bss and initializing thread
 * objects the bulk of boot time. These replace them at link time (the
 * objects of the image come before libc.a), and keep picolibc's contract.
 *
 * The pragma keeps the compiler from turning these very loops back into
 * calls to memset and memcpy.
 */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define WORD sizeof(unsigned long)
#define ALIGNED(p) (((uintptr_t)(p) & (WORD - 1)) == 0)

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned long pattern = (unsigned char)c;

	while (n > 0 && !ALIGNED(d)) {
		*d++ = (unsigned char)c;
		n--;
	}
	pattern |= pattern << 8;
	pattern |= pattern << 16;
	if (WORD == 8) {
		pattern |= pattern << 16 << 16;
	}
	for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD) {
		unsigned long *w = (unsigned long *)(void *)d;

		w[0] = pattern;
		w[1] = pattern;
		w[2] = pattern;
		w[3] = pattern;
	}
	for (; n >= WORD; n -= WORD, d += WORD) {
		*(unsigned long *)(void *)d = pattern;
	}
	while (n-- > 0) {
		*d++ = (unsigned char)c;
	}
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Words only when both sides can be aligned together. */
	if (((uintptr_t)d & (WORD - 1)) == ((uintptr_t)s & (WORD - 1))) {
		while (n > 0 && !ALIGNED(d)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD) {
			*(unsigned long *)(void *)d = *(const unsigned long *)(const void *)s;
		}
	}
	while (n-- > 0) {
		*d++ = *s++;
	}
	return dst;
}
