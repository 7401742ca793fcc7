/*
 * k_timer: one-shot and periodic expiry counts, the expiry function
 * running in interrupt context and the stop function on a stop, status
 * read and reset, k_timer_status_sync() blocking until an expiry or a
 * stop, remaining/expiry ticks, restart resetting the status, expiry on
 * the exact tick, and periodic deadlines that do not drift even when an
 * expiry is served late. Durations are in the board's ticks: a K_MSEC(ms)
 * timeout is MS_TICKS(ms) of them, whatever the tick rate.
 */
#include <vireo/ztest.h>

#define MS_TICKS(ms) k_ms_to_ticks_ceil64(ms)

#define HELPER_STACK_SIZE 1024
#define HELPER_PRIO 5
#define MAX_STAMPS 16

static void expiry_fn(struct k_timer *t);
static void stop_fn(struct k_timer *t);

K_TIMER_DEFINE(static_timer, expiry_fn, stop_fn);
static struct k_timer timer;

/* What the callbacks saw. */
static volatile int expiries;
static volatile int stops;
static volatile bool expiry_outside_isr;
static volatile bool stop_in_isr;
static int64_t stamps[MAX_STAMPS]; /* k_uptime_ticks() at each expiry */
static uint64_t cycle_stamps[MAX_STAMPS]; /* the hardware clock then */
static volatile int stop_after;     /* expiry_fn stops the timer at this count */

static void expiry_fn(struct k_timer *t)
{
	if (!k_is_in_isr()) {
		expiry_outside_isr = true;
	}
	if (expiries < MAX_STAMPS) {
		stamps[expiries] = k_uptime_ticks();
		cycle_stamps[expiries] = k_cycle_get_64();
	}
	expiries++;
	if (stop_after != 0 && expiries == stop_after) {
		k_timer_stop(t);
	}
}

static void stop_fn(struct k_timer *t)
{
	ARG_UNUSED(t);
	stop_in_isr = k_is_in_isr();
	stops++;
}

static K_THREAD_STACK_DEFINE(helper_stack, HELPER_STACK_SIZE);
static struct k_thread helper;
static bool helper_used;
static volatile uint32_t helper_status;
static volatile bool helper_done;

static void sync_helper(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	helper_status = k_timer_status_sync(&timer);
	helper_done = true;
}

static void spawn_sync_helper(void)
{
	helper_used = true;
	helper_done = false;
	helper_status = 0xdead;
	k_thread_create(&helper, helper_stack, K_THREAD_STACK_SIZEOF(helper_stack), sync_helper,
			NULL, NULL, NULL, HELPER_PRIO, 0, K_NO_WAIT);
}

/* Wait for a tick boundary, so that the next steps happen within one tick. */
static int64_t tick_start(void)
{
	int64_t t = k_uptime_ticks();

	while (k_uptime_ticks() == t) {
	}
	return t + 1;
}

static void before(void *fixture)
{
	ARG_UNUSED(fixture);
	k_timer_init(&timer, expiry_fn, stop_fn);
	expiries = 0;
	stops = 0;
	expiry_outside_isr = false;
	stop_in_isr = false;
	stop_after = 0;
}

static void after(void *fixture)
{
	ARG_UNUSED(fixture);
	k_timer_stop(&timer);
	k_timer_stop(&static_timer);
	if (helper_used) {
		k_thread_abort(&helper);
		helper_used = false;
	}
}

ZTEST(timer, test_one_shot)
{
	k_timer_start(&timer, K_MSEC(10), K_NO_WAIT);
	k_msleep(5);
	zassert_equal(k_timer_status_get(&timer), 0);
	k_msleep(25);
	zassert_equal(expiries, 1);
	zassert_equal(k_timer_status_get(&timer), 1);
	zassert_equal(k_timer_status_get(&timer), 0, "reading the status resets it");
	zassert_equal(k_timer_remaining_ticks(&timer), 0, "a one-shot timer stopped");
	zassert_false(expiry_outside_isr, "the expiry function ran outside an ISR");
	/* A period of K_FOREVER is one-shot too. */
	k_timer_start(&timer, K_MSEC(5), K_FOREVER);
	k_msleep(30);
	zassert_equal(expiries, 2);
}

