/*
 * Atomic operations on a word and on bitmaps of words (Zephyr's
 * sys/atomic.h): same names, types and results. Every read-modify-write
 * returns the value the target held before it; the cas calls return
 * whether they stored. Each operation is sequentially consistent.
 *
 * Two implementations behind the same declarations:
 * - CONFIG_RISCV_ISA_EXT_A: static inlines on GCC's __atomic builtins,
 *   which become AMO or LR/SC instructions.
 * - Without the A extension (ESP32-C3): GCC would turn the builtins into
 *   library calls that nothing provides, so the read-modify-writes are
 *   extern functions in arch/riscv/core/atomic_irqlock.c, which lock
 *   interrupts around a plain load and store. That is atomic only because
 *   these parts have one hart. atomic_get() stays inline: an aligned word
 *   load is atomic by itself.
 * The increment, clear and bit helpers are written once, on top of those
 * primitives, and are the same in both builds.
 */
#ifndef VIREO_INCLUDE_SYS_ATOMIC_H_
#define VIREO_INCLUDE_SYS_ATOMIC_H_

#include <stdbool.h>
#include <stddef.h>
#include <vireo/sys/util.h>

/** An atomic word; a bitmap is an array of them. */
typedef long atomic_t;
/** A value read from or written to an atomic_t. */
typedef atomic_t atomic_val_t;
/** An atomic pointer. */
typedef void *atomic_ptr_t;
/** A value read from or written to an atomic_ptr_t. */
typedef atomic_ptr_t atomic_ptr_val_t;

/** @brief Static initializer of an atomic_t. */
#define ATOMIC_INIT(i) (i)
/** @brief Static initializer of an atomic_ptr_t. */
#define ATOMIC_PTR_INIT(p) (p)

/** @brief Number of bits in one atomic_t. */
#define ATOMIC_BITS (sizeof(atomic_val_t) * 8U)
/** @brief Mask of @p bit inside its own atomic_t. */
#define ATOMIC_MASK(bit) \
	((atomic_val_t)(1UL << ((unsigned long)(bit) & (ATOMIC_BITS - 1U))))
/** @brief The atomic_t of bitmap @p addr that holds @p bit. */
#define ATOMIC_ELEM(addr, bit) ((addr) + ((unsigned long)(bit) / ATOMIC_BITS))

/** @brief Number of atomic_t needed for a bitmap of @p num_bits bits. */
#define ATOMIC_BITMAP_SIZE(num_bits) DIV_ROUND_UP(num_bits, ATOMIC_BITS)

/**
 * @brief Define a bitmap of @p num_bits bits, all clear when static.
 *
 * Its bits are numbered from 0; bit n is in word n / ATOMIC_BITS.
 */
#define ATOMIC_DEFINE(name, num_bits) atomic_t name[ATOMIC_BITMAP_SIZE(num_bits)]

/*
 * The read-modify-write primitives: inline where the hart has atomic
 * instructions, in arch/riscv/core/atomic_irqlock.c where it does not.
 */
#ifdef CONFIG_RISCV_ISA_EXT_A
#define Z_ATOMIC_PRIMITIVE static inline
#else
#define Z_ATOMIC_PRIMITIVE extern
#endif /* CONFIG_RISCV_ISA_EXT_A */

/**
 * @brief Compare and set: store @p new_value if @p target holds @p old_value.
 *
 * @return true if the value was stored, false if @p target held another
 * value (then it is left unchanged).
 */
Z_ATOMIC_PRIMITIVE bool atomic_cas(atomic_t *target, atomic_val_t old_value,
				   atomic_val_t new_value);

/** @brief atomic_cas() on a pointer. */
Z_ATOMIC_PRIMITIVE bool atomic_ptr_cas(atomic_ptr_t *target, atomic_ptr_val_t old_value,
				       atomic_ptr_val_t new_value);

/**
 * @brief Add @p value to @p target; wraps around in two's complement.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_add(atomic_t *target, atomic_val_t value);

/**
 * @brief Subtract @p value from @p target; wraps around in two's complement.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_sub(atomic_t *target, atomic_val_t value);

/**
 * @brief Store @p value in @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_set(atomic_t *target, atomic_val_t value);

/**
 * @brief Store @p value in the pointer @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_ptr_val_t atomic_ptr_set(atomic_ptr_t *target,
						   atomic_ptr_val_t value);

/**
 * @brief Bitwise OR @p value into @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_or(atomic_t *target, atomic_val_t value);

/**
 * @brief Bitwise XOR @p value into @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_xor(atomic_t *target, atomic_val_t value);

/**
 * @brief Bitwise AND @p value into @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_and(atomic_t *target, atomic_val_t value);

/**
 * @brief Store ~(@p target & @p value) in @p target.
 * @return the previous value of @p target.
 */
Z_ATOMIC_PRIMITIVE atomic_val_t atomic_nand(atomic_t *target, atomic_val_t value);

#undef Z_ATOMIC_PRIMITIVE

/** @brief Read @p target. */
static inline atomic_val_t atomic_get(const atomic_t *target);

