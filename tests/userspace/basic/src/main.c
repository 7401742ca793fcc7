/*
 * User mode basics: a K_USER thread runs in U-mode, reaches the kernel
 * through syscalls on objects it was granted, prints, and faults (only
 * itself) when it touches kernel memory.
 */
#include <vireo/ztest.h>

K_SEM_DEFINE(ping, 0, 1);
K_SEM_DEFINE(not_granted, 0, 1);
static K_THREAD_STACK_DEFINE(user_stack, 1024);
static struct k_thread user_thread Z_KOBJ_SECTION(k_thread);
static volatile int kernel_secret = 42;
static volatile int reached;

static void start_user(k_thread_entry_t entry)
{
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack), entry, NULL,
			NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_FOREVER);
	k_object_access_grant(&ping, &user_thread);
	k_thread_start(&user_thread);
}

static void gives_ping(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	printk("user thread: in user mode: %d\n", (int)k_is_user_context());
	k_sem_give(&ping);
}

ZTEST(userspace_basic, test_user_thread_gives_granted_sem)
{
	start_user(gives_ping);
	zassert_ok(k_sem_take(&ping, K_MSEC(100)));
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_false(k_is_user_context());
}

static void reads_kernel(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	reached = kernel_secret;
}

ZTEST(userspace_basic, test_read_kernel_data_faults)
{
	reached = 0;
	ztest_set_fault_valid(true);
	start_user(reads_kernel);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(reached, 0, "user mode read kernel data");
}

static void uses_ungranted(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(&not_granted);
	reached = 1;
}

ZTEST(userspace_basic, test_ungranted_object_oopses)
{
	reached = 0;
	ztest_set_fault_valid(true);
	start_user(uses_ungranted);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(k_sem_count_get(&not_granted), 0);
}

ZTEST_SUITE(userspace_basic, NULL, NULL, NULL, NULL, NULL);

/* Domains: a partition granted through a domain is usable, and only then. */
#include <vireo/app_memory/app_memdomain.h>

K_APPMEM_PARTITION_DEFINE(shared_part);
K_APP_BMEM(shared_part) static volatile int shared_counter;
K_APP_DMEM(shared_part) static volatile int shared_init = 7;
static struct k_mem_domain user_domain;

static void bumps_shared(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	shared_counter += shared_init;
}

ZTEST(userspace_domain, test_partition_in_domain_is_writable)
{
	struct k_mem_partition *parts[] = { &shared_part };

	zassert_true(shared_part.size >= 2 * sizeof(int), "size %u", (unsigned int)shared_part.size);
	zassert_ok(k_mem_domain_init(&user_domain, 1, parts));
	shared_counter = 0;
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack), bumps_shared,
			NULL, NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_FOREVER);
	zassert_ok(k_mem_domain_add_thread(&user_domain, &user_thread));
	k_thread_start(&user_thread);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(shared_counter, 7);
}

ZTEST(userspace_domain, test_partition_outside_domain_faults)
{
	shared_counter = 0;
	ztest_set_fault_valid(true);
	/* Created by the kernel-mode test thread: the default domain, no partition. */
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack), bumps_shared,
			NULL, NULL, NULL, K_PRIO_PREEMPT(1), K_USER, K_NO_WAIT);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(shared_counter, 0);
}

ZTEST(userspace_domain, test_domain_api_errors)
{
	struct k_mem_domain d;
	struct k_mem_partition empty = { .start = 0x80000000, .size = 0,
					 .attr = K_MEM_PARTITION_P_RW_U_RW };
	struct k_mem_partition a = { .start = 0x80100000, .size = 0x100,
				     .attr = K_MEM_PARTITION_P_RW_U_RW };
	struct k_mem_partition a_ro = { .start = 0x80100080, .size = 0x100,
					.attr = K_MEM_PARTITION_P_RW_U_RO };
	struct k_mem_partition *parts[] = { &empty };

	zassert_equal(k_mem_domain_init(&d, 1, parts), -EINVAL, "zero-size partition");
	zassert_ok(k_mem_domain_init(&d, 0, NULL));
	zassert_ok(k_mem_domain_add_partition(&d, &a));
	zassert_equal(k_mem_domain_add_partition(&d, &a_ro), -EINVAL, "conflicting overlap");
	zassert_ok(k_mem_domain_remove_partition(&d, &a));
	zassert_equal(k_mem_domain_remove_partition(&d, &a), -ENOENT);
}

ZTEST(userspace_domain, test_more_regions_than_pmp_slots_refused)
{
	static struct k_mem_partition many[CONFIG_MAX_DOMAIN_PARTITIONS];
	struct k_mem_domain d;
	int added = 0, rc = 0;

	zassert_ok(k_mem_domain_init(&d, 0, NULL));
	/* Gapped, unaligned regions: two PMP entries each, so slots run out. */
	for (int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		many[i] = (struct k_mem_partition){ .start = 0x80200004 + 0x1000 * i, .size = 0x104,
						    .attr = K_MEM_PARTITION_P_RW_U_RW };
		rc = k_mem_domain_add_partition(&d, &many[i]);
		if (rc != 0) {
			break;
		}
		added++;
	}
	zassert_equal(rc, -ENOSPC, "rc %d after %d partitions", rc, added);
	zassert_equal(added, K_MEM_DOMAIN_PMP_ENTRIES / 2);
	zassert_equal(d.num_partitions, added, "a refused partition must change nothing");
}

