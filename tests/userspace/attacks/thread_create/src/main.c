/*
 * A user thread may create user threads on stacks it can write
 * (k_thread_create from U-mode). Each new thread first runs kernel code in
 * M-mode, on that stack, until it drops to U-mode. These cases attack that
 * window:
 *
 * - an interrupt taken there saves its frame (return address, and a
 *   status saying "return to M-mode") where the creator can rewrite it;
 * - a stack too small for the start-up code makes M-mode frames, with
 *   values the creator chose, spill below the stack into kernel memory
 *   (the smallest stack accepted has room for them only if it includes a
 *   stack guard: see the no_guard variant);
 * - a zero-size stack passes the buffer check wherever it points, kernel
 *   memory included (refused by a size check since the stack guards).
 *
 * Expected of a sound kernel: none of this reaches M-mode or kernel memory
 * (the start-up runs on the privileged stack, or such stacks are refused).
 */
#include "attack.h"
#include <vireo/arch/riscv/csr.h>

/* Memory the attacker owns: the child's stack. */
K_APPMEM_PARTITION_DEFINE(child_part);
K_APP_BMEM(child_part) static struct z_thread_stack_element child_stack[1024] __aligned(16);
static struct k_mem_domain child_domain;
static struct k_thread child Z_KOBJ_SECTION(k_thread);

/* Set only by code running in M-mode on the attacker's behalf. */
static volatile uint32_t escalated;
static volatile unsigned long escalated_mstatus;

#define ESCALATED_MAGIC 0xe5ca1a7e

/* What the attacker wants run in M-mode: proof, then a clean exit. */
void escalation_payload(void)
{
	escalated_mstatus = csr_read(mstatus);
	escalated = ESCALATED_MAGIC;
	k_thread_abort(k_current_get());
}

static void child_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
}

extern char __text_start[], __text_end[];

/* An interrupt frame from M-mode in the child's stack, if there is one. */
static struct arch_esf *find_frame(void)
{
	char *top = (char *)child_stack + sizeof(child_stack);

	for (char *p = top - sizeof(struct arch_esf); p >= top - 512; p -= 4) {
		struct arch_esf *f = (struct arch_esf *)p;

		if ((f->status & MSTATUS_MPP_MASK) == MSTATUS_MPP_MASK &&
		    f->epc >= (unsigned long)__text_start && f->epc < (unsigned long)__text_end) {
			return f;
		}
	}
	return NULL;
}

/*
 * The child, below the attacker's priority, starts when the attacker
 * sleeps. The attacker's wake-up time is already past, so the timer
 * interrupt is pending from that moment: it fires at the child's first
 * instruction with interrupts on (z_riscv_thread_start), in M-mode, with
 * sp on the child's stack; it wakes the attacker, which preempts the
 * child there.
 */
static void irq_frame_attack(void *p1, void *p2, void *p3)
{
	struct arch_esf *f;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_thread_create(&child, child_stack, sizeof(child_stack), child_entry, NULL, NULL, NULL,
			ATK_PRIO + 1, K_USER, K_NO_WAIT);
	k_sleep(K_TIMEOUT_ABS_TICKS(0));
	f = find_frame();
	if (f != NULL) {
		atk.arg = f->epc;
		ATK_BEFORE();
		f->epc = (unsigned long)escalation_payload;
	}
	(void)k_thread_join(&child, K_MSEC(100));
	ATK_AFTER();
}

static void child_domain_setup(void)
{
	struct k_mem_partition *parts[] = { &atk_part, &child_part };

	atk_domain_setup();
	zassert_ok(k_mem_domain_init(&child_domain, 2, parts));
}

ZTEST(attacks_thread_create, test_01_irq_frame_on_creator_writable_stack)
{
	escalated = 0;
	child_domain_setup();
	atk_prepare("irq_frame_on_creator_writable_stack", (uintptr_t)child_stack,
		    irq_frame_attack, NULL, NULL, false);
	zassert_ok(k_mem_domain_add_thread(&child_domain, &atk_thread));
	k_object_access_grant(&child, &atk_thread);
	atk_launch();
	if (atk.before != 0) {
		printk("  the creator found an M-mode interrupt frame in the child's stack "
		       "(mepc 0x%08lx) and rewrote its mepc\n", (unsigned long)atk.arg);
	}
	zassert_not_equal(escalated, ESCALATED_MAGIC,
			  "user-chosen code ran in M-mode (mstatus 0x%08lx)", escalated_mstatus);
	zassert_equal(atk.before, 0, "an M-mode frame was left on a user-writable stack");
	atk_assert_alive();
}

/*
 * A guard of kernel words right below child_part's start marker: the
 * linker sorts input sections by name, so ".app_smem.child_part.00guard"
 * lands between the previous partition and this one, in no partition.
 */
static volatile uint32_t below_part[8] __used __aligned(4)
	__section(".app_smem.child_part.00guard");

static void tiny_stack_attack(void *stack, void *size, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	/* The entry and its arguments are what the start-up code spills. */
	atk.value = (uintptr_t)k_thread_create(&child, stack,
					       (size_t)size, (k_thread_entry_t)0x41414141,
					       (void *)0x42424242, (void *)0x43434343,
					       (void *)0x44444444, ATK_PRIO + 1, K_USER, K_NO_WAIT);
	(void)k_thread_join(&child, K_MSEC(100));
	ATK_AFTER();
}

