/*
 * Registers across the user/kernel boundary: every register but a0 comes
 * back from a syscall (one that returns at once, one that blocks) and from
 * interrupts and preemption exactly as U-mode left it, so nothing of the
 * kernel leaks to user mode and nothing of the user is lost.
 */
#include "attack.h"

K_SEM_DEFINE(regs_sem, 0, 1);

/*
 * Every register but a0 (the result) must come back from a syscall as it
 * went in: nothing of the kernel leaks to U-mode. a0 = the argument,
 * a1 = the id; returns how many registers differ.
 */
#define FILL(reg, n) "	li	" #reg ", 0x7e570000 + " #n "\n"
#define CHECK(reg, n)                      \
	"	li	t6, 0x7e570000 + " #n "\n" \
	"	beq	" #reg ", t6, 1f\n"          \
	"	addi	a0, a0, 1\n"                 \
	"1:\n"
/*
 * The callee-saved registers the fill clobbers, kept for the C caller:
 * 16 register slots (RB bytes each, so sp stays 16-byte aligned).
 */
#if __riscv_xlen == 64
#define SR "sd"
#define LR "ld"
#define RB "8"
#else
#define SR "sw"
#define LR "lw"
#define RB "4"
#endif /* __riscv_xlen == 64 */
#define SAVE1(reg, slot) "	" SR "	" #reg ", " #slot "*" RB "(sp)\n"
#define LOAD1(reg, slot) "	" LR "	" #reg ", " #slot "*" RB "(sp)\n"
#define SAVE_CALLEE                                                             \
	"	addi	sp, sp, -16*" RB "\n"                                              \
	SAVE1(ra, 15) SAVE1(s0, 14) SAVE1(s1, 13) SAVE1(s2, 12) SAVE1(s3, 11)       \
	SAVE1(s4, 10) SAVE1(s5, 9) SAVE1(s6, 8) SAVE1(s7, 7) SAVE1(s8, 6)           \
	SAVE1(s9, 5) SAVE1(s10, 4) SAVE1(s11, 3)
#define RESTORE_CALLEE_AND_RETURN                                               \
	LOAD1(ra, 15) LOAD1(s0, 14) LOAD1(s1, 13) LOAD1(s2, 12) LOAD1(s3, 11)       \
	LOAD1(s4, 10) LOAD1(s5, 9) LOAD1(s6, 8) LOAD1(s7, 7) LOAD1(s8, 6)           \
	LOAD1(s9, 5) LOAD1(s10, 4) LOAD1(s11, 3)                                    \
	"	addi	sp, sp, 16*" RB "\n	ret\n"
/* s2..t6: the same in both tests (which differ in a1/a7 only). */
#define FILL_REST                                                               \
	FILL(s2, 18) FILL(s3, 19) FILL(s4, 20) FILL(s5, 21) FILL(s6, 22) FILL(s7, 23) \
	FILL(s8, 24) FILL(s9, 25) FILL(s10, 26) FILL(s11, 27) FILL(t3, 28) FILL(t4, 29) \
	FILL(t5, 30) FILL(t6, 31)
#define CHECK_REST                                                              \
	CHECK(s2, 18) CHECK(s3, 19) CHECK(s4, 20) CHECK(s5, 21) CHECK(s6, 22)         \
	CHECK(s7, 23) CHECK(s8, 24) CHECK(s9, 25) CHECK(s10, 26) CHECK(s11, 27)       \
	CHECK(t3, 28) CHECK(t4, 29) CHECK(t5, 30)

int atk_syscall_regs(uintptr_t arg, uintptr_t id);
__asm__(".section .text.atk_syscall_regs, \"ax\"\n"
	".globl atk_syscall_regs\n"
	".balign 4\n"
	"atk_syscall_regs:\n"
	SAVE_CALLEE
	"	mv	a7, a1\n"
	FILL(ra, 1) FILL(t0, 5) FILL(t1, 6) FILL(t2, 7) FILL(s0, 8) FILL(s1, 9)
	FILL(a1, 11) FILL(a2, 12) FILL(a3, 13) FILL(a4, 14) FILL(a5, 15) FILL(a6, 16)
	FILL_REST
	"	ecall\n"
	"	li	a0, 0\n"
	CHECK(ra, 1) CHECK(t0, 5) CHECK(t1, 6) CHECK(t2, 7) CHECK(s0, 8) CHECK(s1, 9)
	CHECK(a1, 11) CHECK(a2, 12) CHECK(a3, 13) CHECK(a4, 14) CHECK(a5, 15) CHECK(a6, 16)
	CHECK_REST
	RESTORE_CALLEE_AND_RETURN
	".previous\n");

