/*
 * <vireo/sys/atomic.h> and <vireo/sys/ffs.h>: every atomic operation's
 * return value and the value it leaves behind, wrap-around at the ends of
 * long, bitmaps across word boundaries, and the bit searches. testcase.ini
 * runs the suite twice: with the A extension (inline AMO/LR-SC) and
 * without it (interrupt-locked functions in arch/riscv/core).
 *
 * There are no threads yet, so atomicity under contention is not tested
 * here; what is tested is that an operation leaves the interrupt state as
 * it found it, which the no-A build's lock/unlock pair must get right.
 */
#include <limits.h>
#include <stdint.h>
#include <vireo/arch_interface.h>
#include <vireo/sys/atomic.h>
#include <vireo/sys/ffs.h>
#include <vireo/ztest.h>

#define MAP_BITS 70

BUILD_ASSERT(ATOMIC_BITS == sizeof(long) * 8U);
BUILD_ASSERT(ATOMIC_BITMAP_SIZE(1) == 1);
BUILD_ASSERT(ATOMIC_BITMAP_SIZE(ATOMIC_BITS) == 1);
BUILD_ASSERT(ATOMIC_BITMAP_SIZE(ATOMIC_BITS + 1) == 2);
BUILD_ASSERT(ATOMIC_BITMAP_SIZE(MAP_BITS) == (MAP_BITS + ATOMIC_BITS - 1) / ATOMIC_BITS);

static atomic_t counter = ATOMIC_INIT(42);
static atomic_ptr_t ptr = ATOMIC_PTR_INIT(&counter);
static ATOMIC_DEFINE(map, MAP_BITS);
static int obj_a, obj_b;

/* Cases run in name order: this one sees the statics before any other case. */
ZTEST(atomic, test_0_static_initializers)
{
	zassert_equal(atomic_get(&counter), 42);
	zassert_equal_ptr(atomic_ptr_get(&ptr), &counter);
	zassert_equal(sizeof(map), ATOMIC_BITMAP_SIZE(MAP_BITS) * sizeof(atomic_t));
	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		zassert_equal(atomic_get(&map[i]), 0, "word %u", (unsigned int)i);
	}
}

ZTEST(atomic, test_cas)
{
	atomic_t v = ATOMIC_INIT(10);

	zassert_true(atomic_cas(&v, 10, 20));
	zassert_equal(atomic_get(&v), 20);
	zassert_false(atomic_cas(&v, 10, 30), "stale old value must fail");
	zassert_equal(atomic_get(&v), 20, "a failed cas must not store");
	zassert_true(atomic_cas(&v, 20, 20), "storing the same value succeeds");
	zassert_true(atomic_cas(&v, 20, LONG_MIN));
	zassert_equal(atomic_get(&v), LONG_MIN);
	zassert_false(atomic_cas(&v, LONG_MAX, 0));
	zassert_equal(atomic_get(&v), LONG_MIN);
}

ZTEST(atomic, test_pointers)
{
	atomic_ptr_t p = ATOMIC_PTR_INIT(NULL);

	zassert_is_null(atomic_ptr_get(&p));
	zassert_true(atomic_ptr_cas(&p, NULL, &obj_a));
	zassert_equal_ptr(atomic_ptr_get(&p), &obj_a);
	zassert_false(atomic_ptr_cas(&p, &obj_b, NULL));
	zassert_equal_ptr(atomic_ptr_get(&p), &obj_a, "a failed cas must not store");
	zassert_equal_ptr(atomic_ptr_set(&p, &obj_b), &obj_a, "set returns the old value");
	zassert_equal_ptr(atomic_ptr_get(&p), &obj_b);
	zassert_equal_ptr(atomic_ptr_clear(&p), &obj_b, "clear returns the old value");
	zassert_is_null(atomic_ptr_get(&p));
	zassert_is_null(atomic_ptr_clear(&p));
	zassert_is_null(atomic_ptr_get(&p));
}

