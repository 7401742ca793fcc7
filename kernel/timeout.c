/*
 * Kernel time: the tick count and the pending timeouts (sleeping threads,
 * timed waits, k_timer, time slices), kept in a deadline tree ordered by
 * absolute tick so that insertion and removal cost O(log n) however many
 * threads sleep. The system timer driver reports elapsed ticks through
 * sys_clock_announce() and is asked for the next interrupt through
 * sys_clock_set_timeout(): with CONFIG_TICKLESS_KERNEL an idle system takes
 * no timer interrupt at all.
 *
 * State is changed with interrupts locked. Expiry callbacks run from
 * sys_clock_announce(), in interrupt context, with interrupts locked.
 */
#include <vireo/drivers/timer/system_timer.h>
#include <vireo/sys/timeout_q.h>
#include "kernel_internal.h"

static struct z_tq timeout_q;
/* Ticks announced by the driver so far. */
static uint64_t curr_tick;
/* True while sys_clock_announce() runs callbacks: "now" is curr_tick. */
static bool announcing;

void z_timeout_init(void)
{
	z_tq_init(&timeout_q);
}

/* The tick now: announced ticks plus those the driver has not announced. */
static uint64_t now_tick(void)
{
	return announcing ? curr_tick : curr_tick + sys_clock_elapsed();
}

static void program_next(void)
{
	struct z_tq_node *first;
	int64_t delta;

	/* A ticking timer interrupts every tick anyway. */
	if (!IS_ENABLED(CONFIG_TICKLESS_KERNEL)) {
		return;
	}

	first = z_tq_first(&timeout_q);
	if (first == NULL) {
		sys_clock_set_timeout(K_TICKS_FOREVER, false);
		return;
	}
	delta = first->key > curr_tick ? (int64_t)(first->key - curr_tick) : 0;
	sys_clock_set_timeout(delta > INT32_MAX ? INT32_MAX : (int32_t)delta, false);
}

void z_add_timeout_abs(struct _timeout *to, void (*fn)(struct _timeout *), int64_t deadline)
{
	to->fn = fn;
	z_tq_insert(&timeout_q, &to->node, deadline > 0 ? (uint64_t)deadline : 0);
	/* Only a new earliest deadline moves the timer (and not mid-announce). */
	if (!announcing && z_tq_first(&timeout_q) == &to->node) {
		program_next();
	}
}

void z_add_timeout(struct _timeout *to, void (*fn)(struct _timeout *), k_timeout_t timeout)
{
	int64_t deadline;

	if (K_TIMEOUT_EQ(timeout, K_FOREVER)) {
		return;
	}
	if (Z_IS_TIMEOUT_ABSOLUTE(timeout)) {
		deadline = Z_TIMEOUT_ABS_TICKS(timeout);
	} else {
		/*
		 * The current tick has partly elapsed: one more tick makes sure
		 * the wait lasts at least the requested time.
		 */
		int64_t now = (int64_t)now_tick();
		int64_t ticks = MAX(timeout.ticks, 0);

		/* Saturated: a huge relative timeout (a user can pass one) never wraps. */
		deadline = ticks > INT64_MAX - now - 1 ? INT64_MAX : now + ticks + 1;
	}
	z_add_timeout_abs(to, fn, deadline);
}

void z_abort_timeout(struct _timeout *to)
{
	/* A timer interrupt that then finds nothing due is harmless. */
	if (z_tq_node_linked(&to->node)) {
		z_tq_remove(&timeout_q, &to->node);
	}
}

bool z_timeout_is_pending(const struct _timeout *to)
{
	return z_tq_node_linked(&to->node);
}

int64_t z_timeout_remaining(const struct _timeout *to)
{
	uint64_t now = now_tick();

	if (!z_tq_node_linked(&to->node) || to->node.key <= now) {
		return 0;
	}
	return (int64_t)(to->node.key - now);
}

int64_t z_tick_get(void)
{
	unsigned int key = arch_irq_lock();
	int64_t t = (int64_t)now_tick();

	arch_irq_unlock(key);
	return t;
}

/* Run every timeout due by @p target, each with "now" at its own deadline. */
static __noinline void announce_due(uint64_t target)
{
	struct z_tq_node *first;

	announcing = true;
	/* Each callback sees "now" as its own deadline, so periodic work does not drift. */
	while ((first = z_tq_first(&timeout_q)) != NULL && first->key <= target) {
		struct _timeout *to = CONTAINER_OF(first, struct _timeout, node);

		curr_tick = MAX(curr_tick, first->key);
		z_tq_remove(&timeout_q, first);
		to->fn(to);
	}
	announcing = false;
}

void sys_clock_announce(int32_t ticks)
{
	uint64_t target = curr_tick + (uint64_t)MAX(ticks, 0);
	struct z_tq_node *first = z_tq_first(&timeout_q);

	/* The common tick has nothing due: no frame, no callback. */
	if (first != NULL && first->key <= target) {
		announce_due(target);
	}
	curr_tick = target;
	program_next();
}

int64_t z_impl_k_uptime_ticks(void)
{
	return z_tick_get();
}

uint32_t k_cycle_get_32(void)
{
	return sys_clock_cycle_get_32();
}

uint64_t k_cycle_get_64(void)
{
	return sys_clock_cycle_get_64();
}

void z_impl_k_busy_wait(uint32_t usec_to_wait)
{
	uint64_t start = sys_clock_cycle_get_64();
	/* Rounded up: a 32768 Hz clock ticks every 30.5 us, and "at least" holds. */
	uint64_t cycles = Z_CEIL_DIV((uint64_t)usec_to_wait * CONFIG_SYS_CLOCK_HW_CYCLES_PER_SEC,
				     1000000U);

	while (sys_clock_cycle_get_64() - start < cycles) {
	}
}
