/*
 * U-mode against the machine: CSRs, privileged instructions, memory-mapped
 * devices (UART, CLINT, PLIC, the poweroff device), and hogging the CPU
 * in U-mode or inside a syscall. Every privileged access must be an
 * illegal instruction or an access fault of the attacker alone, and must
 * leave the machine state as it was.
 */
#include "attack.h"
#include <vireo/arch/riscv/csr.h>

/* A one-instruction attack at a known address: a0 carries a value to write. */
#define PRIV_INSN(name, insn)                                                      \
	void name(uintptr_t value);                                                \
	__asm__(".section .text." #name ", \"ax\"\n"                               \
		".globl " #name "\n"                                               \
		".balign 4\n" #name ":\n"                                          \
		"	" insn "\n"                                                \
		"	ret\n"                                                     \
		".previous\n")

PRIV_INSN(atk_csrr_mstatus, "csrr a0, mstatus");
PRIV_INSN(atk_csrw_mstatus, "csrw mstatus, a0");
PRIV_INSN(atk_csrr_mtvec, "csrr a0, mtvec");
PRIV_INSN(atk_csrw_mtvec, "csrw mtvec, a0");
PRIV_INSN(atk_csrr_pmpcfg0, "csrr a0, pmpcfg0");
PRIV_INSN(atk_csrw_pmpcfg0, "csrw pmpcfg0, a0");
PRIV_INSN(atk_csrw_pmpaddr0, "csrw pmpaddr0, a0");
PRIV_INSN(atk_csrrw_mscratch, "csrrw a0, mscratch, a0");
PRIV_INSN(atk_csrr_mepc, "csrr a0, mepc");
#ifdef CONFIG_RISCV_HAS_XIE
PRIV_INSN(atk_csrw_mie, "csrw mie, a0");
#endif /* CONFIG_RISCV_HAS_XIE */
PRIV_INSN(atk_mret, "mret");
PRIV_INSN(atk_sret, "sret");
PRIV_INSN(atk_wfi, "wfi");
PRIV_INSN(atk_ebreak, "ebreak");

static void run_insn(void *fn, void *value, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	((void (*)(uintptr_t))fn)((uintptr_t)value);
	ATK_AFTER();
}

/* Machine state a successful CSR write would change. */
struct machine {
	unsigned long mtvec, pmpcfg0, pmpaddr0, pmpaddr1, mie;
};

static void machine_get(struct machine *m)
{
	m->mtvec = csr_read(mtvec);
	m->pmpcfg0 = csr_read(pmpcfg0);
	m->pmpaddr0 = csr_read(pmpaddr0);
	m->pmpaddr1 = csr_read(pmpaddr1);
	/* Harts without mie (the ESP32-C3's lines are the matrix's) read 0. */
	m->mie = IS_ENABLED(CONFIG_RISCV_HAS_XIE) ? csr_read(mie) : 0;
}

static void insn_case(const char *name, void (*fn)(uintptr_t), uintptr_t value)
{
	struct machine before, after;

	machine_get(&before);
	atk_run(name, (uintptr_t)fn, run_insn, (void *)fn, (void *)value, true);
	atk_assert_stopped();
	machine_get(&after);
	zassert_equal(after.mtvec, before.mtvec, "mtvec changed");
	zassert_equal(after.pmpcfg0, before.pmpcfg0, "pmpcfg0 changed");
	zassert_equal(after.pmpaddr0, before.pmpaddr0, "pmpaddr0 changed");
	zassert_equal(after.pmpaddr1, before.pmpaddr1, "pmpaddr1 changed");
	zassert_equal(after.mie, before.mie, "mie changed");
	atk_assert_alive();
}

ZTEST(attacks_cpu, test_01_csrr_mstatus)
{
	insn_case("csrr_mstatus", atk_csrr_mstatus, 0);
}

/* MPP = M, MPIE, MIE: what an escape to M-mode would want. */
ZTEST(attacks_cpu, test_02_csrw_mstatus)
{
	insn_case("csrw_mstatus", atk_csrw_mstatus, 0x1888);
}