ZTEST(atomic, test_set_get_clear)
{
	atomic_t v = ATOMIC_INIT(0);

	zassert_equal(atomic_set(&v, 7), 0);
	zassert_equal(atomic_get(&v), 7);
	zassert_equal(atomic_set(&v, -1), 7);
	zassert_equal(atomic_get(&v), -1);
	zassert_equal(atomic_clear(&v), -1);
	zassert_equal(atomic_get(&v), 0);
	zassert_equal(atomic_clear(&v), 0);
	zassert_equal(atomic_get(&v), 0);
}

ZTEST(atomic, test_add_sub_inc_dec)
{
	atomic_t v = ATOMIC_INIT(5);

	zassert_equal(atomic_add(&v, 10), 5);
	zassert_equal(atomic_get(&v), 15);
	zassert_equal(atomic_add(&v, -20), 15);
	zassert_equal(atomic_get(&v), -5);
	zassert_equal(atomic_sub(&v, 3), -5);
	zassert_equal(atomic_get(&v), -8);
	zassert_equal(atomic_sub(&v, -8), -8);
	zassert_equal(atomic_get(&v), 0);
	zassert_equal(atomic_inc(&v), 0);
	zassert_equal(atomic_get(&v), 1);
	zassert_equal(atomic_dec(&v), 1);
	zassert_equal(atomic_dec(&v), 0);
	zassert_equal(atomic_get(&v), -1);
}

ZTEST(atomic, test_wrap_around)
{
	atomic_t v = ATOMIC_INIT(LONG_MAX);

	zassert_equal(atomic_inc(&v), LONG_MAX);
	zassert_equal(atomic_get(&v), LONG_MIN, "LONG_MAX + 1 wraps to LONG_MIN");
	zassert_equal(atomic_dec(&v), LONG_MIN);
	zassert_equal(atomic_get(&v), LONG_MAX, "LONG_MIN - 1 wraps to LONG_MAX");
	zassert_equal(atomic_add(&v, 2), LONG_MAX);
	zassert_equal(atomic_get(&v), LONG_MIN + 1);
	zassert_equal(atomic_sub(&v, 3), LONG_MIN + 1);
	zassert_equal(atomic_get(&v), LONG_MAX - 1);
	zassert_equal(atomic_add(&v, LONG_MIN), LONG_MAX - 1);
	zassert_equal(atomic_get(&v), -2);
	zassert_equal(atomic_sub(&v, LONG_MIN), -2);
	zassert_equal(atomic_get(&v), LONG_MAX - 1);
	atomic_set(&v, -1);
	zassert_equal(atomic_inc(&v), -1);
	zassert_equal(atomic_get(&v), 0);
}

ZTEST(atomic, test_bitwise)
{
	atomic_t v = ATOMIC_INIT(0x0F0);

	zassert_equal(atomic_or(&v, 0x00F), 0x0F0);
	zassert_equal(atomic_get(&v), 0x0FF);
	zassert_equal(atomic_xor(&v, 0x3C3), 0x0FF);
	zassert_equal(atomic_get(&v), 0x33C);
	zassert_equal(atomic_and(&v, 0x30F), 0x33C);
	zassert_equal(atomic_get(&v), 0x30C);
	zassert_equal(atomic_nand(&v, 0x104), 0x30C);
	zassert_equal(atomic_get(&v), ~0x104L, "nand stores ~(old & value)");
	zassert_equal(atomic_nand(&v, -1), ~0x104L);
	zassert_equal(atomic_get(&v), 0x104, "nand with all ones is not");
	zassert_equal(atomic_xor(&v, -1), 0x104);
	zassert_equal(atomic_get(&v), ~0x104L);
	zassert_equal(atomic_and(&v, LONG_MIN), ~0x104L);
	zassert_equal(atomic_get(&v), LONG_MIN, "the sign bit is an ordinary bit");
	zassert_equal(atomic_or(&v, 1), LONG_MIN);
	zassert_equal(atomic_get(&v), LONG_MIN + 1);
}

