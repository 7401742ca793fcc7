/*
 * k_msgq: full and empty queues with and without timeouts, FIFO order,
 * direct hand-over to a waiting getter and from a waiting putter,
 * priority order among waiting getters, purge cancelling putters, peek,
 * attributes, and puts and gets from a real interrupt (the software
 * interrupt of <vireo/arch/riscv/soft_irq.h>).
 */
#include <vireo/ztest.h>
#include <vireo/arch/riscv/soft_irq.h>

#define MAX_MSGS 4
#define NUM_HELPERS 3
#define HELPER_STACK_SIZE 1024
#define HELPER_PRIO 5

struct msg {
	unsigned int seq;
	unsigned int check;
};

K_MSGQ_DEFINE(static_q, sizeof(struct msg), MAX_MSGS, 4);
static struct k_msgq q;
static char __aligned(4) q_buf[MAX_MSGS * sizeof(struct msg)];

static K_THREAD_STACK_ARRAY_DEFINE(helper_stacks, NUM_HELPERS, HELPER_STACK_SIZE);
static struct k_thread helpers[NUM_HELPERS];
static bool helper_used[NUM_HELPERS];

/* What each helper did: its return code and the message it got. */
static volatile int helper_rc[NUM_HELPERS];
static struct msg helper_msg[NUM_HELPERS];

static struct msg make_msg(unsigned int seq)
{
	return (struct msg){ .seq = seq, .check = ~seq };
}

static void spawn(int idx, k_thread_entry_t fn, int prio)
{
	helper_used[idx] = true;
	helper_rc[idx] = 1; /* not returned yet */
	k_thread_create(&helpers[idx], helper_stacks[idx], K_THREAD_STACK_SIZEOF(helper_stacks[idx]),
			fn, (void *)(intptr_t)idx, NULL, NULL, prio, 0, K_NO_WAIT);
}

static void join(int idx)
{
	zassert_ok(k_thread_join(&helpers[idx], K_MSEC(1000)), "helper %d did not finish", idx);
}

static void getter(void *p1, void *p2, void *p3)
{
	int idx = (int)(intptr_t)p1;

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	helper_rc[idx] = k_msgq_get(&q, &helper_msg[idx], K_FOREVER);
}

static void putter(void *p1, void *p2, void *p3)
{
	int idx = (int)(intptr_t)p1;
	struct msg m = make_msg(100 + (unsigned int)idx);

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	helper_rc[idx] = k_msgq_put(&q, &m, K_FOREVER);
}

static void fill(struct k_msgq *mq, unsigned int first, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct msg m = make_msg(first + i);

		zassert_ok(k_msgq_put(mq, &m, K_NO_WAIT));
	}
}

static void expect_next(struct k_msgq *mq, unsigned int seq)
{
	struct msg m;

	zassert_ok(k_msgq_get(mq, &m, K_NO_WAIT));
	zassert_equal(m.seq, seq, "got %u, expected %u", m.seq, seq);
	zassert_equal(m.check, ~seq);
}