ZTEST(attacks_cpu, test_03_csrr_mtvec)
{
	insn_case("csrr_mtvec", atk_csrr_mtvec, 0);
}

ZTEST(attacks_cpu, test_04_csrw_mtvec)
{
	insn_case("csrw_mtvec", atk_csrw_mtvec, 0);
}

ZTEST(attacks_cpu, test_05_csrr_pmpcfg0)
{
	insn_case("csrr_pmpcfg0", atk_csrr_pmpcfg0, 0);
}

/* NAPOT RWX in every entry of the register: everything for U-mode. */
ZTEST(attacks_cpu, test_06_csrw_pmpcfg0)
{
	insn_case("csrw_pmpcfg0", atk_csrw_pmpcfg0, 0x1f1f1f1f);
}

ZTEST(attacks_cpu, test_07_csrw_pmpaddr0)
{
	insn_case("csrw_pmpaddr0", atk_csrw_pmpaddr0, ~0UL);
}

ZTEST(attacks_cpu, test_08_csrrw_mscratch)
{
	insn_case("csrrw_mscratch", atk_csrrw_mscratch, 0);
}

ZTEST(attacks_cpu, test_09_csrr_mepc)
{
	insn_case("csrr_mepc", atk_csrr_mepc, 0);
}

ZTEST(attacks_cpu, test_10_csrw_mie)
{
#ifdef CONFIG_RISCV_HAS_XIE
	insn_case("csrw_mie", atk_csrw_mie, 0);
#else
	ztest_test_skip();
#endif /* CONFIG_RISCV_HAS_XIE */
}

ZTEST(attacks_cpu, test_11_mret)
{
	insn_case("mret", atk_mret, 0);
}

ZTEST(attacks_cpu, test_12_sret)
{
	insn_case("sret", atk_sret, 0);
}

/* mstatus.TW: a user wfi would otherwise stall the hart. */
ZTEST(attacks_cpu, test_13_wfi)
{
	insn_case("wfi", atk_wfi, 0);
}

ZTEST(attacks_cpu, test_14_ebreak)
{
	insn_case("ebreak", atk_ebreak, 0);
}

#ifdef CONFIG_RISCV_HAS_COUNTERS
/* Control: the counters user mode is allowed (mcounteren) do read. */
static void read_counters(void *p1, void *p2, void *p3)
{
	unsigned long c0, c1, t0, t1;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	__asm__ volatile("rdcycle %0\n rdinstret %1" : "=r"(c0), "=r"(t0));
	k_busy_wait(100);
	__asm__ volatile("rdcycle %0\n rdinstret %1" : "=r"(c1), "=r"(t1));
	atk.value = (c1 != c0) && (t1 != t0);
	/* time too, where the hart has it (not on the FE310). */
	if (IS_ENABLED(CONFIG_RISCV_HAS_TIME_CSR)) {
		__asm__ volatile("rdtime %0" : "=r"(t0));
		k_busy_wait(100);
		__asm__ volatile("rdtime %0" : "=r"(t1));
		atk.value = atk.value && (t1 != t0);
	}
	ATK_AFTER();
}

#endif /* CONFIG_RISCV_HAS_COUNTERS */

/* A hart without cycle/instret (ESP32-C3) would trap on rdcycle: skip. */
ZTEST(attacks_cpu, test_15_counters_readable)
{
#ifdef CONFIG_RISCV_HAS_COUNTERS
	atk_run("counters_readable", 0, read_counters, NULL, NULL, false);
	zassert_equal(atk.reached, 1);
	zassert_equal(atk.value, 1, "cycle, instret or time does not move");
#else
	ztest_test_skip();
#endif /* CONFIG_RISCV_HAS_COUNTERS */
}

/* Devices: each access would hurt (a byte on the console, interrupts off,
 * the timer stopped, a software interrupt nobody handles, power off).
 * The console UART's transmit, status and interrupt-enable registers: */
