/*
 * k_event: post/set/set_masked/clear and the previous value they return,
 * waiting for any and for all bits, the reset flag, one update waking
 * every waiter whose condition holds (and only those), timeouts, and a
 * post from a real interrupt (the software interrupt of the kernel's
 * privilege level, <vireo/arch/riscv/soft_irq.h>).
 */
#include <vireo/ztest.h>
#include <vireo/arch/riscv/soft_irq.h>

#define NUM_HELPERS 4
#define HELPER_STACK_SIZE 1024
#define HELPER_PRIO 5

K_EVENT_DEFINE(static_event);
static struct k_event event;

static K_THREAD_STACK_ARRAY_DEFINE(helper_stacks, NUM_HELPERS, HELPER_STACK_SIZE);
static struct k_thread helpers[NUM_HELPERS];
static bool helper_used[NUM_HELPERS];

/* Per helper: what to wait for, how, and what the wait returned. */
struct wait_spec {
	uint32_t mask;
	bool all;
	bool reset;
	k_timeout_t timeout;
};
static struct wait_spec spec[NUM_HELPERS];
static volatile uint32_t got[NUM_HELPERS];
static volatile bool done[NUM_HELPERS];

static void waiter(void *p1, void *p2, void *p3)
{
	int idx = (int)(intptr_t)p1;
	struct wait_spec *s = &spec[idx];

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (s->all) {
		got[idx] = k_event_wait_all(&event, s->mask, s->reset, s->timeout);
	} else {
		got[idx] = k_event_wait(&event, s->mask, s->reset, s->timeout);
	}
	done[idx] = true;
}

static void spawn_waiter(int idx, uint32_t mask, bool all, bool reset)
{
	spec[idx] = (struct wait_spec){ mask, all, reset, K_FOREVER };
	got[idx] = 0xdeadbeef;
	done[idx] = false;
	helper_used[idx] = true;
	k_thread_create(&helpers[idx], helper_stacks[idx], K_THREAD_STACK_SIZEOF(helper_stacks[idx]),
			waiter, (void *)(intptr_t)idx, NULL, NULL, HELPER_PRIO, 0, K_NO_WAIT);
}

static void join(int idx)
{
	zassert_ok(k_thread_join(&helpers[idx], K_MSEC(1000)), "waiter %d did not finish", idx);
}

static void before(void *fixture)
{
	ARG_UNUSED(fixture);
	k_event_init(&event);
}

static void after(void *fixture)
{
	ARG_UNUSED(fixture);
	for (int i = 0; i < NUM_HELPERS; i++) {
		if (helper_used[i]) {
			k_thread_abort(&helpers[i]);
			helper_used[i] = false;
		}
	}
}

ZTEST(event, test_post_set_clear_return_previous)
{
	zassert_equal(k_event_post(&event, 0x01), 0x00);
	zassert_equal(k_event_post(&event, 0x06), 0x01);
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x07);
	zassert_equal(k_event_set(&event, 0x30), 0x07, "set returns what it replaced");
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x30);
	zassert_equal(k_event_set_masked(&event, 0x0f, 0x11), 0x30);
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x21, "only masked bits change");
	zassert_equal(k_event_clear(&event, 0x01), 0x21);
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x20);
	zassert_equal(k_event_test(&event, 0x0f), 0x00);
}

ZTEST(event, test_wait_without_blocking)
{
	k_event_post(&event, 0x05);
	zassert_equal(k_event_wait(&event, 0x0c, false, K_NO_WAIT), 0x04, "any: the common bits");
	zassert_equal(k_event_wait_all(&event, 0x0c, false, K_NO_WAIT), 0x00);
	zassert_equal(k_event_wait_all(&event, 0x05, false, K_NO_WAIT), 0x05);
	zassert_equal(k_event_wait(&event, 0x02, false, K_NO_WAIT), 0x00);
	/* Waiting consumes nothing. */
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x05);
}

ZTEST(event, test_reset_clears_before_waiting)
{
	k_event_post(&event, 0x03);
	zassert_equal(k_event_wait(&event, 0x01, true, K_NO_WAIT), 0x00,
		      "reset must clear the events before they are tested");
	zassert_equal(k_event_test(&event, UINT32_MAX), 0x00);
	/* A blocking waiter with reset sees only what is posted afterwards. */
	k_event_post(&event, 0x01);
	spawn_waiter(0, 0x01, false, true);
	k_msleep(2);
	zassert_false(done[0], "the waiter was satisfied by an event it reset");
	k_event_post(&event, 0x01);
	join(0);
	zassert_equal(got[0], 0x01);
}

