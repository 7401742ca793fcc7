/*
 * Forged syscalls: ids out of range (too large, negative, the table's own
 * bad slot) and buffers the caller may not read or write, handed to calls
 * that copy them: NULL, kernel data, a range that wraps, ranges straddling
 * the end of the caller's stack or partition, a 64-bit result or an
 * argument block placed in kernel memory. Each must oops the caller
 * before the kernel reads or writes anything on its behalf.
 */
#include "attack.h"

/* What the kernel must never print or overwrite for a user. */
static volatile uint32_t kernel_words[4] = { 0x5afe0000, 0x5afe0001, 0x5afe0002, 0x5afe0003 };

/* p1 = the id, p2 = the first argument. */
static void raw_syscall(void *id, void *a0, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = arch_syscall_invoke1((uintptr_t)a0, (uintptr_t)id);
	ATK_AFTER();
}

static void bad_id_case(const char *name, uintptr_t id)
{
	atk_run(name, id, raw_syscall, (void *)id, NULL, true);
	atk_assert_stopped();
	atk_assert_alive();
}

ZTEST(attacks_ids, test_01_id_limit)
{
	bad_id_case("id_limit", K_SYSCALL_LIMIT);
}

ZTEST(attacks_ids, test_02_id_limit_plus_1000)
{
	bad_id_case("id_limit_plus_1000", K_SYSCALL_LIMIT + 1000);
}

ZTEST(attacks_ids, test_03_id_minus_1)
{
	bad_id_case("id_minus_1", (uintptr_t)-1);
}

ZTEST(attacks_ids, test_04_id_minus_2)
{
	bad_id_case("id_minus_2", (uintptr_t)-2);
}

ZTEST(attacks_ids, test_05_id_bad_slot)
{
	bad_id_case("id_bad_slot", K_SYSCALL_BAD);
}

ZTEST_SUITE(attacks_ids, NULL, NULL, NULL, NULL, NULL);

static void str_out(void *buf, void *len, void *p3)
{
	ARG_UNUSED(p3);
	ATK_BEFORE();
	k_str_out(buf, (size_t)len);
	ATK_AFTER();
}

static void str_out_case(const char *name, uintptr_t buf, size_t len)
{
	atk_run(name, buf, str_out, (void *)buf, (void *)len, true);
	atk_assert_stopped();
	atk_assert_alive();
}

ZTEST(attacks_buffers, test_01_str_out_null)
{
	str_out_case("str_out_null", 0, 16);
}

ZTEST(attacks_buffers, test_02_str_out_kernel_data)
{
	str_out_case("str_out_kernel_data", (uintptr_t)kernel_words, sizeof(kernel_words));
}

/* Rodata is readable by user mode: the secret must be in .data to matter. */
static char kernel_secret_rw[] = "KERNEL-SECRET-RW-9876543210";

ZTEST(attacks_buffers, test_03_str_out_kernel_string)
{
	str_out_case("str_out_kernel_string", (uintptr_t)kernel_secret_rw,
		     sizeof(kernel_secret_rw) - 1);
}

ZTEST(attacks_buffers, test_04_str_out_wrapping)
{
	str_out_case("str_out_wrapping", (uintptr_t)0 - 0x10, 0x20);
}

/* The buffer is only known once the thread exists: it comes in atk.arg. */
static void str_out_arg(void *p1, void *len, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	k_str_out((char *)atk.arg, (size_t)len);
	ATK_AFTER();
}

/* 16 bytes: the last 8 of the stack and 8 beyond it. */
ZTEST(attacks_buffers, test_05_str_out_straddles_stack_end)
{
	uintptr_t buf;

	atk_prepare("str_out_straddles_stack_end", ATK_LATER, str_out_arg, NULL, (void *)16,
		    true);
	buf = atk_thread.stack_info.start + atk_thread.stack_info.size - 8;
	atk_print_target(buf);
	atk.arg = buf;
	atk_launch();
	atk_assert_stopped();
	atk_assert_alive();
}

/*
 * A partition holding exactly one string: readable by the attacker, and
 * nothing readable after it. A buffer running past its end must be
 * refused whole, before a byte is printed (decode, then perform).
 */
K_APPMEM_PARTITION_DEFINE(str_part);
K_APP_DMEM(str_part) static char str_buf[64] =
	"PARTIAL-OUTPUT-MUST-NOT-APPEAR-0123456789-abcdefghijklmnopqrstu";
static struct k_mem_domain str_domain;

static void str_part_case(const char *name, size_t offset, size_t len)
{
	struct k_mem_partition *parts[] = { &atk_part, &str_part };

	zassert_equal((uintptr_t)str_buf + sizeof(str_buf), str_part.start + str_part.size,
		      "str_buf is not the end of its partition");
	zassert_ok(k_mem_domain_init(&str_domain, 2, parts));
	atk_prepare(name, (uintptr_t)&str_buf[offset], str_out, &str_buf[offset], (void *)len,
		    true);
	zassert_ok(k_mem_domain_add_thread(&str_domain, &atk_thread));
	atk_launch();
	atk_assert_stopped();
	atk_assert_alive();
}

ZTEST(attacks_buffers, test_06_str_out_straddles_partition_end)
{
	str_part_case("str_out_straddles_partition_end", 56, 16);
}

