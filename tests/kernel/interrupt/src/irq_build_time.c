/*
 * IRQ_CONNECT: a handler connected at build time is in place at boot and
 * gets its argument. This suite's name sorts first, so it runs before the
 * other suites connect their own handlers to the same line at run time.
 */
#include <vireo/ztest.h>
#include "msoft.h"

static int build_time_arg;
static volatile int build_time_runs;
static const void *volatile build_time_seen_arg;

static void build_time_isr(const void *arg)
{
	msoft_clear();
	build_time_seen_arg = arg;
	build_time_runs++;
}

IRQ_CONNECT(RISCV_IRQ_SOFT, 0, build_time_isr, &build_time_arg, 0);

ZTEST(irq_connect_build_time, test_build_time_handler_runs_with_its_argument)
{
	/* Connecting does not enable the line. */
	zassert_equal(irq_is_enabled(RISCV_IRQ_SOFT), 0);
	irq_enable(RISCV_IRQ_SOFT);
	msoft_raise();
	zassert_true(wait_for_change(&build_time_runs, 0), "the build-time handler did not run");
	irq_disable(RISCV_IRQ_SOFT);
	zassert_equal(build_time_runs, 1);
	zassert_equal_ptr(build_time_seen_arg, &build_time_arg);
}

ZTEST_SUITE(irq_connect_build_time, NULL, NULL, NULL, NULL, NULL);
