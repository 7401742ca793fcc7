/*
 * Sleeping and waiting (Zephyr's k_sleep, k_msleep, k_usleep, k_wakeup,
 * k_busy_wait). A sleep lasts at least what was asked and, on an idle
 * system, at most one tick more; k_wakeup ends it early and k_sleep then
 * returns the time left. Durations are checked in the board's own ticks
 * and cycles (1 ms ticks of a 10 MHz clock on QEMU virt, 1/1024 s ticks of
 * a 32768 Hz one on the FE310), never assuming one tick is one millisecond.
 */
#include "thread_pool.h"

/* Ticks a sleep of ms milliseconds lasts at least (K_MSEC rounds up). */
#define MS_TICKS(ms) k_ms_to_ticks_ceil64(ms)
#define CYC_PER_TICK (sys_clock_hw_cycles_per_sec() / CONFIG_SYS_CLOCK_TICKS_PER_SEC)
/* Whole cycles in us microseconds, rounded down. */
#define US_CYCLES(us) ((uint64_t)(us) * sys_clock_hw_cycles_per_sec() / 1000000U)
/* Rounded up: what k_busy_wait(us) must wait at least, also below one cycle. */
#define US_CYCLES_CEIL(us) Z_CEIL_DIV((uint64_t)(us) * sys_clock_hw_cycles_per_sec(), 1000000U)

ZTEST(threads_sleep, test_sleep_returns_zero)
{
	zassert_equal(k_sleep(K_MSEC(3)), 0);
	zassert_equal(k_msleep(3), 0);
	zassert_equal(k_sleep(K_NO_WAIT), 0);
	zassert_equal(k_sleep(K_TICKS(2)), 0);
}

ZTEST(threads_sleep, test_msleep_duration_within_one_tick)
{
	static const int32_t requests[] = { 1, 2, 5, 10, 33, 100 };

	for (size_t i = 0; i < ARRAY_SIZE(requests); i++) {
		int32_t ms = requests[i];
		int64_t t0 = k_uptime_ticks();
		int64_t elapsed;

		zassert_equal(k_msleep(ms), 0);
		elapsed = ticks_since(t0);
		zassert_true(elapsed >= MS_TICKS(ms), "k_msleep(%d) lasted %lld ticks", (int)ms,
			     (long long)elapsed);
		zassert_true(elapsed <= MS_TICKS(ms) + 1, "k_msleep(%d) lasted %lld ticks", (int)ms,
			     (long long)elapsed);
	}
}

ZTEST(threads_sleep, test_msleep_real_time)
{
	uint64_t c0 = k_cycle_get_64();
	uint64_t cycles;

	zassert_equal(k_msleep(20), 0);
	cycles = k_cycle_get_64() - c0;
	zassert_true(cycles >= US_CYCLES(20000), "20 ms took %u cycles", (unsigned int)cycles);
	zassert_true(cycles <= (uint64_t)(MS_TICKS(20) + 2) * CYC_PER_TICK,
		     "20 ms took %u cycles", (unsigned int)cycles);
}

ZTEST(threads_sleep, test_usleep)
{
	static const int32_t requests[] = { 1, 100, 999, 1500, 4000 };

	for (size_t i = 0; i < ARRAY_SIZE(requests); i++) {
		int32_t us = requests[i];
		uint64_t c0 = k_cycle_get_64();
		int64_t t0 = k_uptime_ticks();
		uint64_t cycles;
		int64_t ticks;
		int64_t want = k_us_to_ticks_ceil64(us);

		zassert_equal(k_usleep(us), 0);
		cycles = k_cycle_get_64() - c0;
		ticks = ticks_since(t0);
		zassert_true(cycles >= US_CYCLES(us),
			     "k_usleep(%d) took %u cycles", (int)us, (unsigned int)cycles);
		zassert_true(ticks >= want && ticks <= want + 1, "k_usleep(%d) lasted %lld ticks",
			     (int)us, (long long)ticks);
	}
}

ZTEST(threads_sleep, test_sleep_until_absolute_deadline)
{
	int64_t deadline = k_uptime_ticks() + 20;
	int64_t woke;

	zassert_equal(k_sleep(K_TIMEOUT_ABS_TICKS(deadline)), 0);
	woke = k_uptime_ticks();
	zassert_true(woke >= deadline && woke <= deadline + 1, "woke at %lld for %lld",
		     (long long)woke, (long long)deadline);
	/* A deadline in the past does not block. */
	zassert_equal(k_sleep(K_TIMEOUT_ABS_TICKS(deadline)), 0);
	zassert_true(ticks_since(woke) <= 1);
}

static volatile int32_t sleep_rc;
static volatile int64_t sleep_ticks;

static void long_sleeper(void *p1, void *p2, void *p3)
{
	k_timeout_t timeout = *(k_timeout_t *)p1;
	int64_t t0 = k_uptime_ticks();

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	sleep_rc = k_sleep(timeout);
	sleep_ticks = ticks_since(t0);
}

