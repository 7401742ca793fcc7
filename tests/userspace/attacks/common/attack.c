/*
 * The attack harness (attack.h): one attacker thread, its domain and
 * shared partition, and the checks every case makes afterwards.
 * Used by the kernel-mode case thread only, one case at a time.
 */
#include "attack.h"

K_APPMEM_PARTITION_DEFINE(atk_part);
K_APP_BMEM(atk_part) struct atk_shared atk;
struct k_mem_domain atk_domain;
struct k_thread atk_thread Z_KOBJ_SECTION(k_thread);
static K_THREAD_STACK_DEFINE(atk_stack, ATK_STACK_SIZE);

/* Kernel-only: no attacker is ever granted these. */
K_SEM_DEFINE(alive_sem, 0, 1);
static volatile uint32_t alive_canary = 0x600dcafe;

void atk_print_target(uintptr_t addr)
{
	/* Register width, so that it matches the fault report's a0..a7. */
	printk("  target 0x%0*lx\n", (int)(2 * sizeof(long)), (unsigned long)addr);
}

void atk_prepare(const char *name, uintptr_t addr, k_thread_entry_t fn, void *p1, void *p2,
		 bool fault)
{
	atk_prepare_on(name, addr, atk_stack, K_THREAD_STACK_SIZEOF(atk_stack), fn, p1, p2, fault);
}

void atk_domain_setup(void)
{
	static bool domain_ready;

	if (!domain_ready) {
		struct k_mem_partition *parts[] = { &atk_part };

		zassert_ok(k_mem_domain_init(&atk_domain, 1, parts));
		domain_ready = true;
	}
}

void atk_prepare_on(const char *name, uintptr_t addr, k_thread_stack_t *stack, size_t size,
		    k_thread_entry_t fn, void *p1, void *p2, bool fault)
{
	atk_domain_setup();
	atk.before = 0;
	atk.reached = 0;
	atk.value = 0;
	atk.arg = 0;
	printk("ATTACK %s\n", name);
	if (addr != ATK_LATER) {
		atk_print_target(addr);
	}
	k_thread_create(&atk_thread, stack, size, fn, p1, p2, NULL, ATK_PRIO, K_USER, K_FOREVER);
	zassert_ok(k_thread_name_set(&atk_thread, "attacker"));
	zassert_ok(k_mem_domain_add_thread(&atk_domain, &atk_thread));
	ztest_set_fault_valid(fault);
}

void atk_launch(void)
{
	int rc;

	k_thread_start(&atk_thread);
	rc = k_thread_join(&atk_thread, K_MSEC(2000));
	if (rc != 0) {
		k_thread_abort(&atk_thread);
	}
	/* A fault that did not come must not excuse a later one. */
	ztest_set_fault_valid(false);
	zassert_ok(rc, "the attacker still runs after 2 s");
}

void atk_run(const char *name, uintptr_t addr, k_thread_entry_t fn, void *p1, void *p2,
	     bool fault)
{
	atk_prepare(name, addr, fn, p1, p2, fault);
	atk_launch();
}

void atk_assert_stopped(void)
{
	zassert_equal(atk.before, 1, "the attack never started");
	zassert_equal(atk.reached, 0, "the attacker went on after the attack (got 0x%lx)",
		      (unsigned long)atk.value);
}

void atk_assert_alive(void)
{
	int64_t t0 = k_uptime_get();

	zassert_false(k_is_user_context());
	zassert_equal(k_sem_take(&alive_sem, K_MSEC(3)), -EAGAIN, "timeouts no longer work");
	zassert_true(k_uptime_get() - t0 >= 3, "a 3 ms wait took %d ms",
		     (int)(k_uptime_get() - t0));
	k_sem_give(&alive_sem);
	zassert_ok(k_sem_take(&alive_sem, K_NO_WAIT), "semaphores no longer work");
	zassert_equal(alive_canary, 0x600dcafe, "kernel data changed");
}

void atk_canary_take(struct atk_canary *c, const volatile void *words, size_t n)
{
	zassert_true(n <= ARRAY_SIZE(c->copy));
	c->words = words;
	c->n = n;
	for (size_t i = 0; i < n; i++) {
		c->copy[i] = c->words[i];
	}
}

void atk_canary_check(const struct atk_canary *c)
{
	for (size_t i = 0; i < c->n; i++) {
		zassert_equal(c->words[i], c->copy[i], "kernel word %p changed: 0x%08lx -> 0x%08lx",
			      (const void *)&c->words[i], (unsigned long)c->copy[i],
			      (unsigned long)c->words[i]);
	}
}

void atk_load32(void *addr, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = *(volatile uint32_t *)addr;
	ATK_AFTER();
}

void atk_store32(void *addr, void *value, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	*(volatile uint32_t *)addr = (uint32_t)(uintptr_t)value;
	ATK_AFTER();
}

void atk_load8(void *addr, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = *(volatile uint8_t *)addr;
	ATK_AFTER();
}

void atk_store8(void *addr, void *value, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	*(volatile uint8_t *)addr = (uint8_t)(uintptr_t)value;
	ATK_AFTER();
}

void atk_jump(void *addr, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	((void (*)(void))addr)();
	ATK_AFTER();
}