#if defined(CONFIG_UART_NS16550)
#define UART_TX CONFIG_UART_NS16550_BASE
#define UART_STATUS (CONFIG_UART_NS16550_BASE + (5 << CONFIG_UART_NS16550_REG_SHIFT))
#define UART_IRQ_ENABLE (CONFIG_UART_NS16550_BASE + (1 << CONFIG_UART_NS16550_REG_SHIFT))
#define UART_PLIC_SOURCE CONFIG_UART_NS16550_PLIC_SOURCE
#elif defined(CONFIG_UART_SIFIVE)
#define UART_TX CONFIG_UART_SIFIVE_BASE                /* txdata */
#define UART_STATUS (CONFIG_UART_SIFIVE_BASE + 0x14)   /* ip */
#define UART_IRQ_ENABLE (CONFIG_UART_SIFIVE_BASE + 0x10) /* ie */
#define UART_PLIC_SOURCE CONFIG_UART_SIFIVE_PLIC_SOURCE
#elif defined(CONFIG_UART_ESP32)
#define UART_TX CONFIG_UART_ESP32_BASE                 /* FIFO */
#define UART_STATUS (CONFIG_UART_ESP32_BASE + 0x1c)    /* STATUS */
#define UART_IRQ_ENABLE (CONFIG_UART_ESP32_BASE + 0x0c) /* INT_ENA */
#endif /* CONFIG_UART_NS16550 */
/*
 * The timer and the interrupt controller. The case names are the CLINT's
 * and the PLIC's; on the ESP32-C3 (build only here) the same attacks hit
 * SYSTIMER (unit-0 update, target-0 compare, unit-0 value) and the
 * interrupt matrix (a line's priority, the line enables, the status).
 */
#if defined(CONFIG_RISCV_MACHINE_TIMER_BASE)
#define TIMER_SOFT_IRQ CONFIG_RISCV_MACHINE_TIMER_BASE            /* msip */
#define TIMER_COMPARE (CONFIG_RISCV_MACHINE_TIMER_BASE + 0x4004)  /* mtimecmp high */
#define TIMER_COUNT (CONFIG_RISCV_MACHINE_TIMER_BASE + 0xbff8)    /* mtime */
#elif defined(CONFIG_ESP32C3_SYSTIMER_BASE)
#define TIMER_SOFT_IRQ (CONFIG_ESP32C3_SYSTIMER_BASE + 0x04)      /* UNIT0_OP */
#define TIMER_COMPARE (CONFIG_ESP32C3_SYSTIMER_BASE + 0x1c)       /* TARGET0_HI */
#define TIMER_COUNT (CONFIG_ESP32C3_SYSTIMER_BASE + 0x44)         /* UNIT0_VALUE_LO */
#endif /* CONFIG_RISCV_MACHINE_TIMER_BASE */
#if defined(CONFIG_RISCV_PLIC)
#define INTC_PRIORITY (CONFIG_RISCV_PLIC_BASE + 4 * UART_PLIC_SOURCE)
#define INTC_ENABLE (CONFIG_RISCV_PLIC_BASE + 0x2000)
#define INTC_CLAIM (CONFIG_RISCV_PLIC_BASE + 0x200004)
#elif defined(CONFIG_ESP32C3_INTMATRIX_BASE)
#define INTC_PRIORITY (CONFIG_ESP32C3_INTMATRIX_BASE + 0x118)    /* line 1 priority */
#define INTC_ENABLE (CONFIG_ESP32C3_INTMATRIX_BASE + 0x104)      /* line enables */
#define INTC_CLAIM (CONFIG_ESP32C3_INTMATRIX_BASE + 0xf8)        /* status 0 */
#endif /* CONFIG_RISCV_PLIC */

static void device_case(const char *name, uintptr_t addr, k_thread_entry_t fn, uint32_t value)
{
	atk_run(name, addr, fn, (void *)addr, (void *)(uintptr_t)value, true);
	atk_assert_stopped();
	zassert_equal(atk.value, 0);
	atk_assert_alive();
}

ZTEST(attacks_dev, test_01_uart_write_thr)
{
	device_case("uart_write_thr", UART_TX, atk_store8, '!');
}

ZTEST(attacks_dev, test_02_uart_read_lsr)
{
	device_case("uart_read_lsr", UART_STATUS, atk_load8, 0);
}