/*
 * The bitmap against a plain bool array, bit by bit: the expected word
 * contents are computed here with shifts, not with the header's macros.
 */
static bool shadow[MAP_BITS];

static void check_map(int line)
{
	for (int i = 0; i < MAP_BITS; i++) {
		unsigned long word = (unsigned long)atomic_get(&map[i / (int)ATOMIC_BITS]);
		bool in_word = ((word >> (i % (int)ATOMIC_BITS)) & 1UL) != 0;

		zassert_equal(in_word, shadow[i], "bit %d (after line %d)", i, line);
		zassert_equal(atomic_test_bit(map, i), shadow[i], "bit %d (after line %d)",
			      i, line);
	}
}

static const int edge_bits[] = { 0, 1, 30, 31, 32, 33, 62, 63, 64, 69 };

ZTEST(atomic, test_bitmap_set_clear)
{
	for (size_t n = 0; n < ARRAY_SIZE(edge_bits); n++) {
		int bit = edge_bits[n];

		atomic_set_bit(map, bit);
		shadow[bit] = true;
		check_map(__LINE__);
	}
	for (size_t n = 0; n < ARRAY_SIZE(edge_bits); n++) {
		int bit = edge_bits[n];

		atomic_clear_bit(map, bit);
		shadow[bit] = false;
		check_map(__LINE__);
		atomic_clear_bit(map, bit);
		check_map(__LINE__);
	}
}

ZTEST(atomic, test_bitmap_test_and_modify)
{
	for (size_t n = 0; n < ARRAY_SIZE(edge_bits); n++) {
		int bit = edge_bits[n];

		zassert_false(atomic_test_and_set_bit(map, bit), "bit %d", bit);
		zassert_true(atomic_test_and_set_bit(map, bit), "bit %d", bit);
		shadow[bit] = true;
		check_map(__LINE__);
	}
	for (size_t n = 0; n < ARRAY_SIZE(edge_bits); n++) {
		int bit = edge_bits[n];

		zassert_true(atomic_test_and_clear_bit(map, bit), "bit %d", bit);
		zassert_false(atomic_test_and_clear_bit(map, bit), "bit %d", bit);
		shadow[bit] = false;
		check_map(__LINE__);
	}
}

ZTEST(atomic, test_bitmap_set_bit_to)
{
	for (int bit = 0; bit < MAP_BITS; bit++) {
		bool val = (bit % 3) == 0;

		atomic_set_bit_to(map, bit, val);
		shadow[bit] = val;
	}
	check_map(__LINE__);
	for (int bit = 0; bit < MAP_BITS; bit++) {
		atomic_set_bit_to(map, bit, !shadow[bit]);
		shadow[bit] = !shadow[bit];
	}
	check_map(__LINE__);
	for (int bit = 0; bit < MAP_BITS; bit++) {
		atomic_set_bit_to(map, bit, false);
		shadow[bit] = false;
	}
	check_map(__LINE__);
}

/* The word layout Zephyr code relies on, spelled out for 32-bit longs. */
ZTEST(atomic, test_bitmap_words_rv32)
{
	ATOMIC_DEFINE(m, MAP_BITS) = { 0 };

	if (ATOMIC_BITS != 32U) {
		ztest_test_skip();
	}
	zassert_equal(ARRAY_SIZE(m), 3);
	atomic_set_bit(m, 31);
	zassert_equal((unsigned long)atomic_get(&m[0]), 0x80000000UL);
	zassert_equal(atomic_get(&m[1]), 0);
	atomic_set_bit(m, 32);
	zassert_equal(atomic_get(&m[1]), 1);
	atomic_set_bit(m, 63);
	zassert_equal((unsigned long)atomic_get(&m[1]), 0x80000001UL);
	atomic_set_bit(m, 69);
	zassert_equal(atomic_get(&m[2]), 0x20);
	zassert_true(atomic_test_and_clear_bit(m, 31));
	zassert_equal(atomic_get(&m[0]), 0);
	zassert_equal((unsigned long)atomic_get(&m[1]), 0x80000001UL);
}

