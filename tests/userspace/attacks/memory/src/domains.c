/*
 * U-mode against memory domains: another domain's partition, a partition
 * taken away while the thread is preempted between two accesses, and the
 * domain calls refusing what the PMP cannot enforce (more entries than
 * exist, empty partitions) instead of enforcing something else.
 */
#include "attack.h"

K_APPMEM_PARTITION_DEFINE(part_a);
K_APPMEM_PARTITION_DEFINE(part_b);
K_APPMEM_PARTITION_DEFINE(part_p);
K_APP_DMEM(part_a) static volatile uint32_t a_word = 0xaaaa0001;
K_APP_DMEM(part_b) static volatile uint32_t b_word = 0xbbbb0001;
K_APP_DMEM(part_p) static volatile uint32_t p_words[2] = { 0x99990001, 0x99990002 };

static struct k_mem_domain dom_a, dom_b, dom_p;

static void *domains_setup(void)
{
	struct k_mem_partition *pa[] = { &atk_part, &part_a };
	struct k_mem_partition *pb[] = { &atk_part, &part_b };

	atk_domain_setup();
	zassert_ok(k_mem_domain_init(&dom_a, 2, pa));
	zassert_ok(k_mem_domain_init(&dom_b, 2, pb));
	return NULL;
}

/* In domain A: its own partition works, B's is someone else's. */
static void touch_b(void *write, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	atk.value = a_word;
	a_word = 0xaaaa0002;
	ATK_BEFORE();
	if (write != NULL) {
		b_word = 0xbadc0de;
	} else {
		atk.value = b_word;
	}
	ATK_AFTER();
}

static void other_domain_case(const char *name, bool write)
{
	a_word = 0xaaaa0001;
	b_word = 0xbbbb0001;
	atk_prepare(name, (uintptr_t)&b_word, touch_b, write ? (void *)1 : NULL, NULL, true);
	zassert_ok(k_mem_domain_add_thread(&dom_a, &atk_thread));
	atk_launch();
	atk_assert_stopped();
	zassert_equal(a_word, 0xaaaa0002, "the attacker could not use its own partition");
	zassert_equal(atk.value, 0xaaaa0001, "read 0x%lx", (unsigned long)atk.value);
	zassert_equal(b_word, 0xbbbb0001);
	atk_assert_alive();
}

ZTEST(attacks_domain, test_01_read_other_domain)
{
	other_domain_case("read_other_domain", false);
}

ZTEST(attacks_domain, test_02_write_other_domain)
{
	other_domain_case("write_other_domain", true);
}

/* A kernel thread above the attacker takes part_p out of its domain. */
static struct k_thread remover Z_KOBJ_SECTION(k_thread);
/* Domain changes copy a whole domain on the stack: 1 KiB per 4-byte word. */
static K_THREAD_STACK_DEFINE(remover_stack, 256 * sizeof(long));
K_SEM_DEFINE(remove_sem, 0, 1);
static volatile int remove_rc;

static void remover_body(void *sleep_ms, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (sleep_ms != NULL) {
		k_msleep((int32_t)(uintptr_t)sleep_ms);
	} else {
		(void)k_sem_take(&remove_sem, K_FOREVER);
	}
	remove_rc = k_mem_domain_remove_partition(&dom_p, &part_p);
}