ZTEST(attacks_thread_create, test_02_tiny_stack_spills_into_kernel)
{
	/* The smallest stack k_thread_create() accepts. */
	const size_t size = ARCH_STACK_GUARD_SIZE + 2 * ARCH_STACK_PTR_ALIGN;
	struct atk_canary c;

	for (int i = 0; i < 8; i++) {
		below_part[i] = 0x9a4d0000u + (uint32_t)i;
	}
	atk_canary_take(&c, below_part, 8);
	zassert_equal((uintptr_t)&below_part[8], child_part.start, "the guard is not below");
	child_domain_setup();
	atk_prepare("tiny_stack_spills_into_kernel", child_part.start, tiny_stack_attack,
		    (void *)child_part.start, (void *)size, false);
	zassert_ok(k_mem_domain_add_thread(&child_domain, &atk_thread));
	k_object_access_grant(&child, &atk_thread);
	/* The child itself faults in U-mode at once (or the call is refused). */
	ztest_set_fault_valid(true);
	atk_launch();
	printk("  kernel words below the partition now:");
	for (int i = 0; i < 8; i++) {
		printk(" %08lx", (unsigned long)below_part[i]);
	}
	printk("\n");
	atk_canary_check(&c);
	atk_assert_alive();
}

/*
 * More user threads than privileged stacks (CONFIG_MAX_USER_THREADS): the
 * one left without must die alone, with a report, not take another's.
 */
#define KIDS CONFIG_MAX_USER_THREADS
K_APP_BMEM(child_part) static struct z_thread_stack_element
	kid_stacks[KIDS][K_THREAD_STACK_LEN(512)] __aligned(16);
static struct k_thread kids[KIDS] Z_KOBJ_SECTION(k_thread);
K_SEM_DEFINE(kids_park, 0, KIDS);
K_APP_BMEM(child_part) static volatile uint32_t kids_in_user_mode;

static void kid_body(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	kids_in_user_mode++;
	(void)k_sem_take(&kids_park, K_FOREVER);
}

static void spawn_kids(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < KIDS; i++) {
		(void)k_thread_create(&kids[i], kid_stacks[i], sizeof(kid_stacks[i]), kid_body,
				      NULL, NULL, NULL, ATK_PRIO + 1, K_USER | K_INHERIT_PERMS,
				      K_NO_WAIT);
	}
	/* Lower priority: they start now. */
	k_msleep(5);
	atk.value = kids_in_user_mode;
	ATK_AFTER();
}

ZTEST(attacks_thread_create, test_04_priv_stacks_run_out)
{
	int alive = 0;

	kids_in_user_mode = 0;
	child_domain_setup();
	atk_prepare("priv_stacks_run_out", 0, spawn_kids, NULL, NULL, true);
	zassert_ok(k_mem_domain_add_thread(&child_domain, &atk_thread));
	k_object_access_grant(&kids_park, &atk_thread);
	for (int i = 0; i < KIDS; i++) {
		k_object_access_grant(&kids[i], &atk_thread);
	}
	atk_launch();
	zassert_equal(atk.reached, 1);
	for (int i = 0; i < KIDS; i++) {
		alive += (kids[i].base.thread_state & BIT(3)) == 0;
	}
	/* The attacker held one stack while the kids started. */
	zassert_equal(atk.value, KIDS - 1, "%u kids reached user mode", (unsigned int)atk.value);
	zassert_equal(alive, KIDS - 1, "%d kids alive", alive);
	for (int i = 0; i < KIDS; i++) {
		k_thread_abort(&kids[i]);
	}
	atk_assert_alive();
}

/* A zero-size stack: the write check of 0 bytes accepts any address. */
static volatile uint32_t kernel_area[64] __aligned(16);

static void zero_stack_attack(void *where, void *delay, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = (uintptr_t)k_thread_create(&child, where, 0, child_entry, NULL, NULL, NULL,
					       ATK_PRIO + 1, K_USER,
					       delay != NULL ? K_NO_WAIT : K_FOREVER);
	ATK_AFTER();
	if (delay != NULL) {
		(void)k_thread_join(&child, K_MSEC(100));
	}
}

static void zero_stack_case(const char *name, bool start)
{
	uintptr_t where = (uintptr_t)&kernel_area[32];
	struct atk_canary c;

	for (int i = 0; i < 64; i++) {
		kernel_area[i] = 0x2e200000u + (uint32_t)i;
	}
	atk_canary_take(&c, kernel_area, 64);
	atk_prepare(name, where, zero_stack_attack, (void *)where, start ? (void *)1 : NULL,
		    true);
	k_object_access_grant(&child, &atk_thread);
	atk_launch();
	if (atk.reached != 0) {
		printk("  k_thread_create(stack = 0x%08lx, size 0) returned 0x%08lx\n",
		       (unsigned long)where, (unsigned long)atk.value);
		if ((child.base.thread_state & BIT(2)) != 0) {
			/* Created, not started: do not let it run. */
			k_thread_abort(&child);
		}
	}
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

/* Created but not started: shows the check without letting it run. */
ZTEST(attacks_thread_create, test_03_zero_size_stack_in_kernel_accepted)
{
	zero_stack_case("zero_size_stack_in_kernel_accepted", false);
}

/*
 * Started: the start-up code would run with sp in kernel data, then wipe
 * from there upwards (the TLS block lands below the stack). Last in the
 * suite: the kernel did not survive it before the size check.
 */
ZTEST(attacks_thread_create, test_99_zero_size_stack_in_kernel_started)
{
	zero_stack_case("zero_size_stack_in_kernel_started", true);
}

ZTEST_SUITE(attacks_thread_create, NULL, NULL, NULL, NULL, NULL);
