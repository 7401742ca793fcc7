/*
 * U-mode against kernel memory: read, write and execute kernel .data and
 * .bss, write kernel rodata and text, execute from RAM the thread may
 * write, jump into the trap entry, atomics on kernel data. Each access
 * must fault precisely (cause, address) and change nothing.
 */
#include "attack.h"

/* Kernel data: .data, .bss, rodata, and RAM holding a valid instruction. */
static volatile uint32_t kernel_data[16] = {
	0x5ec12e70, 0x5ec12e71, 0x5ec12e72, 0x5ec12e73, 0x5ec12e74, 0x5ec12e75,
	0x5ec12e76, 0x5ec12e77, 0x5ec12e78, 0x5ec12e79, 0x5ec12e7a, 0x5ec12e7b,
	0x5ec12e7c, 0x5ec12e7d, 0x5ec12e7e, 0x5ec12e7f,
};
static volatile uint32_t kernel_bss[16];
static const uint32_t kernel_rodata[4] = { 0x0ddba11, 0x0ddba12, 0x0ddba13, 0x0ddba14 };
/* jalr zero, 0(ra): "ret", uncompressed. */
#define INSN_RET 0x00008067u
static uint32_t kernel_code[2] = { INSN_RET, INSN_RET };
/* The same instruction where the attacker may write (but not execute). */
K_APP_DMEM(atk_part) static uint32_t user_code[2] = { INSN_RET, INSN_RET };

extern void z_impl_k_sem_give(struct k_sem *sem);
extern char z_riscv_trap_entry[];

static void fill_bss(void)
{
	for (int i = 0; i < 16; i++) {
		kernel_bss[i] = 0xb55b5500u + (uint32_t)i;
	}
}

ZTEST(attacks_mem, test_01_read_kernel_data)
{
	atk_run("read_kernel_data", (uintptr_t)&kernel_data[5], atk_load32,
		(void *)&kernel_data[5], NULL, true);
	atk_assert_stopped();
	zassert_equal(atk.value, 0, "leaked 0x%lx", (unsigned long)atk.value);
	atk_assert_alive();
}

ZTEST(attacks_mem, test_02_read_kernel_bss)
{
	fill_bss();
	atk_run("read_kernel_bss", (uintptr_t)&kernel_bss[3], atk_load32, (void *)&kernel_bss[3],
		NULL, true);
	atk_assert_stopped();
	zassert_equal(atk.value, 0, "leaked 0x%lx", (unsigned long)atk.value);
	atk_assert_alive();
}