static void before(void *fixture)
{
	ARG_UNUSED(fixture);
	k_msgq_init(&q, q_buf, sizeof(struct msg), MAX_MSGS);
	k_msgq_purge(&static_q);
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

ZTEST(msgq, test_empty_and_full_no_wait)
{
	struct msg m = make_msg(99);

	zassert_equal(k_msgq_get(&q, &m, K_NO_WAIT), -ENOMSG);
	zassert_equal(k_msgq_num_used_get(&q), 0);
	zassert_equal(k_msgq_num_free_get(&q), MAX_MSGS);
	fill(&q, 1, MAX_MSGS);
	zassert_equal(k_msgq_put(&q, &m, K_NO_WAIT), -ENOMSG);
	zassert_equal(k_msgq_num_used_get(&q), MAX_MSGS);
	zassert_equal(k_msgq_num_free_get(&q), 0);
	for (unsigned int i = 1; i <= MAX_MSGS; i++) {
		expect_next(&q, i);
	}
	zassert_equal(k_msgq_get(&q, &m, K_NO_WAIT), -ENOMSG);
}

ZTEST(msgq, test_fifo_order_across_wrap)
{
	/* Go round the ring several times with the queue half full. */
	unsigned int next_put = 1, next_get = 1;

	fill(&q, next_put, 2);
	next_put += 2;
	for (int round = 0; round < 3 * MAX_MSGS; round++) {
		fill(&q, next_put++, 1);
		expect_next(&q, next_get++);
	}
	expect_next(&q, next_get++);
	expect_next(&q, next_get++);
	zassert_equal(next_get, next_put);
}

ZTEST(msgq, test_static_queue)
{
	struct k_msgq_attrs attrs;

	k_msgq_get_attrs(&static_q, &attrs);
	zassert_equal(attrs.msg_size, sizeof(struct msg));
	zassert_equal(attrs.max_msgs, MAX_MSGS);
	zassert_equal(attrs.used_msgs, 0);
	fill(&static_q, 7, 3);
	k_msgq_get_attrs(&static_q, &attrs);
	zassert_equal(attrs.used_msgs, 3);
	expect_next(&static_q, 7);
	expect_next(&static_q, 8);
	expect_next(&static_q, 9);
}

ZTEST(msgq, test_get_times_out)
{
	struct msg m;
	int64_t t0 = k_uptime_ticks();

	zassert_equal(k_msgq_get(&q, &m, K_MSEC(20)), -EAGAIN);
	zassert_between_inclusive(k_uptime_ticks() - t0, k_ms_to_ticks_ceil64(20),
				  k_ms_to_ticks_ceil64(20) + 2);
}

ZTEST(msgq, test_put_times_out)
{
	struct msg m = make_msg(50);
	int64_t t0;

	fill(&q, 1, MAX_MSGS);
	t0 = k_uptime_ticks();
	zassert_equal(k_msgq_put(&q, &m, K_MSEC(20)), -EAGAIN);
	zassert_between_inclusive(k_uptime_ticks() - t0, k_ms_to_ticks_ceil64(20),
				  k_ms_to_ticks_ceil64(20) + 2);
	zassert_equal(k_msgq_num_used_get(&q), MAX_MSGS);
	expect_next(&q, 1);
}

ZTEST(msgq, test_put_wakes_blocked_getter)
{
	struct msg m = make_msg(42);

	spawn(0, getter, HELPER_PRIO);
	k_msleep(5);
	zassert_equal(helper_rc[0], 1, "getter did not block");
	zassert_ok(k_msgq_put(&q, &m, K_NO_WAIT));
	/* Handed straight to the getter: nothing was queued. */
	zassert_equal(k_msgq_num_used_get(&q), 0);
	join(0);
	zassert_equal(helper_rc[0], 0);
	zassert_mem_equal(&helper_msg[0], &m, sizeof(m));
}

ZTEST(msgq, test_get_wakes_blocked_putter)
{
	fill(&q, 1, MAX_MSGS);
	spawn(0, putter, HELPER_PRIO);
	k_msleep(5);
	zassert_equal(helper_rc[0], 1, "putter did not block");
	expect_next(&q, 1);
	/* The putter's message took the freed slot at once. */
	zassert_equal(k_msgq_num_used_get(&q), MAX_MSGS);
	join(0);
	zassert_equal(helper_rc[0], 0);
	for (unsigned int i = 2; i <= MAX_MSGS; i++) {
		expect_next(&q, i);
	}
	expect_next(&q, 100);
}

ZTEST(msgq, test_waiting_getters_in_priority_order)
{
	/* The low-priority getter waits first; the high one still goes first. */
	spawn(0, getter, HELPER_PRIO + 2);
	k_msleep(2);
	spawn(1, getter, HELPER_PRIO);
	k_msleep(2);
	fill(&q, 1, 2);
	join(0);
	join(1);
	zassert_equal(helper_rc[0], 0);
	zassert_equal(helper_rc[1], 0);
	zassert_equal(helper_msg[1].seq, 1, "high-priority getter got %u", helper_msg[1].seq);
	zassert_equal(helper_msg[0].seq, 2, "low-priority getter got %u", helper_msg[0].seq);
}

ZTEST(msgq, test_waiting_putters_in_priority_order)
{
	fill(&q, 1, MAX_MSGS);
	spawn(0, putter, HELPER_PRIO + 2);
	k_msleep(2);
	spawn(1, putter, HELPER_PRIO);
	k_msleep(2);
	expect_next(&q, 1);
	expect_next(&q, 2);
	join(0);
	join(1);
	expect_next(&q, 3);
	expect_next(&q, 4);
	expect_next(&q, 101); /* the high-priority putter first */
	expect_next(&q, 100);
}

ZTEST(msgq, test_purge_cancels_putters)
{
	fill(&q, 1, MAX_MSGS);
	spawn(0, putter, HELPER_PRIO);
	spawn(1, putter, HELPER_PRIO);
	k_msleep(5);
	zassert_equal(helper_rc[0], 1);
	zassert_equal(helper_rc[1], 1);
	k_msgq_purge(&q);
	zassert_equal(k_msgq_num_used_get(&q), 0);
	join(0);
	join(1);
	zassert_equal(helper_rc[0], -ENOMSG);
	zassert_equal(helper_rc[1], -ENOMSG);
	/* Nothing of theirs was queued, and the queue works on. */
	zassert_equal(k_msgq_num_used_get(&q), 0);
	fill(&q, 10, MAX_MSGS);
	expect_next(&q, 10);
}

ZTEST(msgq, test_purge_leaves_getters_waiting)
{
	struct msg m = make_msg(8);

	spawn(0, getter, HELPER_PRIO);
	k_msleep(2);
	k_msgq_purge(&q);
	k_msleep(2);
	zassert_equal(helper_rc[0], 1, "purge of an empty queue woke a getter");
	zassert_ok(k_msgq_put(&q, &m, K_NO_WAIT));
	join(0);
	zassert_equal(helper_rc[0], 0);
	zassert_equal(helper_msg[0].seq, 8);
}

ZTEST(msgq, test_peek_and_peek_at)
{
	struct msg m;

	zassert_equal(k_msgq_peek(&q, &m), -ENOMSG);
	zassert_equal(k_msgq_peek_at(&q, &m, 0), -ENOMSG);
	/* Put 4, take 2, put 2: the queued messages wrap round the ring. */
	fill(&q, 1, MAX_MSGS);
	expect_next(&q, 1);
	expect_next(&q, 2);
	fill(&q, 5, 2);
	zassert_ok(k_msgq_peek(&q, &m));
	zassert_equal(m.seq, 3);
	for (unsigned int i = 0; i < MAX_MSGS; i++) {
		zassert_ok(k_msgq_peek_at(&q, &m, i));
		zassert_equal(m.seq, 3 + i, "peek_at(%u) gave %u", i, m.seq);
	}
	zassert_equal(k_msgq_peek_at(&q, &m, MAX_MSGS), -ENOMSG);
	/* Peeking removes nothing. */
	zassert_equal(k_msgq_num_used_get(&q), MAX_MSGS);
	expect_next(&q, 3);
}

/* ---- From an interrupt ---- */


enum isr_op { ISR_PUT, ISR_GET_FOREVER };

static volatile enum isr_op isr_op;
static volatile int isr_rc;
static volatile uint32_t isr_runs;
static volatile bool isr_saw_isr_context;
static unsigned int isr_seq;
static struct msg isr_got;

static void msoft_isr(const void *arg)
{
	ARG_UNUSED(arg);
	riscv_soft_irq_clear();
	isr_saw_isr_context = k_is_in_isr();
	if (isr_op == ISR_PUT) {
		struct msg m = make_msg(isr_seq);

		isr_rc = k_msgq_put(&q, &m, K_NO_WAIT);
	} else {
		/* An ISR must not wait, whatever the timeout says. */
		isr_rc = k_msgq_get(&q, &isr_got, K_FOREVER);
	}
	isr_runs++;
}

IRQ_CONNECT(RISCV_IRQ_SOFT, 0, msoft_isr, NULL, 0);

static int raise_irq(enum isr_op op, unsigned int seq)
{
	uint32_t runs = isr_runs;

	isr_op = op;
	isr_seq = seq;
	irq_enable(RISCV_IRQ_SOFT);
	riscv_soft_irq_raise();
	for (int spin = 0; isr_runs == runs && spin < 100000; spin++) {
	}
	zassert_equal(isr_runs, runs + 1, "the software interrupt did not run");
	zassert_true(isr_saw_isr_context);
	return isr_rc;
}

ZTEST(msgq, test_isr_put_and_get)
{
	zassert_ok(raise_irq(ISR_PUT, 1));
	zassert_equal(k_msgq_num_used_get(&q), 1);
	expect_next(&q, 1);
	zassert_equal(raise_irq(ISR_GET_FOREVER, 0), -ENOMSG);
	fill(&q, 2, 1);
	zassert_ok(raise_irq(ISR_GET_FOREVER, 0));
	zassert_equal(isr_got.seq, 2);
}

ZTEST(msgq, test_isr_put_on_full_queue)
{
	fill(&q, 1, MAX_MSGS);
	zassert_equal(raise_irq(ISR_PUT, 9), -ENOMSG);
	expect_next(&q, 1);
}

ZTEST(msgq, test_isr_put_wakes_getter)
{
	spawn(0, getter, HELPER_PRIO);
	k_msleep(2);
	zassert_ok(raise_irq(ISR_PUT, 77));
	join(0);
	zassert_equal(helper_rc[0], 0);
	zassert_equal(helper_msg[0].seq, 77);
	zassert_equal(helper_msg[0].check, ~77U);
	zassert_equal(k_msgq_num_used_get(&q), 0);
}

ZTEST_SUITE(msgq, NULL, NULL, before, after, NULL);
