/*
 * Shared harness of the user-mode attack suites (tests/userspace/attacks/).
 *
 * A case runs in kernel mode (plain ZTEST): it prints the marker lines
 * "ATTACK <name>" and "  target 0x<address>", declares the fault it
 * expects, then runs the attack in a fresh K_USER thread named "attacker"
 * and joins it.
 * testcase.ini then matches, right after the marker, the report of the
 * exact fault (or the refused syscall); the case itself asserts what must
 * hold afterwards: the attacker stopped at the attack (it never set
 * atk.reached), the kernel data it aimed at is unchanged, and the kernel
 * still schedules, times out and prints (atk_assert_alive()).
 *
 * The attacker's only memory besides its stack is the atk_part partition
 * (its domain atk_domain), where struct atk_shared lives.
 */
#ifndef ATTACK_H_
#define ATTACK_H_

#include <vireo/ztest.h>
#include <vireo/app_memory/app_memdomain.h>
#include <syscall_list.h>

#define ATK_STACK_SIZE 1024
/* Below the kernel-mode case thread (-1, cooperative): runs when it waits. */
#define ATK_PRIO K_PRIO_PREEMPT(1)

/* What the attacker reports back, in its partition. */
struct atk_shared {
	volatile uint32_t before;  /* 1: the attack was about to happen */
	volatile uint32_t reached; /* 1: the attacker went on after it (must not) */
	volatile uintptr_t value;  /* what the attack got: a value read, a return code */
	volatile uintptr_t arg;    /* a value the case hands over at run time */
};

extern struct k_mem_partition atk_part;
extern struct atk_shared atk;
extern struct k_thread atk_thread;
extern struct k_mem_domain atk_domain;

/* Inside an attacker: bracket the attack. */
#define ATK_BEFORE() (atk.before = 1)
#define ATK_AFTER() (atk.reached = 1)

/* Make atk_domain (done by atk_prepare() too). */
void atk_domain_setup(void);

/* For atk_prepare(): the target is printed later, with atk_print_target(). */
#define ATK_LATER 1UL

/*
 * Create the attacker (not started) in atk_domain, after printing the
 * marker lines "ATTACK <name>" and "  target 0x<addr>" (the address the
 * fault report must name). @p fault: the attack must end in a fatal error
 * of the attacker. Between atk_prepare() and atk_launch() a case may grant
 * objects or move the attacker to another domain.
 */
void atk_prepare(const char *name, uintptr_t addr, k_thread_entry_t fn, void *p1, void *p2,
		 bool fault);
/* The same on a stack of the caller's (a guarded one, say). */
void atk_prepare_on(const char *name, uintptr_t addr, k_thread_stack_t *stack, size_t size,
		    k_thread_entry_t fn, void *p1, void *p2, bool fault);
void atk_print_target(uintptr_t addr);
/* Start the attacker and wait (bounded) until it is dead. */
void atk_launch(void);
/* atk_prepare() + atk_launch(). */
void atk_run(const char *name, uintptr_t addr, k_thread_entry_t fn, void *p1, void *p2,
	     bool fault);

/* The attacker started the attack and never got past it. */
void atk_assert_stopped(void);
/* The kernel still runs normally: semaphores, timeouts, its own data. */
void atk_assert_alive(void);

/*
 * Attacker bodies (p1 = the address): one access, bracketed by
 * ATK_BEFORE/ATK_AFTER; a load leaves what it read in atk.value, a store
 * writes p2.
 */
void atk_load32(void *addr, void *p2, void *p3);
void atk_store32(void *addr, void *value, void *p3);
void atk_load8(void *addr, void *p2, void *p3);
void atk_store8(void *addr, void *value, void *p3);
/* Call p1 as a function. */
void atk_jump(void *addr, void *p2, void *p3);

/* Words of kernel memory that must not change, with their snapshot. */
struct atk_canary {
	const volatile uint32_t *words;
	size_t n;
	uint32_t copy[64];
};
void atk_canary_take(struct atk_canary *c, const volatile void *words, size_t n);
void atk_canary_check(const struct atk_canary *c);

#endif /* ATTACK_H_ */
