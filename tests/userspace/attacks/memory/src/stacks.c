/*
 * U-mode against stacks: another user thread's stack, privileged stacks
 * (its own and another thread's, live inside a syscall), the ISR and
 * main stacks; traps taken with sp, gp and tp pointing at kernel data or
 * holding garbage; a stack overflow in U-mode. Nothing may be written
 * through a user-controlled register, and the kernel must run on.
 */
#include "attack.h"

#define XSTR(x) STR(x)
#define STR(x) #x

/* A second user thread, blocked inside a syscall while it is attacked. */
static struct k_thread victim Z_KOBJ_SECTION(k_thread);
/* Small stacks here and for the ticker and remover: the suite fits 16 KiB. */
static K_THREAD_STACK_DEFINE(victim_stack, 512);
K_SEM_DEFINE(victim_sem, 0, 1);
K_APP_BMEM(atk_part) static volatile uint32_t victim_state;
K_APP_BMEM(atk_part) static volatile uintptr_t victim_local_addr;

#define VICTIM_WORDS 8
#define VICTIM_PATTERN 0x71c71000u

static void victim_body(void *p1, void *p2, void *p3)
{
	volatile uint32_t mine[VICTIM_WORDS];

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < VICTIM_WORDS; i++) {
		mine[i] = VICTIM_PATTERN + (uint32_t)i;
	}
	victim_local_addr = (uintptr_t)mine;
	victim_state = 1;
	victim_state = k_sem_take(&victim_sem, K_FOREVER) == 0 ? 2 : 3;
	for (int i = 0; i < VICTIM_WORDS; i++) {
		if (mine[i] != VICTIM_PATTERN + (uint32_t)i) {
			victim_state = 4;
		}
	}
}

/* Start the victim and let it block in k_sem_take() (on its priv stack). */
static void victim_start(void)
{
	victim_state = 0;
	atk_domain_setup();
	k_thread_create(&victim, victim_stack, K_THREAD_STACK_SIZEOF(victim_stack), victim_body,
			NULL, NULL, NULL, ATK_PRIO, K_USER, K_FOREVER);
	zassert_ok(k_thread_name_set(&victim, "victim"));
	zassert_ok(k_mem_domain_add_thread(&atk_domain, &victim));
	k_object_access_grant(&victim_sem, &victim);
	k_thread_start(&victim);
	k_msleep(2);
	zassert_equal(victim_state, 1, "the victim did not block");
	zassert_true(victim.arch.priv_stack_top != 0);
}

/* The victim wakes up, finds its stack as it left it and ends normally. */
static void victim_finish(void)
{
	k_sem_give(&victim_sem);
	zassert_ok(k_thread_join(&victim, K_MSEC(1000)));
	zassert_equal(victim_state, 2, "victim ended in state %u", (unsigned int)victim_state);
}

ZTEST(attacks_stack, test_01_read_other_thread_stack)
{
	victim_start();
	atk_run("read_other_thread_stack", victim_local_addr, atk_load32,
		(void *)victim_local_addr, NULL, true);
	atk_assert_stopped();
	zassert_not_equal(atk.value, VICTIM_PATTERN);
	victim_finish();
	atk_assert_alive();
}

ZTEST(attacks_stack, test_02_write_other_thread_stack)
{
	victim_start();
	atk_run("write_other_thread_stack", victim_local_addr + 4, atk_store32,
		(void *)(victim_local_addr + 4), (void *)0xbadc0de, true);
	atk_assert_stopped();
	victim_finish();
	atk_assert_alive();
}

