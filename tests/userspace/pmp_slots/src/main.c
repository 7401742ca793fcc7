/*
 * CONFIG_PMP_SLOTS is the whole PMP budget: the kernel's fixed entries
 * plus K_MEM_DOMAIN_PMP_ENTRIES for a domain (4 on the FE310's 8 entries).
 *
 * - A domain that takes every domain entry works: a user thread writes
 *   each of its partitions, the one in the last PMP entry included.
 * - One entry more is refused, by add (-ENOSPC) and by init (-EINVAL),
 *   while a partition slot is still free: the PMP budget is what refuses,
 *   and the domain stays as it was (the user thread still runs in it).
 * - No entry at or beyond CONFIG_PMP_SLOTS is ever written, also on a hart
 *   that has more (QEMU's sifive_e models 16 for the 8-entry FE310).
 *
 * Layout: blocks of 64 bytes, partition i in block 2 i (the odd blocks are
 * gaps, so no two partitions touch and share a TOR boundary). The first
 * TOR_PARTS partitions are 48 bytes at block + 4 (two entries, TOR); the
 * rest are whole blocks (one entry, NAPOT). TOR partitions make the budget
 * fit in fewer partition slots than entries, leaving one slot free.
 */
#include <string.h>
#include <vireo/ztest.h>
#include <vireo/arch/riscv/csr.h>

#define BUDGET K_MEM_DOMAIN_PMP_ENTRIES
#define TOR_PARTS MAX(1, BUDGET - CONFIG_MAX_DOMAIN_PARTITIONS + 1)
#define NAPOT_PARTS (BUDGET - 2 * TOR_PARTS)
#define PARTS (TOR_PARTS + NAPOT_PARTS)
#define BLOCK 64
#define TOR_OFFSET 4
#define TOR_SIZE 48
#define PATTERN 0x5107c0deu

BUILD_ASSERT(NAPOT_PARTS >= 1 && PARTS < CONFIG_MAX_DOMAIN_PARTITIONS,
	     "the layout needs a free partition slot");

/* One block more than PARTS partitions use, for the partition too many. */
static uint8_t area[2 * (PARTS + 1)][BLOCK] __aligned(BLOCK);
static struct k_mem_partition parts[PARTS + 1];
static struct k_mem_domain full;
static struct k_thread user_thread Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(user_stack, 512);

static uintptr_t part_start(unsigned int i)
{
	return (uintptr_t)area[2 * i] + (i < TOR_PARTS ? TOR_OFFSET : 0);
}

static size_t part_size(unsigned int i)
{
	return i < TOR_PARTS ? TOR_SIZE : BLOCK;
}

/* User mode: write the first and last word of every partition. */
static void write_all(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (unsigned int i = 0; i < PARTS; i++) {
		uintptr_t start = (uintptr_t)p1 + 2 * i * BLOCK + (i < TOR_PARTS ? TOR_OFFSET : 0);
		size_t size = i < TOR_PARTS ? TOR_SIZE : BLOCK;

		*(volatile uint32_t *)start = PATTERN + i;
		*(volatile uint32_t *)(start + size - 4) = PATTERN + i;
	}
}

/* Run write_all in the full domain and check every write landed. */
static void run_user_and_check(void)
{
	memset(area, 0, sizeof(area));
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack), write_all,
			area, NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_FOREVER);
	zassert_ok(k_mem_domain_add_thread(&full, &user_thread));
	k_thread_start(&user_thread);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	for (unsigned int i = 0; i < PARTS; i++) {
		uintptr_t last = part_start(i) + part_size(i) - 4;

		zassert_equal(*(volatile uint32_t *)part_start(i), PATTERN + i,
			      "partition %u not written", i);
		zassert_equal(*(volatile uint32_t *)last, PATTERN + i,
			      "end of partition %u not written", i);
	}
}

static void *setup(void)
{
	struct k_mem_partition *list[PARTS];

	for (unsigned int i = 0; i <= PARTS; i++) {
		parts[i] = (struct k_mem_partition){ part_start(i), part_size(i),
						     K_MEM_PARTITION_P_RW_U_RW };
	}
	for (unsigned int i = 0; i < PARTS; i++) {
		list[i] = &parts[i];
	}
	printk("pmp_slots: %d PMP entries, %d for a domain: %d TOR + %d NAPOT partitions\n",
	       CONFIG_PMP_SLOTS, BUDGET, TOR_PARTS, NAPOT_PARTS);
	zassert_ok(k_mem_domain_init(&full, PARTS, list));
	return NULL;
}

ZTEST(pmp_slots, test_1_domain_using_every_entry_works)
{
	zassert_equal(full.arch.image.count, BUDGET, "the domain takes %u entries, not %d",
		      (unsigned int)full.arch.image.count, BUDGET);
	run_user_and_check();
}

ZTEST(pmp_slots, test_2_one_entry_more_is_refused)
{
	static struct k_mem_domain other;
	struct k_mem_partition *list[PARTS + 1];

	for (unsigned int i = 0; i <= PARTS; i++) {
		list[i] = &parts[i];
	}
	/* A free slot, but no PMP entry for it. */
	zassert_equal(k_mem_domain_add_partition(&full, &parts[PARTS]), -ENOSPC);
	zassert_equal(full.num_partitions, PARTS, "a refused partition changed the domain");
	zassert_equal(full.arch.image.count, BUDGET);
	zassert_equal(k_mem_domain_init(&other, PARTS + 1, list), -EINVAL);
	/* The domain still works as before. */
	run_user_and_check();
}

/* Entry n's pmpaddr (the CSR number must be a constant). */
static unsigned long pmpaddr(unsigned int n)
{
	switch (n) {
	case 8: return csr_read(pmpaddr8);
	case 9: return csr_read(pmpaddr9);
	case 10: return csr_read(pmpaddr10);
	case 11: return csr_read(pmpaddr11);
	case 12: return csr_read(pmpaddr12);
	case 13: return csr_read(pmpaddr13);
	case 14: return csr_read(pmpaddr14);
	case 15: return csr_read(pmpaddr15);
	default: return 0;
	}
}

/* Entry n's pmpcfg byte (RV32: four per register, pmpcfg0..3). */
static uint8_t pmpcfg(unsigned int n)
{
	unsigned long reg;

	switch (n / 4) {
	case 2: reg = csr_read(pmpcfg2); break;
	case 3: reg = csr_read(pmpcfg3); break;
	default: return 0;
	}
	return (uint8_t)(reg >> (8 * (n % 4)));
}

/*
 * Entries 8..15 exist in QEMU (the PMP CSRs always do: unimplemented
 * entries read as zero on hardware), so this holds on any hart.
 */
ZTEST(pmp_slots, test_3_no_entry_beyond_pmp_slots_is_written)
{
	if (CONFIG_PMP_SLOTS >= 16 || __riscv_xlen != 32) {
		ztest_test_skip();
	}
	/* Leave the full domain's image loaded, as after a switch to it. */
	run_user_and_check();
	for (unsigned int n = CONFIG_PMP_SLOTS; n < 16; n++) {
		zassert_equal(pmpcfg(n), 0, "pmpcfg of entry %u is 0x%02x", n, pmpcfg(n));
		zassert_equal(pmpaddr(n), 0, "pmpaddr%u is 0x%lx", n, pmpaddr(n));
	}
}

ZTEST_SUITE(pmp_slots, NULL, setup, NULL, NULL, NULL);
