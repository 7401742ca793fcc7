/*
 * Host test of Vireo's word-at-a-time memset and memcpy (lib/libc/
 * string.c, renamed vireo_memset/vireo_memcpy here): every alignment of
 * source and destination, sizes 0..80, checked byte by byte against a
 * plain loop, including the bytes around the target that must not change.
 */
#include <stdio.h>
#include <stddef.h>

void *vireo_memset(void *dst, int c, size_t n);
void *vireo_memcpy(void *restrict dst, const void *restrict src, size_t n);

#define BUF 128
static unsigned char a[BUF], b[BUF], expect[BUF];
static unsigned int failures, cases;

static void fill(unsigned char *p, unsigned char seed)
{
	for (int i = 0; i < BUF; i++) {
		p[i] = (unsigned char)(seed + i * 7);
	}
}

static void compare(const char *what, size_t off, size_t off2, size_t n)
{
	cases++;
	for (int i = 0; i < BUF; i++) {
		if (a[i] != expect[i]) {
			failures++;
			printf("FAIL %s dst+%zu src+%zu n=%zu: byte %d is %u, expected %u\n", what,
			       off, off2, n, i, a[i], expect[i]);
			return;
		}
	}
}

int main(void)
{
	for (size_t off = 0; off < 8; off++) {
		for (size_t n = 0; n <= 80; n++) {
			fill(a, 1);
			fill(expect, 1);
			for (size_t i = 0; i < n; i++) {
				expect[off + i] = 0xa5;
			}
			if (vireo_memset(a + off, 0x1a5, n) != a + off) {
				failures++;
			}
			compare("memset", off, 0, n);
			for (size_t off2 = 0; off2 < 8; off2++) {
				fill(a, 3);
				fill(b, 101);
				fill(expect, 3);
				for (size_t i = 0; i < n; i++) {
					expect[off + i] = b[off2 + i];
				}
				if (vireo_memcpy(a + off, b + off2, n) != a + off) {
					failures++;
				}
				compare("memcpy", off, off2, n);
			}
		}
	}
	printf("%u passed, %u failed\n", cases - failures, failures);
	return failures != 0;
}