ZTEST_SUITE(userspace_domain, NULL, NULL, NULL, NULL, NULL);

/* ZTEST_USER: the case itself runs in U-mode. */
K_SEM_DEFINE(user_case_sem, 0, 1);
ZTEST_BMEM static int user_case_value;

static void *user_suite_setup(void)
{
	k_object_access_all_grant(&user_case_sem);
	return NULL;
}

ZTEST_USER(userspace_ztest_user, test_runs_in_user_mode)
{
	zassert_true(k_is_user_context());
	user_case_value = 5;
	k_sem_give(&user_case_sem);
	zassert_equal(k_sem_count_get(&user_case_sem), 1);
	zassert_ok(k_sem_take(&user_case_sem, K_NO_WAIT));
	zassert_equal(user_case_value, 5);
}

ZTEST_SUITE(userspace_ztest_user, NULL, user_suite_setup, NULL, NULL, NULL);

/* Dynamic objects: from the pool, usable once initialized, with permission. */
ZTEST_USER(userspace_ztest_user, test_user_allocates_a_semaphore)
{
	struct k_sem *sem = k_object_alloc(K_OBJ_SEM);

	zassert_not_null(sem);
	zassert_ok(k_sem_init(sem, 1, 1));
	zassert_ok(k_sem_take(sem, K_NO_WAIT));
	zassert_equal(k_sem_take(sem, K_NO_WAIT), -EBUSY);
	zassert_is_null(k_object_alloc(K_OBJ_ANY), "not a type");
}

static struct k_sem *dyn_sem;

static void uses_dyn_sem(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(dyn_sem);
}

ZTEST(userspace_dynamic, test_pool_exhaustion_and_reuse)
{
	void *objs[CONFIG_DYNAMIC_OBJECTS_POOL_SIZE];
	int n = 0;

	while (n < CONFIG_DYNAMIC_OBJECTS_POOL_SIZE && (objs[n] = k_object_alloc(K_OBJ_MUTEX)) != NULL) {
		n++;
	}
	zassert_is_null(k_object_alloc(K_OBJ_MUTEX), "pool must run dry");
	k_object_free(objs[0]);
	zassert_not_null(k_object_alloc(K_OBJ_SEM), "a freed slot is reused");
	for (int i = 0; i < n; i++) {
		k_object_free(objs[i]);
	}
}

ZTEST(userspace_dynamic, test_uninitialized_dynamic_object_refused)
{
	dyn_sem = k_object_alloc(K_OBJ_SEM);
	zassert_not_null(dyn_sem);
	ztest_set_fault_valid(true);
	start_user(uses_dyn_sem);
	k_object_access_grant(dyn_sem, &user_thread);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
	zassert_equal(dyn_sem->count, 0, "an uninitialized object must be refused");
	k_object_free(dyn_sem);
}

ZTEST_SUITE(userspace_dynamic, NULL, NULL, NULL, NULL, NULL);

/* K_INHERIT_PERMS: a new thread gets its creator's permissions, only then. */
K_SEM_DEFINE(inherited_sem, 0, 1);

static void gives_inherited(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_sem_give(&inherited_sem);
}

static void start_with(uint32_t options)
{
	k_thread_create(&user_thread, user_stack, K_THREAD_STACK_SIZEOF(user_stack),
			gives_inherited, NULL, NULL, NULL, K_PRIO_PREEMPT(1), options, K_NO_WAIT);
	zassert_ok(k_thread_join(&user_thread, K_MSEC(100)));
}

ZTEST(userspace_perms, test_1_inherit_perms)
{
	k_object_access_grant(&inherited_sem, k_current_get());
	start_with(K_USER | K_INHERIT_PERMS);
	zassert_equal(k_sem_count_get(&inherited_sem), 1, "the inheriting thread could give");
	zassert_ok(k_sem_take(&inherited_sem, K_NO_WAIT));

	ztest_set_fault_valid(true);
	start_with(K_USER);
	zassert_equal(k_sem_count_get(&inherited_sem), 0, "without K_INHERIT_PERMS: refused");
	k_object_access_revoke(&inherited_sem, k_current_get());
}

ZTEST(userspace_perms, test_2_dead_thread_slot_starts_clean)
{
	/* The previous case's threads held inherited_sem; their slots were freed. */
	ztest_set_fault_valid(true);
	start_with(K_USER);
	zassert_equal(k_sem_count_get(&inherited_sem), 0, "a reused slot kept a permission");
}

ZTEST_SUITE(userspace_perms, NULL, NULL, NULL, NULL, NULL);