ZTEST(event, test_wait_any_blocks_until_post)
{
	spawn_waiter(0, 0x30, false, false);
	k_msleep(2);
	k_event_post(&event, 0x01);
	k_msleep(2);
	zassert_false(done[0], "woken by an event it does not wait for");
	k_event_post(&event, 0x20);
	join(0);
	zassert_equal(got[0], 0x20);
}

ZTEST(event, test_wait_all_blocks_until_complete)
{
	spawn_waiter(0, 0x0e, true, false);
	k_msleep(2);
	k_event_post(&event, 0x02);
	k_event_post(&event, 0x08);
	k_msleep(2);
	zassert_false(done[0], "woken with only part of its events");
	k_event_post(&event, 0x05);
	join(0);
	zassert_equal(got[0], 0x0e);
}

ZTEST(event, test_one_post_wakes_every_satisfied_waiter)
{
	spawn_waiter(0, 0x01, false, false);
	spawn_waiter(1, 0x06, false, false);
	spawn_waiter(2, 0x03, true, false);
	spawn_waiter(3, 0x80, false, false);
	k_msleep(5);
	k_event_post(&event, 0x03);
	join(0);
	join(1);
	join(2);
	zassert_equal(got[0], 0x01);
	zassert_equal(got[1], 0x02);
	zassert_equal(got[2], 0x03);
	k_msleep(2);
	zassert_false(done[3], "a waiter whose condition does not hold was woken");
	/* set_masked wakes too. */
	k_event_set_masked(&event, 0xff, 0x80);
	join(3);
	zassert_equal(got[3], 0x80);
}

ZTEST(event, test_clear_wakes_nobody)
{
	spawn_waiter(0, 0x01, false, false);
	k_msleep(2);
	k_event_clear(&event, UINT32_MAX);
	k_event_set(&event, 0x02);
	k_msleep(2);
	zassert_false(done[0]);
	k_event_set(&event, 0x03);
	join(0);
	zassert_equal(got[0], 0x01);
}

ZTEST(event, test_timeout_returns_zero)
{
	int64_t t0 = k_uptime_ticks();

	k_event_post(&event, 0x01);
	zassert_equal(k_event_wait(&event, 0x02, false, K_MSEC(20)), 0);
	zassert_between_inclusive(k_uptime_ticks() - t0, 20, 22);
	t0 = k_uptime_ticks();
	zassert_equal(k_event_wait_all(&event, 0x03, false, K_MSEC(10)), 0);
	zassert_between_inclusive(k_uptime_ticks() - t0, 10, 12);
}

ZTEST(event, test_static_event)
{
	zassert_equal(k_event_test(&static_event, UINT32_MAX), 0);
	k_event_post(&static_event, 0x40);
	zassert_equal(k_event_wait(&static_event, 0x40, false, K_FOREVER), 0x40);
	k_event_clear(&static_event, 0x40);
}

/* ---- From an interrupt ---- */

static volatile uint32_t isr_runs;
static volatile uint32_t isr_prev;

static void msoft_isr(const void *arg)
{
	ARG_UNUSED(arg);
	riscv_soft_irq_clear();
	isr_prev = k_event_post(&event, 0x100);
	isr_runs++;
}

IRQ_CONNECT(RISCV_IRQ_SOFT, 0, msoft_isr, NULL, 0);

ZTEST(event, test_isr_post_wakes_waiter)
{
	uint32_t runs = isr_runs;

	spawn_waiter(0, 0x100, false, false);
	k_msleep(2);
	irq_enable(RISCV_IRQ_SOFT);
	riscv_soft_irq_raise();
	for (int spin = 0; isr_runs == runs && spin < 100000; spin++) {
	}
	zassert_equal(isr_runs, runs + 1, "the software interrupt did not run");
	zassert_equal(isr_prev, 0);
	join(0);
	zassert_equal(got[0], 0x100);
}

ZTEST_SUITE(event, NULL, NULL, before, after, NULL);
