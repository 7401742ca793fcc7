/*
 * Small utility macros with Zephyr's names (sys/util.h).
 */
#ifndef VIREO_INCLUDE_SYS_UTIL_H_
#define VIREO_INCLUDE_SYS_UTIL_H_

#include <stddef.h>
#include <stdint.h>
#include <vireo/sys/ffs.h>
#include <vireo/toolchain.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ARG_UNUSED(x) (void)(x)
#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))
#define CLAMP(v, lo, hi) MIN(MAX((v), (lo)), (hi))
#define BIT(n) (1UL << (n))
#define BIT64(n) (1ULL << (n))
#define ROUND_UP(x, align) ((((unsigned long)(x) + ((unsigned long)(align) - 1)) / \
			    (unsigned long)(align)) * (unsigned long)(align))
#define ROUND_DOWN(x, align) (((unsigned long)(x) / (unsigned long)(align)) * \
			      (unsigned long)(align))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define POINTER_TO_UINT(p) ((uintptr_t)(p))
#define UINT_TO_POINTER(u) ((void *)(uintptr_t)(u))
#define CONTAINER_OF(ptr, type, field) \
	((type *)(((char *)(ptr)) - offsetof(type, field)))

/*
 * IS_ENABLED(CONFIG_X): 1 when CONFIG_X is defined to 1, 0 when it is
 * undefined, usable in C expressions so both branches of an if() compile.
 * A defined-to-1 symbol pastes into Z_IS_ENABLED_PROBE_1, which expands to
 * an extra leading argument; the second argument then selects 1 or 0.
 */
#define Z_IS_ENABLED_PROBE_1 0,
#define IS_ENABLED(sym) Z_IS_ENABLED_1(sym)
#define Z_IS_ENABLED_1(val) Z_IS_ENABLED_2(Z_IS_ENABLED_PROBE_##val)
#define Z_IS_ENABLED_2(probe) Z_IS_ENABLED_3(probe 1, 0)
#define Z_IS_ENABLED_3(ignored, val, ...) val

#endif /* VIREO_INCLUDE_SYS_UTIL_H_ */