/* Longer than the kernel's 32-byte copy chunk: the first chunk is valid. */
ZTEST(attacks_buffers, test_07_str_out_long_straddle_prints_nothing)
{
	str_part_case("str_out_long_straddle_prints_nothing", 0, 80);
}

static void stack_space_get(void *out, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = (uintptr_t)k_thread_stack_space_get(k_current_get(), out);
	ATK_AFTER();
}

static void out_ptr_case(const char *name, uintptr_t out)
{
	struct atk_canary c;

	atk_canary_take(&c, kernel_words, ARRAY_SIZE(kernel_words));
	atk_run(name, out, stack_space_get, (void *)out, NULL, true);
	atk_assert_stopped();
	atk_canary_check(&c);
	atk_assert_alive();
}

ZTEST(attacks_buffers, test_08_stack_space_get_into_kernel)
{
	out_ptr_case("stack_space_get_into_kernel", (uintptr_t)&kernel_words[1]);
}

ZTEST(attacks_buffers, test_09_stack_space_get_null)
{
	out_ptr_case("stack_space_get_null", 0);
}

/* Text is readable by user mode, not writable. */
ZTEST(attacks_buffers, test_10_stack_space_get_into_text)
{
	out_ptr_case("stack_space_get_into_text", (uintptr_t)k_sem_give & ~3UL);
}

/*
 * A 64-bit result on RV32 is stored where the caller says. On RV64 it
 * comes back in a0 and the kernel never reads the pointer: the call must
 * succeed and leave the memory it names alone.
 */
ZTEST(attacks_buffers, test_11_ret64_into_kernel)
{
	struct atk_canary c;
	bool rv32 = sizeof(long) == 4;

	atk_canary_take(&c, kernel_words, ARRAY_SIZE(kernel_words));
	atk_run("ret64_into_kernel", (uintptr_t)&kernel_words[0], raw_syscall,
		(void *)K_SYSCALL_K_UPTIME_TICKS, (void *)&kernel_words[0], rv32);
	if (rv32) {
		atk_assert_stopped();
	} else {
		printk("  RV64: the result came back in a0 (%lu ticks)\n",
		       (unsigned long)atk.value);
		zassert_equal(atk.reached, 1, "the attacker did not finish");
		zassert_true(atk.value > 0 && atk.value <= (uintptr_t)k_uptime_ticks());
	}
	atk_canary_check(&c);
	atk_assert_alive();
}

static void name_set(void *str, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	/* Leave kernel frames on the privileged stack (a blocking call). */
	k_msleep(1);
	ATK_BEFORE();
	atk.value = (uintptr_t)k_thread_name_set(k_current_get(), str);
	ATK_AFTER();
}

ZTEST(attacks_buffers, test_12_name_from_kernel_string)
{
	atk_run("name_from_kernel_string", (uintptr_t)kernel_secret_rw, name_set,
		kernel_secret_rw, NULL, true);
	atk_assert_stopped();
	zassert_true(strcmp(k_thread_name_get(&atk_thread), "attacker") == 0,
		     "the name became '%s'", k_thread_name_get(&atk_thread));
	atk_assert_alive();
}

/* No NUL before the end of the partition: the copy must stop there. */
ZTEST(attacks_buffers, test_13_name_unterminated_at_partition_end)
{
	struct k_mem_partition *parts[] = { &atk_part, &str_part };

	memset(str_buf, 'N', sizeof(str_buf));
	zassert_ok(k_mem_domain_init(&str_domain, 2, parts));
	atk_prepare("name_unterminated_at_partition_end", (uintptr_t)&str_buf[60], name_set,
		    &str_buf[60], NULL, true);
	zassert_ok(k_mem_domain_add_thread(&str_domain, &atk_thread));
	atk_launch();
	if (atk.reached != 0) {
		const char *name = k_thread_name_get(&atk_thread);

		printk("  call returned %d; thread name now:", (int)atk.value);
		for (int i = 0; i < CONFIG_THREAD_MAX_NAME_LEN; i++) {
			printk(" %02x", (unsigned char)name[i]);
		}
		printk("\n");
	}
	atk_assert_stopped();
	atk_assert_alive();
}

/*
 * k_thread_create's arguments beyond six words travel in a block the
 * kernel copies from the caller: here the block is kernel data.
 */
static struct k_thread child Z_KOBJ_SECTION(k_thread);

static void create_with_block(void *block, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	ATK_BEFORE();
	atk.value = arch_syscall_invoke6((uintptr_t)&child, 0, 0, 0, 0, (uintptr_t)block,
					 K_SYSCALL_K_THREAD_CREATE);
	ATK_AFTER();
}

static void block_case(const char *name, uintptr_t block)
{
	atk_prepare(name, block, create_with_block, (void *)block, NULL, true);
	k_object_access_grant(&child, &atk_thread);
	atk_launch();
	atk_assert_stopped();
	zassert_equal(child.kobj.flags & K_OBJ_FLAG_INITIALIZED, 0, "the child was created");
	atk_assert_alive();
}

ZTEST(attacks_buffers, test_14_arg_block_in_kernel)
{
	block_case("arg_block_in_kernel", (uintptr_t)kernel_words);
}

ZTEST(attacks_buffers, test_15_arg_block_wrapping)
{
	block_case("arg_block_wrapping", (uintptr_t)0 - 8);
}

ZTEST_SUITE(attacks_buffers, NULL, NULL, NULL, NULL, NULL);
