/*
 * Compiler attributes and small preprocessor tools used across Vireo.
 * GCC only (the RISC-V cross compiler for the target, the host compiler for
 * unit tests).
 */
#ifndef VIREO_INCLUDE_TOOLCHAIN_H_
#define VIREO_INCLUDE_TOOLCHAIN_H_

#define FUNC_NORETURN __attribute__((__noreturn__))
#define ALWAYS_INLINE inline __attribute__((__always_inline__))
/*
 * picolibc's <sys/cdefs.h> defines some of these with the same meaning;
 * whichever header comes first wins.
 */
#ifndef __weak
#define __weak __attribute__((__weak__))
#endif
#ifndef __used
#define __used __attribute__((__used__))
#endif
#ifndef __unused
#define __unused __attribute__((__unused__))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif
#ifndef __section
#define __section(s) __attribute__((__section__(s)))
#endif
#ifndef __noinline
#define __noinline __attribute__((__noinline__))
#endif
#define __noinit __section(".noinit")
#define __printf_like(f, a) __attribute__((__format__(__printf__, f, a)))

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#define STRINGIFY(x) Z_STRINGIFY(x)
#define Z_STRINGIFY(x) #x
#define CONCAT(a, b) Z_CONCAT(a, b)
#define Z_CONCAT(a, b) a##b

#define BUILD_ASSERT(cond, ...) _Static_assert(cond, "" __VA_ARGS__)

#define CODE_UNREACHABLE __builtin_unreachable()

#endif /* VIREO_INCLUDE_TOOLCHAIN_H_ */