ZTEST(timer, test_periodic_count)
{
	k_timer_start(&timer, K_MSEC(10), K_MSEC(10));
	k_msleep(105);
	k_timer_stop(&timer);
	zassert_within(expiries, 10, 1, "%d expiries in 105 ms", expiries);
	zassert_equal(k_timer_status_get(&timer), (uint32_t)expiries, "status counts each");
	zassert_false(expiry_outside_isr);
	k_msleep(30);
	zassert_within(expiries, 10, 1, "expired after the stop");
}

ZTEST(timer, test_stop_function)
{
	k_timer_start(&timer, K_MSEC(50), K_NO_WAIT);
	k_msleep(5);
	k_timer_stop(&timer);
	zassert_equal(stops, 1);
	zassert_false(stop_in_isr, "stop_fn runs in the caller's context");
	k_msleep(60);
	zassert_equal(expiries, 0, "a stopped timer expired");
	/* Not running: no stop function call. */
	k_timer_stop(&timer);
	zassert_equal(stops, 1);
	/* An expired one-shot timer is not running either. */
	k_timer_start(&timer, K_MSEC(2), K_NO_WAIT);
	k_msleep(10);
	k_timer_stop(&timer);
	zassert_equal(stops, 1);
}

ZTEST(timer, test_stop_from_expiry_function)
{
	stop_after = 3;
	k_timer_start(&timer, K_MSEC(5), K_MSEC(5));
	k_msleep(50);
	zassert_equal(expiries, 3);
	zassert_equal(stops, 1);
	zassert_true(stop_in_isr, "stop_fn runs in the caller's context, here the ISR");
}

ZTEST(timer, test_status_sync_waits_for_expiry)
{
	int64_t t0;

	k_timer_start(&timer, K_MSEC(20), K_NO_WAIT);
	t0 = k_uptime_ticks();
	zassert_equal(k_timer_status_sync(&timer), 1);
	zassert_within(k_uptime_ticks() - t0, MS_TICKS(20), 1);
	/* Stopped now, status read: returns at once. */
	t0 = k_uptime_ticks();
	zassert_equal(k_timer_status_sync(&timer), 0);
	zassert_equal(k_uptime_ticks(), t0);
	/* Status already non-zero: returns at once with it. */
	k_timer_start(&timer, K_MSEC(2), K_MSEC(2));
	k_msleep(5);
	zassert_true(k_timer_status_sync(&timer) >= 2);
}

ZTEST(timer, test_status_sync_woken_by_stop)
{
	k_timer_start(&timer, K_MSEC(500), K_NO_WAIT);
	spawn_sync_helper();
	k_msleep(5);
	zassert_false(helper_done, "status_sync did not block");
	k_timer_stop(&timer);
	zassert_ok(k_thread_join(&helper, K_MSEC(100)));
	zassert_equal(helper_status, 0);
}

ZTEST(timer, test_status_sync_in_helper_thread)
{
	k_timer_start(&timer, K_MSEC(10), K_MSEC(10));
	spawn_sync_helper();
	zassert_ok(k_thread_join(&helper, K_MSEC(100)));
	zassert_equal(helper_status, 1);
	k_timer_stop(&timer);
}

ZTEST(timer, test_remaining_and_expires)
{
	int64_t t0 = tick_start();
	uint32_t r1, r2;

	k_timer_start(&timer, K_MSEC(100), K_NO_WAIT);
	zassert_equal(k_timer_expires_ticks(&timer), t0 + MS_TICKS(100));
	zassert_equal(k_timer_remaining_ticks(&timer), MS_TICKS(100));
	r1 = k_timer_remaining_get(&timer);
	k_msleep(20);
	r2 = k_timer_remaining_get(&timer);
	zassert_true(r1 <= 100 && r1 >= 99, "r1 %u", (unsigned int)r1);
	zassert_true(r2 < r1, "remaining did not decrease");
	zassert_within(r2, 79, 2, "r2 %u", (unsigned int)r2);
	zassert_equal(k_timer_expires_ticks(&timer), t0 + MS_TICKS(100), "the deadline moved");
	k_timer_stop(&timer);
	zassert_equal(k_timer_remaining_get(&timer), 0);
	zassert_equal(k_timer_remaining_ticks(&timer), 0);
}