ZTEST(attacks_mem, test_03_write_kernel_data)
{
	struct atk_canary c;

	atk_canary_take(&c, kernel_data, ARRAY_SIZE(kernel_data));
	atk_run("write_kernel_data", (uintptr_t)&kernel_data[7], atk_store32,
		(void *)&kernel_data[7], (void *)0xbadc0de, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

ZTEST(attacks_mem, test_04_write_kernel_bss)
{
	struct atk_canary c;

	fill_bss();
	atk_canary_take(&c, kernel_bss, ARRAY_SIZE(kernel_bss));
	atk_run("write_kernel_bss", (uintptr_t)&kernel_bss[0], atk_store32,
		(void *)&kernel_bss[0], (void *)0xbadc0de, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

/* Rodata is readable by user mode (entries 0-1 are text+rodata R-X). */
ZTEST(attacks_mem, test_05_write_kernel_rodata)
{
	struct atk_canary c;

	atk_canary_take(&c, kernel_rodata, ARRAY_SIZE(kernel_rodata));
	atk_run("write_kernel_rodata", (uintptr_t)&kernel_rodata[1], atk_store32,
		(void *)&kernel_rodata[1], (void *)0xbadc0de, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

ZTEST(attacks_mem, test_06_write_kernel_text)
{
	struct atk_canary c;
	uintptr_t target = (uintptr_t)z_impl_k_sem_give & ~3UL;

	atk_canary_take(&c, (const volatile void *)target, 4);
	/* 0x00100073 is ebreak: a patched kernel would trap on its next give. */
	atk_run("write_kernel_text", target, atk_store32, (void *)target, (void *)0x00100073,
		true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

ZTEST(attacks_mem, test_07_exec_kernel_ram)
{
	/* The buffer holds a valid instruction: M-mode can run it. */
	__asm__ volatile("fence.i" ::: "memory");
	((void (*)(void))kernel_code)();
	atk_run("exec_kernel_ram", (uintptr_t)kernel_code, atk_jump, kernel_code, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

ZTEST(attacks_mem, test_08_exec_user_partition)
{
	/* Writable by the attacker, never executable: partitions are RW. */
	__asm__ volatile("fence.i" ::: "memory");
	atk_run("exec_user_partition", (uintptr_t)user_code, atk_jump, user_code, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

static void exec_own_stack(void *p1, void *p2, void *p3)
{
	volatile uint32_t code[2] = { INSN_RET, INSN_RET };

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	printk("  target 0x%0*lx\n", (int)(2 * sizeof(long)), (unsigned long)(uintptr_t)code);
	__asm__ volatile("fence.i" ::: "memory");
	ATK_BEFORE();
	((void (*)(void))(uintptr_t)code)();
	ATK_AFTER();
}

ZTEST(attacks_mem, test_09_exec_own_stack)
{
	atk_run("exec_own_stack", ATK_LATER, exec_own_stack, NULL, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

/* Executable for the user, but its first instruction swaps mscratch. */
ZTEST(attacks_mem, test_10_jump_into_trap_entry)
{
	atk_run("jump_into_trap_entry", (uintptr_t)z_riscv_trap_entry, atk_jump,
		z_riscv_trap_entry, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

/*
 * A hart without the A extension (the ESP32-C3) has no AMO or LR/SC to
 * attack with (the encoding is an illegal instruction, which the CPU
 * cases cover), and its image must hold none: those cases skip there.
 */
static void skip_without_atomics(void)
{
	if (!IS_ENABLED(CONFIG_RISCV_ISA_EXT_A)) {
		ztest_test_skip();
	}
}

static void amo_swap(void *addr, void *p2, void *p3)
{
	uint32_t old;

	ARG_UNUSED(addr);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	old = 0;
#ifdef CONFIG_RISCV_ISA_EXT_A
	__asm__ volatile("amoswap.w %0, %1, (%2)"
			 : "=r"(old)
			 : "r"(0xbadc0de), "r"(addr)
			 : "memory");
#endif /* CONFIG_RISCV_ISA_EXT_A */
	atk.value = old;
	ATK_AFTER();
}

ZTEST(attacks_mem, test_11_amo_on_kernel_data)
{
	skip_without_atomics();
	struct atk_canary c;

	atk_canary_take(&c, kernel_data, ARRAY_SIZE(kernel_data));
	atk_run("amo_on_kernel_data", (uintptr_t)&kernel_data[2], amo_swap,
		(void *)&kernel_data[2], NULL, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

static void load_reserved(void *addr, void *p2, void *p3)
{
	uint32_t v;

	ARG_UNUSED(addr);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	v = 0;
#ifdef CONFIG_RISCV_ISA_EXT_A
	__asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(addr) : "memory");
#endif /* CONFIG_RISCV_ISA_EXT_A */
	atk.value = v;
	ATK_AFTER();
}

ZTEST(attacks_mem, test_12_lr_on_kernel_data)
{
	skip_without_atomics();
	atk_run("lr_on_kernel_data", (uintptr_t)&kernel_data[9], load_reserved,
		(void *)&kernel_data[9], NULL, true);
	atk_assert_stopped();
	zassert_equal(atk.value, 0);
	atk_assert_alive();
}

/* A misaligned AMO must be reported and kill only the attacker. */
static void amo_misaligned(void *p1, void *p2, void *p3)
{
	volatile uint32_t word[2] = { 0, 0 };
	char *addr = (char *)word + 2;
	uint32_t old;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	printk("  target 0x%0*lx\n", (int)(2 * sizeof(long)), (unsigned long)(uintptr_t)addr);
	ATK_BEFORE();
	old = 0;
#ifdef CONFIG_RISCV_ISA_EXT_A
	__asm__ volatile("amoadd.w %0, %1, (%2)" : "=r"(old) : "r"(1), "r"(addr) : "memory");
#endif /* CONFIG_RISCV_ISA_EXT_A */
	atk.value = old;
	ATK_AFTER();
}

ZTEST(attacks_mem, test_13_amo_misaligned)
{
	skip_without_atomics();
	atk_run("amo_misaligned", ATK_LATER, amo_misaligned, NULL, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

/* A kernel object itself (a sem's count) is kernel data too. */
K_SEM_DEFINE(kernel_sem, 0, 5);

ZTEST(attacks_mem, test_14_write_kernel_object)
{
	atk_run("write_kernel_object", (uintptr_t)&kernel_sem.count, atk_store32,
		(void *)&kernel_sem.count, (void *)5, true);
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&kernel_sem), 0);
	atk_assert_alive();
}

/* A granted sem, named directly instead of through the syscall. */
K_SEM_DEFINE(granted_sem, 0, 5);

static void call_impl(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	z_impl_k_sem_give(&granted_sem);
	ATK_AFTER();
}

ZTEST(attacks_mem, test_15_call_impl_directly)
{
	k_sem_reset(&granted_sem);
	atk_prepare("call_impl_directly", (uintptr_t)z_impl_k_sem_give, call_impl, NULL, NULL,
		    true);
	k_object_access_grant(&granted_sem, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&granted_sem), 0);
	atk_assert_alive();
}

/*
 * The "am I in user mode" flag lives in the thread's own TLS block: the
 * attacker may clear it, after which the syscall stubs call the kernel
 * functions directly, still in U-mode.
 */
static void forge_kernel_context(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	z_riscv_is_user_mode = 0;
	k_sem_give(&granted_sem);
	ATK_AFTER();
}

ZTEST(attacks_mem, test_16_forge_kernel_context_flag)
{
	k_sem_reset(&granted_sem);
	atk_prepare("forge_kernel_context_flag", (uintptr_t)z_impl_k_sem_give,
		    forge_kernel_context, NULL, NULL, true);
	k_object_access_grant(&granted_sem, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(k_sem_count_get(&granted_sem), 0);
	zassert_false(k_is_user_context(), "the kernel's own flag changed");
	atk_assert_alive();
}

ZTEST_SUITE(attacks_mem, NULL, NULL, NULL, NULL, NULL);