static void remover_start(int sleep_ms)
{
	struct k_mem_partition *pp[] = { &atk_part, &part_p };

	zassert_ok(k_mem_domain_init(&dom_p, 2, pp));
	remove_rc = 1;
	k_sem_reset(&remove_sem);
	k_thread_create(&remover, remover_stack, K_THREAD_STACK_SIZEOF(remover_stack),
			remover_body, (void *)(uintptr_t)sleep_ms, NULL, NULL,
			K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
}

/* Wakes the remover (which preempts it at once), then writes again. */
static void write_wake_write(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	p_words[0] = 0x11111111;
	k_sem_give(&remove_sem);
	ATK_BEFORE();
	p_words[1] = 0x22222222;
	ATK_AFTER();
}

ZTEST(attacks_domain, test_03_partition_removed_at_syscall)
{
	p_words[0] = p_words[1] = 0;
	remover_start(0);
	atk_prepare("partition_removed_at_syscall", (uintptr_t)&p_words[1], write_wake_write,
		    NULL, NULL, true);
	zassert_ok(k_mem_domain_add_thread(&dom_p, &atk_thread));
	k_object_access_grant(&remove_sem, &atk_thread);
	atk_launch();
	zassert_ok(k_thread_join(&remover, K_MSEC(100)));
	zassert_equal(remove_rc, 0);
	atk_assert_stopped();
	zassert_equal(p_words[0], 0x11111111, "the first write did not happen");
	zassert_equal(p_words[1], 0, "written after the partition was removed");
	atk_assert_alive();
}

/* Reads in a loop; a timer interrupt hands the CPU to the remover. */
static void read_loop(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	for (;;) {
		atk.arg = p_words[0];
		atk.value++;
	}
}

ZTEST(attacks_domain, test_04_partition_removed_while_preempted)
{
	p_words[0] = 0x33333333;
	remover_start(5);
	atk_prepare("partition_removed_while_preempted", (uintptr_t)&p_words[0], read_loop, NULL,
		    NULL, true);
	zassert_ok(k_mem_domain_add_thread(&dom_p, &atk_thread));
	atk_launch();
	zassert_ok(k_thread_join(&remover, K_MSEC(100)));
	zassert_equal(remove_rc, 0);
	zassert_true(atk.value > 1000, "only %u reads before the removal",
		     (unsigned int)atk.value);
	zassert_equal(atk.arg, 0x33333333);
	atk_assert_alive();
}

/* Gapped, unaligned regions need two PMP entries each: slots run out. */
ZTEST(attacks_domain, test_05_domain_beyond_pmp_slots)
{
	static struct k_mem_partition many[CONFIG_MAX_DOMAIN_PARTITIONS];
	static struct k_mem_domain d;
	struct k_mem_partition *all[CONFIG_MAX_DOMAIN_PARTITIONS];
	int added = 0, rc = 0;

	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		many[i] = (struct k_mem_partition){ .start = 0x80400004 + 0x1000 * i,
						    .size = 0x104,
						    .attr = K_MEM_PARTITION_P_RW_U_RW };
		all[i] = &many[i];
	}
	zassert_ok(k_mem_domain_init(&d, 0, NULL));
	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		rc = k_mem_domain_add_partition(&d, &many[i]);
		if (rc != 0) {
			break;
		}
		added++;
	}
	zassert_equal(rc, -ENOSPC, "rc %d after %d partitions", rc, added);
	zassert_equal(added, K_MEM_DOMAIN_PMP_ENTRIES / 2);
	zassert_equal(d.num_partitions, added, "a refused partition changed the domain");
	/* All at once at init: refused as a whole, nothing half-loaded. */
	zassert_equal(k_mem_domain_init(&d, CONFIG_MAX_DOMAIN_PARTITIONS, all), -EINVAL);
}

ZTEST(attacks_domain, test_06_domain_zero_size_partition)
{
	static struct k_mem_domain d;
	struct k_mem_partition empty = { .start = (uintptr_t)&b_word, .size = 0,
					 .attr = K_MEM_PARTITION_P_RW_U_RW };
	struct k_mem_partition wraps = { .start = (uintptr_t)0 - 0x1000, .size = 0x2000,
					 .attr = K_MEM_PARTITION_P_RW_U_RW };
	struct k_mem_partition *parts[] = { &empty };
	struct k_mem_partition *wrapping[] = { &wraps };

	zassert_equal(k_mem_domain_init(&d, 1, parts), -EINVAL, "zero-size partition");
	zassert_equal(k_mem_domain_init(&d, 1, wrapping), -EINVAL, "wrapping partition");
	zassert_ok(k_mem_domain_init(&d, 0, NULL));
	zassert_equal(k_mem_domain_add_partition(&d, &empty), -EINVAL, "zero-size partition");
	zassert_equal(k_mem_domain_add_partition(&d, &wraps), -EINVAL, "wrapping partition");
	zassert_equal(d.num_partitions, 0);
}

ZTEST_SUITE(attacks_domain, NULL, domains_setup, NULL, NULL, NULL);
