/*
 * Faults in non-essential threads: a fatal error in an ordinary
 * thread is reported (testcase.ini matches the report) and ends only that
 * thread; the system, and a bystander thread, go on.
 *
 * ztest's fatal hook ends the running case as passed when the fault was
 * declared with ztest_set_fault_valid(true), also when the faulting thread
 * is a helper (it aborts the case thread, which is waiting for the
 * helper). So each fault gets two cases, run in name order: *_1_* provokes
 * it, *_2_* checks what it left behind.
 */
#include "thread_pool.h"

static struct k_thread faulter;
static K_THREAD_STACK_DEFINE(faulter_stack, 1024);
static struct k_thread bystander;
/* The bystander only counts and sleeps; the faulter prints the report. */
static K_THREAD_STACK_DEFINE(bystander_stack, 384);

static volatile int before_fault;
static volatile int after_fault;
static volatile int bystander_count;
static volatile bool bystander_stop;

static void bystander_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	while (!bystander_stop) {
		bystander_count++;
		k_msleep(2);
	}
}

static void illegal_instruction_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	before_fault++;
	__asm__ volatile(".word 0"); /* all-zero is an illegal instruction */
	after_fault++;
}

static void oops_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	before_fault++;
	k_oops();
	after_fault++;
}

static void provoke(k_thread_entry_t entry, const char *name)
{
	before_fault = 0;
	after_fault = 0;
	bystander_count = 0;
	bystander_stop = false;
	k_thread_create(&bystander, bystander_stack, K_THREAD_STACK_SIZEOF(bystander_stack),
			bystander_entry, NULL, NULL, NULL, PRIO_LO, 0, K_NO_WAIT);
	k_thread_create(&faulter, faulter_stack, K_THREAD_STACK_SIZEOF(faulter_stack), entry,
			NULL, NULL, NULL, PRIO_HI, 0, K_FOREVER);
	k_thread_name_set(&faulter, name);
	ztest_set_fault_valid(true);
	k_thread_start(&faulter);
	/* ztest's hook may end this case here, when the helper faults. */
	(void)k_thread_join(&faulter, K_MSEC(100));
	ztest_set_fault_valid(false);
}

/* @p finish: stop the bystander too (the last check of a fault). */
static void check_aftermath(bool finish)
{
	int count;

	zassert_equal(before_fault, 1, "the faulting thread did not run");
	zassert_equal(after_fault, 0, "the faulting thread went on after its fault");
	zassert_equal(k_thread_join(&faulter, K_NO_WAIT), 0, "the faulting thread is alive");
	zassert_equal(k_thread_join(&bystander, K_NO_WAIT), -EBUSY, "the bystander died");
	count = bystander_count;
	k_msleep(20);
	zassert_true(bystander_count > count, "the bystander stopped running");
	if (!finish) {
		return;
	}
	bystander_stop = true;
	zassert_equal(k_thread_join(&bystander, K_MSEC(100)), 0);
}

ZTEST(threads_fault, test_1_illegal_instruction_in_thread)
{
	provoke(illegal_instruction_entry, "faulter");
	check_aftermath(false);
}

ZTEST(threads_fault, test_2_illegal_instruction_aftermath)
{
	check_aftermath(true);
}

ZTEST(threads_fault, test_3_oops_in_thread)
{
	provoke(oops_entry, "oopser");
	check_aftermath(false);
}

ZTEST(threads_fault, test_4_oops_aftermath)
{
	check_aftermath(true);
}

ZTEST_SUITE(threads_fault, NULL, NULL, NULL, NULL, NULL);