static void syscall_regs(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	/* A plain call, then one that blocks and switches threads. */
	atk.value = (uintptr_t)atk_syscall_regs((uintptr_t)&regs_sem, K_SYSCALL_K_SEM_GIVE);
	atk.arg = (uintptr_t)atk_syscall_regs(1, K_SYSCALL_K_USLEEP);
	ATK_AFTER();
}

ZTEST(attacks_stack, test_13_registers_after_syscall)
{
	k_sem_reset(&regs_sem);
	atk_prepare("registers_after_syscall", 0, syscall_regs, NULL, NULL, false);
	k_object_access_grant(&regs_sem, &atk_thread);
	atk_launch();
	zassert_equal(atk.reached, 1);
	zassert_equal(k_sem_count_get(&regs_sem), 1, "the syscall did not run");
	zassert_equal(atk.value, 0, "%u registers changed across k_sem_give",
		      (unsigned int)atk.value);
	zassert_equal(atk.arg, 0, "%u registers changed across k_usleep",
		      (unsigned int)atk.arg);
}

/*
 * The same across interrupts and preemption: spin in U-mode with every
 * register holding a pattern while a kernel thread runs each millisecond,
 * until that thread, done, sets the word a0 points to (no clock CSR is
 * needed: the FE310 has no time CSR). Returns how many registers differ.
 */
int atk_spin_regs(volatile uintptr_t *done);
__asm__(".section .text.atk_spin_regs, \"ax\"\n"
	".globl atk_spin_regs\n"
	".balign 4\n"
	"atk_spin_regs:\n"
	SAVE_CALLEE
	FILL(ra, 1) FILL(t0, 5) FILL(t1, 6) FILL(t2, 7) FILL(s0, 8) FILL(s1, 9)
	FILL(a2, 12) FILL(a3, 13) FILL(a4, 14) FILL(a5, 15) FILL(a6, 16) FILL(a7, 17)
	FILL_REST
	"2:	lw	a1, 0(a0)\n"
	"	beqz	a1, 2b\n"
	"	li	a0, 0\n"
	CHECK(ra, 1) CHECK(t0, 5) CHECK(t1, 6) CHECK(t2, 7) CHECK(s0, 8) CHECK(s1, 9)
	CHECK(a2, 12) CHECK(a3, 13) CHECK(a4, 14) CHECK(a5, 15) CHECK(a6, 16) CHECK(a7, 17)
	CHECK_REST
	RESTORE_CALLEE_AND_RETURN
	".previous\n");

static volatile int ticks_seen;

static void ticker(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < 8; i++) {
		k_msleep(1);
		ticks_seen++;
	}
	atk.arg = 1; /* ends the attacker's spin */
}

static void spin_regs(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	atk.value = (uintptr_t)atk_spin_regs(&atk.arg);
	ATK_AFTER();
}

static struct k_thread ticker_thread;
static K_THREAD_STACK_DEFINE(ticker_stack, 512); /* sleeps and counts */

ZTEST(attacks_stack, test_14_registers_survive_preemption)
{
	ticks_seen = 0;
	k_thread_create(&ticker_thread, ticker_stack, K_THREAD_STACK_SIZEOF(ticker_stack), ticker,
			NULL, NULL, NULL, K_PRIO_PREEMPT(0), 0, K_NO_WAIT);
	atk_run("registers_survive_preemption", 0, spin_regs, NULL, NULL, false);
	zassert_ok(k_thread_join(&ticker_thread, K_MSEC(100)));
	zassert_equal(atk.reached, 1);
	zassert_true(ticks_seen >= 5, "the attacker was preempted %d times only", ticks_seen);
	zassert_equal(atk.value, 0, "%u registers changed across preemption",
		      (unsigned int)atk.value);
}