ZTEST(attacks_dev, test_03_uart_write_ier)
{
	device_case("uart_write_ier", UART_IRQ_ENABLE, atk_store8, 0);
}

ZTEST(attacks_dev, test_04_clint_write_msip)
{
	device_case("clint_write_msip", TIMER_SOFT_IRQ, atk_store32, 1);
}

ZTEST(attacks_dev, test_05_clint_write_mtimecmp)
{
	device_case("clint_write_mtimecmp", TIMER_COMPARE, atk_store32, 0xffffffff);
}

ZTEST(attacks_dev, test_06_clint_read_mtime)
{
	device_case("clint_read_mtime", TIMER_COUNT, atk_load32, 0);
}

ZTEST(attacks_dev, test_07_plic_write_priority)
{
	device_case("plic_write_priority", INTC_PRIORITY, atk_store32, 0);
}

ZTEST(attacks_dev, test_08_plic_write_enable)
{
	device_case("plic_write_enable", INTC_ENABLE, atk_store32, 0);
}

ZTEST(attacks_dev, test_09_plic_read_claim)
{
	device_case("plic_read_claim", INTC_CLAIM, atk_load32, 0);
}

#ifdef CONFIG_POWEROFF_SEMIHOSTING
long z_semihost_call(long op, unsigned long arg);

/*
 * The power-off driver's own semihosting exit, called from user mode: the
 * host serves semihosting to M-mode only (QEMU's userspace=off default; a
 * debugger sees an ebreak from U-mode as an ordinary breakpoint), so it is
 * a breakpoint exception at the ebreak, which ends the attacker alone.
 */
static void atk_semihost_exit(void *p1, void *p2, void *p3)
{
	static const unsigned long block[2] = { 0x20026 /* application exit */, 0 };

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	(void)z_semihost_call(0x20 /* SYS_EXIT_EXTENDED */, (unsigned long)block);
	ATK_AFTER();
}
#endif /* CONFIG_POWEROFF_SEMIHOSTING */

/* Ending the run with status 0 would look as if every test had passed. */
ZTEST(attacks_dev, test_10_poweroff_device)
{
#if defined(CONFIG_POWEROFF_SIFIVE_TEST)
	device_case("poweroff_device", CONFIG_POWEROFF_SIFIVE_TEST_BASE, atk_store32, 0x5555);
#elif defined(CONFIG_POWEROFF_SEMIHOSTING)
	/* The target is the ebreak, after the first instruction (4 bytes). */
	atk_run("poweroff_device", (uintptr_t)z_semihost_call + 4, atk_semihost_exit, NULL, NULL,
		true);
	atk_assert_stopped();
	atk_assert_alive();
#else
	ztest_test_skip();
#endif
}

ZTEST_SUITE(attacks_dev, NULL, NULL, NULL, NULL, NULL);

/* Hogging the CPU: a higher-priority kernel thread still runs on time. */
static void spin_user(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	for (;;) {
		atk.value++;
	}
}

static void spin_in_syscall(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = 1;
	/* About 71 minutes inside the kernel. */
	k_busy_wait(UINT32_MAX);
	ATK_AFTER();
}

static void hog_case(const char *name, k_thread_entry_t fn)
{
	int64_t t0, waited;

	atk_prepare(name, 0, fn, NULL, NULL, false);
	k_thread_start(&atk_thread);
	k_msleep(1);
	zassert_equal(atk.before, 1, "the attacker did not run");
	t0 = k_uptime_get();
	k_msleep(10);
	waited = k_uptime_get() - t0;
	zassert_true(waited >= 10 && waited <= 15, "a 10 ms sleep took %d ms", (int)waited);
	zassert_true(atk.value != 0);
	k_thread_abort(&atk_thread);
	atk_launch();
	zassert_equal(atk.reached, 0);
	atk_assert_alive();
}

ZTEST(attacks_cpu, test_16_spin_in_user_mode)
{
	hog_case("spin_in_user_mode", spin_user);
}

ZTEST(attacks_cpu, test_17_spin_in_syscall)
{
	hog_case("spin_in_syscall", spin_in_syscall);
}

ZTEST_SUITE(attacks_cpu, NULL, NULL, NULL, NULL, NULL);