ZTEST(atomic, test_find_set_bits)
{
	zassert_equal(find_msb_set(0), 0);
	zassert_equal(find_lsb_set(0), 0);
	zassert_equal(find_msb_set(1), 1);
	zassert_equal(find_lsb_set(1), 1);
	zassert_equal(find_msb_set(0x80000000U), 32);
	zassert_equal(find_lsb_set(0x80000000U), 32);
	zassert_equal(find_msb_set(0xFFFFFFFFU), 32);
	zassert_equal(find_lsb_set(0xFFFFFFFFU), 1);
	zassert_equal(find_msb_set(0x00010100U), 17);
	zassert_equal(find_lsb_set(0x00010100U), 9);
	zassert_equal(find_msb_set(0x7FFFFFFEU), 31);
	zassert_equal(find_lsb_set(0x7FFFFFFEU), 2);
	zassert_equal(find_msb_set(6), 3);
	zassert_equal(find_lsb_set(6), 2);
	zassert_equal(find_msb_set(0x00F00000U), 24);
	zassert_equal(find_lsb_set(0x00F00000U), 21);
	for (unsigned int n = 0; n < 32U; n++) {
		uint32_t one = (uint32_t)1U << n;

		zassert_equal(find_msb_set(one), n + 1U, "1 << %u", n);
		zassert_equal(find_lsb_set(one), n + 1U, "1 << %u", n);
		zassert_equal(find_msb_set(0xFFFFFFFFU >> n), 32U - n, "~0 >> %u", n);
		zassert_equal(find_lsb_set(0xFFFFFFFFU << n), n + 1U, "~0 << %u", n);
		zassert_equal(find_msb_set(one | 1U), n + 1U, "1 << %u | 1", n);
		zassert_equal(find_lsb_set(one | 0x80000000U), n + 1U, "1 << %u | msb", n);
	}
}

/* Run one of every read-modify-write on a scratch word. */
static void run_every_operation(void)
{
	atomic_t v = ATOMIC_INIT(0);
	atomic_ptr_t p = ATOMIC_PTR_INIT(NULL);

	(void)atomic_cas(&v, 0, 1);
	(void)atomic_ptr_cas(&p, NULL, &obj_a);
	(void)atomic_add(&v, 1);
	(void)atomic_sub(&v, 1);
	(void)atomic_set(&v, 3);
	(void)atomic_ptr_set(&p, &obj_b);
	(void)atomic_or(&v, 4);
	(void)atomic_xor(&v, 1);
	(void)atomic_and(&v, 6);
	(void)atomic_nand(&v, 2);
	zassert_equal(atomic_get(&v), ~2L);
	zassert_equal_ptr(atomic_ptr_get(&p), &obj_b);
}

/*
 * The no-A build locks interrupts inside each operation: it must restore
 * the state it found, and in particular must not enable interrupts when
 * the caller holds a lock. Checked both in the state the test runs in and
 * under an extra lock.
 */
ZTEST(atomic, test_interrupt_state_preserved)
{
	unsigned int outer = arch_irq_lock();
	unsigned int key;

	arch_irq_unlock(outer);
	run_every_operation();
	key = arch_irq_lock();
	zassert_equal(arch_irq_unlocked(key), arch_irq_unlocked(outer),
		      "interrupt state changed by an atomic operation");
	arch_irq_unlock(key);

	outer = arch_irq_lock();
	run_every_operation();
	key = arch_irq_lock();
	arch_irq_unlock(key);
	arch_irq_unlock(outer);
	zassert_false(arch_irq_unlocked(key),
		      "an atomic operation enabled interrupts inside a lock");
}

ZTEST_SUITE(atomic, NULL, NULL, NULL, NULL, NULL);