/* The victim's privileged stack holds its live syscall frames. */
ZTEST(attacks_stack, test_03_write_other_priv_stack)
{
	struct atk_canary c;
	uintptr_t target;

	victim_start();
	target = victim.arch.priv_stack_top - 64;
	atk_canary_take(&c, (const volatile void *)target, 16);
	atk_run("write_other_priv_stack", target, atk_store32, (void *)target, (void *)0, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	victim_finish();
	atk_assert_alive();
}

K_SEM_DEFINE(go_sem, 0, 1);

static void read_own_priv_stack(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	/* Blocks in a syscall: the kernel then knows where its priv stack is. */
	(void)k_sem_take(&go_sem, K_FOREVER);
	ATK_BEFORE();
	atk.value = *(volatile uint32_t *)atk.arg;
	ATK_AFTER();
}

ZTEST(attacks_stack, test_04_read_own_priv_stack)
{
	uintptr_t target;

	atk_prepare("read_own_priv_stack", ATK_LATER, read_own_priv_stack, NULL, NULL, true);
	k_object_access_grant(&go_sem, &atk_thread);
	k_thread_start(&atk_thread);
	k_msleep(2);
	zassert_true(atk_thread.arch.priv_stack_top != 0);
	target = atk_thread.arch.priv_stack_top - 16;
	atk_print_target(target);
	atk.arg = target;
	k_sem_give(&go_sem);
	atk_launch();
	atk_assert_stopped();
	atk_assert_alive();
}

extern char z_interrupt_stack[];
K_KERNEL_STACK_EXTERN(z_main_stack);

ZTEST(attacks_stack, test_05_read_isr_stack)
{
	uintptr_t target = (uintptr_t)&z_interrupt_stack[512];

	atk_run("read_isr_stack", target, atk_load32, (void *)target, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

ZTEST(attacks_stack, test_06_write_main_stack)
{
	struct atk_canary c;
	uintptr_t target = ROUND_DOWN((uintptr_t)&z_main_stack[256], 4);

	/* main waits in k_thread_join() on this stack all along. */
	atk_canary_take(&c, (const volatile void *)(target - 32), 16);
	atk_run("write_main_stack", target, atk_store32, (void *)target, (void *)0xbadc0de, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

/* Kernel data a hostile sp points into, with canaries all around. */
static volatile uint32_t kernel_area[64];
K_SEM_DEFINE(sp_sem, 0, 1);

static void fill_area(struct atk_canary *c)
{
	for (int i = 0; i < 64; i++) {
		kernel_area[i] = 0xca7a0000u + (uint32_t)i;
	}
	atk_canary_take(c, kernel_area, 64);
}

/*
 * a0 = a semaphore, a1 = the new sp. The ecall must work without touching
 * memory at sp; the first store through sp afterwards must fault.
 */
void atk_ecall_with_sp(uintptr_t sem, uintptr_t sp);
__asm__(".section .text.atk_ecall_with_sp, \"ax\"\n"
	".globl atk_ecall_with_sp\n"
	".balign 4\n"
	"atk_ecall_with_sp:\n"
	"	mv	sp, a1\n"
	"	li	a7, " XSTR(K_SYSCALL_K_SEM_GIVE) "\n"
	"	ecall\n"
	"	sw	zero, 0(sp)\n"
	"	ret\n"
	".previous\n");

static void ecall_with_kernel_sp(void *sem, void *sp, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk_ecall_with_sp((uintptr_t)sem, (uintptr_t)sp);
	ATK_AFTER();
}

ZTEST(attacks_stack, test_07_ecall_with_sp_in_kernel_data)
{
	struct atk_canary c;
	uintptr_t sp = (uintptr_t)&kernel_area[32];

	fill_area(&c);
	k_sem_reset(&sp_sem);
	atk_prepare("ecall_with_sp_in_kernel_data", sp, ecall_with_kernel_sp, &sp_sem,
		    (void *)sp, true);
	k_object_access_grant(&sp_sem, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&sp_sem), 1, "the syscall did not run");
	atk_canary_check(&c);
	atk_assert_alive();
}

/* a0 = the new sp; then a load from address 0 faults with that sp. */
void atk_fault_with_sp(uintptr_t sp);
__asm__(".section .text.atk_fault_with_sp, \"ax\"\n"
	".globl atk_fault_with_sp\n"
	".balign 4\n"
	"atk_fault_with_sp:\n"
	"	mv	sp, a0\n"
	"	lw	a0, 0(zero)\n"
	"	ret\n"
	".previous\n");

static void fault_with_kernel_sp(void *sp, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk_fault_with_sp((uintptr_t)sp);
	ATK_AFTER();
}

ZTEST(attacks_stack, test_08_fault_with_sp_in_kernel_data)
{
	struct atk_canary c;

	fill_area(&c);
	atk_run("fault_with_sp_in_kernel_data", 0, fault_with_kernel_sp, (void *)&kernel_area[32],
		NULL, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

/*
 * a0 = a semaphore to give, a1 = one to wait on for 3 ticks: syscalls
 * (one that blocks and lets other threads and interrupts run) with gp and
 * tp holding garbage, then a fault that must report them as they were.
 */
void atk_gp_tp_garbage(uintptr_t give, uintptr_t take);
extern char atk_gp_tp_fault_insn[];
__asm__(".section .text.atk_gp_tp_garbage, \"ax\"\n"
	".globl atk_gp_tp_garbage\n"
	".globl atk_gp_tp_fault_insn\n"
	".balign 4\n"
	"atk_gp_tp_garbage:\n"
	"	mv	s1, a1\n"
	"	li	gp, 0xdeadbeef\n"
	"	li	tp, 0xdeadbeef\n"
	"	li	a7, " XSTR(K_SYSCALL_K_SEM_GIVE) "\n"
	"	ecall\n"
	"	mv	a0, s1\n"
	"	li	a1, 3\n"
	"	li	a2, 0\n"
	"	li	a7, " XSTR(K_SYSCALL_K_SEM_TAKE) "\n"
	"	ecall\n"
	"	mv	s2, a0\n"
	"atk_gp_tp_fault_insn:\n"
	"	csrr	a0, mstatus\n"
	"	ret\n"
	".previous\n");

K_SEM_DEFINE(never_sem, 0, 1);

static void gp_tp_garbage(void *give, void *take, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk_gp_tp_garbage((uintptr_t)give, (uintptr_t)take);
	ATK_AFTER();
}

ZTEST(attacks_stack, test_09_gp_tp_garbage)
{
	k_sem_reset(&sp_sem);
	atk_prepare("gp_tp_garbage", (uintptr_t)atk_gp_tp_fault_insn, gp_tp_garbage, &sp_sem,
		    &never_sem, true);
	k_object_access_grant(&sp_sem, &atk_thread);
	k_object_access_grant(&never_sem, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&sp_sem), 1, "the syscall did not run");
	printk("kernel printk after gp/tp garbage\n");
	atk_assert_alive();
}

/*
 * A user stack with kernel words right below and above it. With stack
 * guards, the lowest ARCH_STACK_GUARD_SIZE bytes of the array are the
 * guard, not the thread's: they must stay untouched as well.
 */
static struct {
	volatile uint32_t below[16];
	struct z_thread_stack_element stack[K_THREAD_STACK_LEN(512)] __aligned(16);
	volatile uint32_t above[16];
} guarded __aligned(16);

#define GUARD_WORDS (ARCH_STACK_GUARD_SIZE / 4)

static struct atk_canary guard_canary;

static void fill_guards(struct atk_canary *lo, struct atk_canary *hi)
{
	volatile uint32_t *guard = (volatile uint32_t *)guarded.stack;

	for (int i = 0; i < 16; i++) {
		guarded.below[i] = 0xb1100000u + (uint32_t)i;
		guarded.above[i] = 0xab0e0000u + (uint32_t)i;
	}
	for (int i = 0; i < GUARD_WORDS; i++) {
		guard[i] = 0x6a2d0000u + (uint32_t)i;
	}
	atk_canary_take(lo, guarded.below, 16);
	atk_canary_take(hi, guarded.above, 16);
	atk_canary_take(&guard_canary, guard, MIN(GUARD_WORDS, 64));
}

static void check_guards(const struct atk_canary *lo, const struct atk_canary *hi)
{
	atk_canary_check(lo);
	atk_canary_check(hi);
	atk_canary_check(&guard_canary);
}

static __noinline uint32_t recurse(volatile uint32_t *prev, uint32_t depth)
{
	volatile uint32_t frame[16];

	frame[0] = depth;
	frame[15] = prev != NULL ? prev[0] : 0;
	atk.value = depth;
	if (depth > 1000000) {
		return frame[15];
	}
	return recurse(frame, depth + 1) + frame[15];
}

static void overflow(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	(void)recurse(NULL, 0);
	ATK_AFTER();
}

ZTEST(attacks_stack, test_10_user_stack_overflow)
{
	struct atk_canary lo, hi;

	fill_guards(&lo, &hi);
	atk_prepare_on("user_stack_overflow", ATK_LATER, guarded.stack, sizeof(guarded.stack),
		       overflow, NULL, NULL, true);
	atk_print_target(atk_thread.stack_info.start);
	atk_launch();
	atk_assert_stopped();
	/* Several 80-byte frames fit the 512-byte stack before the fault. */
	zassert_true(atk.value > 2, "recursed only %u deep", (unsigned int)atk.value);
	check_guards(&lo, &hi);
	atk_assert_alive();
}

/* The address is only known once the thread exists: it comes in atk.arg. */
static void store_to_arg(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	*(volatile uint32_t *)atk.arg = 0xbadc0de;
	ATK_AFTER();
}

/* The word right below the thread's stack, and the one right above. */
static void beyond_stack_case(const char *name, bool above)
{
	struct atk_canary lo, hi;
	uintptr_t target;

	fill_guards(&lo, &hi);
	atk_prepare_on(name, ATK_LATER, guarded.stack, sizeof(guarded.stack), store_to_arg, NULL,
		       NULL, true);
	target = above ? atk_thread.stack_info.start + atk_thread.stack_info.size
		       : atk_thread.stack_info.start - 4;
	atk_print_target(target);
	atk.arg = target;
	atk_launch();
	atk_assert_stopped();
	check_guards(&lo, &hi);
	atk_assert_alive();
}

ZTEST(attacks_stack, test_11_write_below_own_stack)
{
	beyond_stack_case("write_below_own_stack", false);
}

ZTEST(attacks_stack, test_12_write_above_own_stack)
{
	beyond_stack_case("write_above_own_stack", true);
}

ZTEST_SUITE(attacks_stack, NULL, NULL, NULL, NULL, NULL);