/** @brief Read the pointer @p target. */
static inline atomic_ptr_val_t atomic_ptr_get(const atomic_ptr_t *target);

#ifdef CONFIG_RISCV_ISA_EXT_A

static inline bool atomic_cas(atomic_t *target, atomic_val_t old_value,
			      atomic_val_t new_value)
{
	return __atomic_compare_exchange_n(target, &old_value, new_value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static inline bool atomic_ptr_cas(atomic_ptr_t *target, atomic_ptr_val_t old_value,
				  atomic_ptr_val_t new_value)
{
	return __atomic_compare_exchange_n(target, &old_value, new_value, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* GCC defines the atomic builtins to wrap on signed overflow. */
static inline atomic_val_t atomic_add(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_add(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_sub(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_sub(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_set(atomic_t *target, atomic_val_t value)
{
	return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_ptr_val_t atomic_ptr_set(atomic_ptr_t *target, atomic_ptr_val_t value)
{
	return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_or(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_or(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_xor(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_xor(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_and(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_and(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_nand(atomic_t *target, atomic_val_t value)
{
	return __atomic_fetch_nand(target, value, __ATOMIC_SEQ_CST);
}

static inline atomic_val_t atomic_get(const atomic_t *target)
{
	return __atomic_load_n(target, __ATOMIC_SEQ_CST);
}

static inline atomic_ptr_val_t atomic_ptr_get(const atomic_ptr_t *target)
{
	return __atomic_load_n(target, __ATOMIC_SEQ_CST);
}

#else /* !CONFIG_RISCV_ISA_EXT_A */

/*
 * One hart, so program order is the only order: a compiler barrier on each
 * side keeps the load in its place among the accesses around it, and the
 * volatile access makes it a single aligned load (which cannot tear).
 */
static inline atomic_val_t atomic_get(const atomic_t *target)
{
	atomic_val_t value;

	__asm__ volatile("" ::: "memory");
	value = *(const volatile atomic_t *)target;
	__asm__ volatile("" ::: "memory");
	return value;
}

static inline atomic_ptr_val_t atomic_ptr_get(const atomic_ptr_t *target)
{
	atomic_ptr_val_t value;

	__asm__ volatile("" ::: "memory");
	value = *(const volatile atomic_ptr_t *)target;
	__asm__ volatile("" ::: "memory");
	return value;
}

#endif /* CONFIG_RISCV_ISA_EXT_A */

/**
 * @brief Add 1 to @p target.
 * @return the previous value of @p target.
 */
static inline atomic_val_t atomic_inc(atomic_t *target)
{
	return atomic_add(target, 1);
}

/**
 * @brief Subtract 1 from @p target.
 * @return the previous value of @p target.
 */
static inline atomic_val_t atomic_dec(atomic_t *target)
{
	return atomic_sub(target, 1);
}

/**
 * @brief Store 0 in @p target.
 * @return the previous value of @p target.
 */
static inline atomic_val_t atomic_clear(atomic_t *target)
{
	return atomic_set(target, 0);
}

/**
 * @brief Store NULL in the pointer @p target.
 * @return the previous value of @p target.
 */
static inline atomic_ptr_val_t atomic_ptr_clear(atomic_ptr_t *target)
{
	return atomic_ptr_set(target, NULL);
}

/**
 * @brief Read bit @p bit (0-based, non-negative) of the bitmap @p target.
 * @return true if the bit is set.
 */
static inline bool atomic_test_bit(const atomic_t *target, int bit)
{
	return (atomic_get(ATOMIC_ELEM(target, bit)) & ATOMIC_MASK(bit)) != 0;
}

/**
 * @brief Clear bit @p bit of the bitmap @p target.
 * @return true if the bit was set before.
 */
static inline bool atomic_test_and_clear_bit(atomic_t *target, int bit)
{
	atomic_val_t mask = ATOMIC_MASK(bit);

	return (atomic_and(ATOMIC_ELEM(target, bit), ~mask) & mask) != 0;
}

/**
 * @brief Set bit @p bit of the bitmap @p target.
 * @return true if the bit was set before.
 */
static inline bool atomic_test_and_set_bit(atomic_t *target, int bit)
{
	atomic_val_t mask = ATOMIC_MASK(bit);

	return (atomic_or(ATOMIC_ELEM(target, bit), mask) & mask) != 0;
}

/** @brief Clear bit @p bit of the bitmap @p target. */
static inline void atomic_clear_bit(atomic_t *target, int bit)
{
	(void)atomic_and(ATOMIC_ELEM(target, bit), ~ATOMIC_MASK(bit));
}

/** @brief Set bit @p bit of the bitmap @p target. */
static inline void atomic_set_bit(atomic_t *target, int bit)
{
	(void)atomic_or(ATOMIC_ELEM(target, bit), ATOMIC_MASK(bit));
}

/** @brief Set bit @p bit of the bitmap @p target to @p val. */
static inline void atomic_set_bit_to(atomic_t *target, int bit, bool val)
{
	if (val) {
		atomic_set_bit(target, bit);
	} else {
		atomic_clear_bit(target, bit);
	}
}

#endif /* VIREO_INCLUDE_SYS_ATOMIC_H_ */