ZTEST(timer, test_restart_resets_status)
{
	k_timer_start(&timer, K_MSEC(2), K_MSEC(2));
	k_msleep(9);
	k_timer_start(&timer, K_MSEC(50), K_NO_WAIT);
	zassert_equal(k_timer_status_get(&timer), 0, "restart kept the old status");
	zassert_equal(stops, 0, "restart called the stop function");
	zassert_within(k_timer_remaining_ticks(&timer), MS_TICKS(50), 1);
}

ZTEST(timer, test_expires_on_the_exact_tick)
{
	int64_t t0 = tick_start();

	k_timer_start(&timer, K_TICKS(10), K_NO_WAIT);
	k_msleep(20);
	zassert_equal(expiries, 1);
	zassert_within(stamps[0], t0 + 10, 1, "expired at %d, expected %d",
		       (int)stamps[0], (int)(t0 + 10));

	t0 = tick_start();
	k_timer_start(&timer, K_TIMEOUT_ABS_TICKS(t0 + 5), K_NO_WAIT);
	k_msleep(10);
	zassert_equal(expiries, 2);
	zassert_equal(stamps[1], t0 + 5, "absolute deadline missed");
}

ZTEST(timer, test_periodic_does_not_drift)
{
	const int period = 7, n = 10;
	const uint64_t cyc_per_tick = sys_clock_hw_cycles_per_sec() / CONFIG_SYS_CLOCK_TICKS_PER_SEC;
	int64_t t0 = tick_start();
	unsigned int key;
	int late = 0;

	k_timer_start(&timer, K_TICKS(period), K_TICKS(period));
	/* Lock interrupts over the 3rd and 4th deadlines: both served late. */
	k_sleep(K_TICKS(2 * period + 1));
	key = irq_lock();
	k_busy_wait((uint32_t)k_ticks_to_us_floor64(3 + 2 * period));
	irq_unlock(key);
	for (int spin = 0; expiries < n && spin < 20 * n * period; spin++) {
		k_msleep(1);
	}
	k_timer_stop(&timer);
	zassert_true(expiries >= n, "only %d expiries", expiries);
	for (int i = 0; i < n; i++) {
		/* Real time since the first expiry, which was served on time. */
		uint64_t real = (cycle_stamps[i] - cycle_stamps[0]) / cyc_per_tick;

		zassert_equal(stamps[i], t0 + (int64_t)period * (i + 1), "expiry %d at %d, expected %d",
			      i, (int)stamps[i], (int)(t0 + period * (i + 1)));
		if (real >= (uint64_t)(period * i + 2)) {
			late++;
		}
	}
	/* The stall really delayed some expiries (else this proves nothing)... */
	zassert_true(late >= 2, "%d expiries served late", late);
	/* ...and the schedule held: the last one is on time again. */
	zassert_true((cycle_stamps[n - 1] - cycle_stamps[0]) / cyc_per_tick <
			     (uint64_t)(period * (n - 1) + 1),
		     "the last expiry is late");
}

ZTEST(timer, test_start_forever_does_nothing)
{
	k_timer_start(&timer, K_FOREVER, K_MSEC(1));
	k_msleep(5);
	zassert_equal(expiries, 0);
	zassert_equal(k_timer_remaining_ticks(&timer), 0);
}

ZTEST(timer, test_user_data_and_static_timer)
{
	int cookie;

	zassert_is_null(k_timer_user_data_get(&timer));
	k_timer_user_data_set(&timer, &cookie);
	zassert_equal_ptr(k_timer_user_data_get(&timer), &cookie);
	zassert_is_null(k_timer_user_data_get(&static_timer));
	k_timer_start(&static_timer, K_MSEC(3), K_NO_WAIT);
	zassert_equal(k_timer_status_sync(&static_timer), 1);
	zassert_equal(expiries, 1);
}

ZTEST_SUITE(timer, NULL, NULL, before, after, NULL);