ZTEST(threads_sleep, test_wakeup_ends_sleep_early)
{
	static k_timeout_t one_second = K_MSEC(1000);
	k_tid_t t;

	sleep_rc = -99;
	t = helper_spawn(long_sleeper, &one_second, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(50);
	zassert_equal(sleep_rc, -99, "the sleeper returned early by itself");
	k_wakeup(t);
	zassert_equal(k_thread_join(t, K_MSEC(20)), 0, "k_wakeup did not end the sleep");
	zassert_true(sleep_ticks < 100, "slept %lld ticks", (long long)sleep_ticks);
	/* About 950 ms were left. */
	zassert_true(sleep_rc > 0, "k_sleep returned %d after k_wakeup", (int)sleep_rc);
	zassert_true(sleep_rc >= 900 && sleep_rc <= 1000, "k_sleep returned %d", (int)sleep_rc);
}

static void sleep_twice(void *p1, void *p2, void *p3)
{
	int64_t t0;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_msleep(40);
	/* Woken early: what is left of the first sleep must not cut the second short. */
	t0 = k_uptime_ticks();
	sleep_rc = k_msleep(60);
	sleep_ticks = ticks_since(t0);
}

ZTEST(threads_sleep, test_sleep_after_wakeup_lasts_full_time)
{
	k_tid_t t;

	sleep_rc = -99;
	t = helper_spawn(sleep_twice, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(10);
	k_wakeup(t);
	zassert_equal(k_thread_join(t, K_MSEC(200)), 0);
	zassert_equal(sleep_rc, 0, "the second sleep returned %d", (int)sleep_rc);
	zassert_true(sleep_ticks >= MS_TICKS(60), "the second sleep lasted %lld ticks",
		     (long long)sleep_ticks);
}

ZTEST(threads_sleep, test_wakeup_ends_sleep_forever)
{
	static k_timeout_t forever = K_FOREVER;
	k_tid_t t;

	sleep_rc = -99;
	t = helper_spawn(long_sleeper, &forever, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(10);
	zassert_equal(sleep_rc, -99);
	k_wakeup(t);
	zassert_equal(k_thread_join(t, K_MSEC(20)), 0);
	zassert_equal(sleep_rc, (int32_t)K_TICKS_FOREVER, "k_sleep(K_FOREVER) returned %d",
		      (int)sleep_rc);
}

static struct k_sem wake_sem;
static volatile int sem_rc;

static void sem_waiter(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	sem_rc = k_sem_take(&wake_sem, K_FOREVER);
}

ZTEST(threads_sleep, test_wakeup_leaves_blocked_thread_alone)
{
	k_tid_t t;

	sem_rc = -99;
	k_sem_init(&wake_sem, 0, 1);
	t = helper_spawn(sem_waiter, NULL, NULL, NULL, PRIO_HI, K_NO_WAIT);
	k_msleep(5);
	k_wakeup(t);
	k_msleep(5);
	zassert_equal(sem_rc, -99, "k_wakeup woke a thread blocked on a semaphore (%d)", sem_rc);
	k_sem_give(&wake_sem);
	zassert_equal(k_thread_join(t, K_MSEC(20)), 0);
	zassert_equal(sem_rc, 0);
}

ZTEST(threads_sleep, test_busy_wait)
{
	static const uint32_t waits_us[] = { 1, 10, 1000, 5000 };

	for (size_t i = 0; i < ARRAY_SIZE(waits_us); i++) {
		uint64_t c0 = k_cycle_get_64();
		uint32_t c32 = k_cycle_get_32();
		uint64_t want = US_CYCLES_CEIL(waits_us[i]);

		k_busy_wait(waits_us[i]);
		zassert_true(k_cycle_get_64() - c0 >= want, "k_busy_wait(%u) too short",
			     (unsigned int)waits_us[i]);
		zassert_true(k_cycle_get_32() - c32 >= (uint32_t)want);
	}
}

ZTEST(threads_sleep, test_busy_wait_does_not_sleep)
{
	static k_timeout_t forever = K_FOREVER;
	k_tid_t t;

	sleep_rc = -99;
	/* A higher-priority thread that is ready must not get the CPU. */
	t = helper_spawn(long_sleeper, &forever, NULL, NULL, PRIO_HI, K_FOREVER);
	k_thread_start(t);
	k_busy_wait(2000);
	zassert_equal(sleep_rc, -99);
	zassert_equal(k_thread_join(t, K_NO_WAIT), -EBUSY);
	k_msleep(1);
	k_wakeup(t);
	zassert_equal(k_thread_join(t, K_MSEC(20)), 0);
}

ZTEST(threads_sleep, test_uptime_follows_cycles)
{
	int64_t t0 = k_uptime_get();
	uint64_t c0 = k_cycle_get_64();

	k_busy_wait(30000);
	zassert_within(k_uptime_get() - t0, 30, 1);
	zassert_within((int64_t)((k_cycle_get_64() - c0) * 1000U / sys_clock_hw_cycles_per_sec()),
		       30, 1);
}

ZTEST_SUITE(threads_sleep, NULL, NULL, NULL, helpers_cleanup, NULL);
