/*
 * k_msgq from user mode: every call as a syscall, a round trip with a
 * kernel thread through both hand-over paths (a waiting getter, a waiting
 * putter), and the checks: buffers in kernel memory or wrapping around the
 * address space, objects not granted or not in the object section, long
 * messages with a timeout, and a buffer the caller lost while it waited.
 */
#include <stdint.h>
#include <string.h>
#include "common.h"

struct msg {
	uint32_t seq;
	uint32_t val;
};

#define BIG 128

K_MSGQ_DEFINE(user_q, sizeof(struct msg), 4, 4);
K_MSGQ_DEFINE(to_user_q, sizeof(struct msg), 2, 4);
K_MSGQ_DEFINE(from_user_q, sizeof(struct msg), 1, 4);
K_MSGQ_DEFINE(big_q, BIG, 2, 4);
K_MSGQ_DEFINE(lost_q, sizeof(struct msg), 1, 4);
K_MSGQ_DEFINE(secret_q, sizeof(struct msg), 2, 4);
/* Initialized by the kernel on a kernel buffer, outside the object section. */
static struct k_msgq plain_q;
static char plain_buf[2 * sizeof(struct msg)];

static struct msg kernel_msg = { 0xdead, 0xbeef };
static struct k_msgq_attrs kernel_attrs;

/* A partition the lost-buffer getter is granted, then loses while it waits. */
K_APPMEM_PARTITION_DEFINE(getter_part);
K_APP_BMEM(getter_part) static struct msg getter_buf;
static struct k_mem_domain getter_domain;

static void *msgq_setup(void)
{
	struct k_mem_partition *parts[] = { &ztest_mem_partition };

	ipc_domain_setup();
	k_object_access_all_grant(&user_q);
	k_object_access_all_grant(&to_user_q);
	k_object_access_all_grant(&from_user_q);
	k_object_access_all_grant(&big_q);
	k_object_access_all_grant(&lost_q);
	k_msgq_init(&plain_q, plain_buf, sizeof(struct msg), 2);
	k_object_access_all_grant(&plain_q);
	zassert_ok(k_mem_domain_init(&getter_domain, 1, parts));
	return NULL;
}

static void msgq_before(void *fixture)
{
	ARG_UNUSED(fixture);
	k_msgq_purge(&user_q);
	k_msgq_purge(&big_q);
}

ZTEST_USER(ipc_msgq, test_user_calls)
{
	struct msg m;
	struct k_msgq_attrs attrs;

	zassert_true(k_is_user_context());
	for (uint32_t i = 0; i < 4; i++) {
		m = (struct msg){ i, 100 + i };
		zassert_ok(k_msgq_put(&user_q, &m, K_NO_WAIT));
	}
	zassert_equal(k_msgq_put(&user_q, &m, K_NO_WAIT), -ENOMSG);
	zassert_equal(k_msgq_put(&user_q, &m, K_MSEC(5)), -EAGAIN);
	zassert_equal(k_msgq_num_used_get(&user_q), 4);
	zassert_equal(k_msgq_num_free_get(&user_q), 0);
	k_msgq_get_attrs(&user_q, &attrs);
	zassert_equal(attrs.msg_size, sizeof(struct msg));
	zassert_equal(attrs.max_msgs, 4);
	zassert_equal(attrs.used_msgs, 4);

	zassert_ok(k_msgq_peek(&user_q, &m));
	zassert_equal(m.seq, 0);
	zassert_ok(k_msgq_peek_at(&user_q, &m, 3));
	zassert_equal(m.val, 103);
	zassert_equal(k_msgq_peek_at(&user_q, &m, 4), -ENOMSG);
	zassert_ok(k_msgq_get(&user_q, &m, K_NO_WAIT));
	zassert_equal(m.seq, 0);
	zassert_ok(k_msgq_get(&user_q, &m, K_MSEC(5)));
	zassert_equal(m.seq, 1);
	zassert_equal(k_msgq_num_free_get(&user_q), 2);

	k_msgq_purge(&user_q);
	zassert_equal(k_msgq_num_used_get(&user_q), 0);
	zassert_equal(k_msgq_get(&user_q, &m, K_NO_WAIT), -ENOMSG);
	zassert_equal(k_msgq_get(&user_q, &m, K_MSEC(5)), -EAGAIN);
	zassert_equal(k_msgq_peek(&user_q, &m), -ENOMSG);
}

/* Messages too long for the kernel's copy still work without waiting. */
ZTEST_USER(ipc_msgq, test_user_long_messages_no_wait)
{
	char out[BIG], in[BIG];

	for (int i = 0; i < BIG; i++) {
		out[i] = (char)i;
	}
	zassert_ok(k_msgq_put(&big_q, out, K_NO_WAIT));
	zassert_ok(k_msgq_peek(&big_q, in));
	zassert_mem_equal(in, out, BIG);
	memset(in, 0, sizeof(in));
	zassert_ok(k_msgq_get(&big_q, in, K_NO_WAIT));
	zassert_mem_equal(in, out, BIG);
	zassert_equal(k_msgq_get(&big_q, in, K_NO_WAIT), -ENOMSG);
}

/* Gets 3 messages, waiting for the first; replies to each, waiting for room. */
static void echo(void *p1, void *p2, void *p3)
{
	struct msg m;

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (int i = 0; i < 3; i++) {
		if (k_msgq_get(&to_user_q, &m, K_MSEC(500)) != 0) {
			return;
		}
		m.val = m.val * 10 + 1;
		/* from_user_q holds one message: the second reply waits. */
		if (k_msgq_put(&from_user_q, &m, K_MSEC(500)) != 0) {
			return;
		}
	}
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_round_trip_with_kernel_thread)
{
	struct msg m;

	ipc_reached = 0;
	ipc_user_start(0, echo, NULL);
	/* The echo thread runs and waits on the empty queue. */
	k_sleep(K_MSEC(5));
	for (uint32_t i = 1; i <= 3; i++) {
		m = (struct msg){ i, i };
		/* The first goes straight to the waiting getter: room for all three. */
		zassert_ok(k_msgq_put(&to_user_q, &m, K_NO_WAIT), "put %u", (unsigned int)i);
	}
	zassert_equal(k_msgq_num_used_get(&to_user_q), 2);
	k_sleep(K_MSEC(5));
	/* One reply is queued and the echo thread waits to put the second. */
	zassert_equal(k_msgq_num_used_get(&from_user_q), 1);
	for (uint32_t i = 1; i <= 3; i++) {
		zassert_ok(k_msgq_get(&from_user_q, &m, K_MSEC(100)));
		zassert_equal(m.seq, i, "reply %u out of order", (unsigned int)i);
		zassert_equal(m.val, i * 10 + 1);
		if (i == 1) {
			/* Refilled at once from the waiting putter's kernel copy. */
			zassert_equal(k_msgq_num_used_get(&from_user_q), 1);
		}
	}
	ipc_user_join(0, K_MSEC(100));
	zassert_equal(ipc_reached, 1);
}

static void get_into_kernel(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_msgq_get(&user_q, p1, K_NO_WAIT);
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_get_into_kernel_memory_oopses)
{
	struct msg m = { 7, 7 };

	zassert_ok(k_msgq_put(&user_q, &m, K_NO_WAIT));
	ipc_expect_oops(get_into_kernel, &kernel_msg);
	zassert_equal(kernel_msg.seq, 0xdead, "the kernel wrote for the user");
	zassert_equal(k_msgq_num_used_get(&user_q), 1, "a refused get took the message");
}

ZTEST(ipc_msgq, test_get_wrapping_pointer_oopses)
{
	struct msg m = { 8, 8 };

	zassert_ok(k_msgq_put(&user_q, &m, K_NO_WAIT));
	ipc_expect_oops(get_into_kernel, (void *)(UINTPTR_MAX - 2));
	zassert_equal(k_msgq_num_used_get(&user_q), 1);
}

static void put_from_kernel(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_msgq_put(&user_q, &kernel_msg, K_NO_WAIT);
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_put_from_kernel_memory_oopses)
{
	ipc_expect_oops(put_from_kernel, NULL);
	zassert_equal(k_msgq_num_used_get(&user_q), 0, "kernel data went into the queue");
}

static void attrs_into_kernel(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	k_msgq_get_attrs(&user_q, &kernel_attrs);
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_attrs_into_kernel_memory_oopses)
{
	ipc_expect_oops(attrs_into_kernel, NULL);
	zassert_equal(kernel_attrs.max_msgs, 0);
}

static void put_to(void *p1, void *p2, void *p3)
{
	struct msg m = { 1, 1 };

	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_msgq_put(p1, &m, K_NO_WAIT);
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_queue_not_granted_oopses)
{
	ipc_expect_oops(put_to, &secret_q);
	zassert_equal(k_msgq_num_used_get(&secret_q), 0);
}

/* Granted, but not a K_MSGQ_DEFINE object: unknown to the kernel. */
ZTEST(ipc_msgq, test_queue_outside_object_section_oopses)
{
	ipc_expect_oops(put_to, &plain_q);
	zassert_equal(k_msgq_num_used_get(&plain_q), 0);
}

static void long_put_waits(void *p1, void *p2, void *p3)
{
	char m[BIG] = { 0 };

	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	if (k_msgq_put(&big_q, m, K_NO_WAIT) != 0) {
		return;
	}
	/* Allowed: K_NO_WAIT. Refused: a long message with a timeout. */
	(void)k_msgq_put(&big_q, m, K_MSEC(10));
	ipc_reached = 1;
}

ZTEST(ipc_msgq, test_long_message_with_timeout_oopses)
{
	ipc_expect_oops(long_put_waits, NULL);
	zassert_equal(k_msgq_num_used_get(&big_q), 1);
}

static void lost_getter(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	(void)k_msgq_get(&lost_q, &getter_buf, K_MSEC(500));
	ipc_reached = 1;
}

/*
 * The getter's buffer was valid when it called; its domain loses the
 * partition while it waits. The kernel must not write there on its behalf.
 */
ZTEST(ipc_msgq, test_getter_losing_its_buffer_oopses)
{
	struct msg m = { 0x55, 0x66 };

	ipc_reached = 0;
	memset(&getter_buf, 0, sizeof(getter_buf));
	zassert_ok(k_mem_domain_add_partition(&getter_domain, &getter_part));
	ipc_user_start_in(0, &getter_domain, lost_getter, NULL);
	k_sleep(K_MSEC(5));
	zassert_ok(k_mem_domain_remove_partition(&getter_domain, &getter_part));
	ztest_set_fault_valid(true);
	zassert_ok(k_msgq_put(&lost_q, &m, K_NO_WAIT));
	ipc_user_join(0, K_MSEC(100));
	zassert_equal(ipc_reached, 0, "the get returned instead of oopsing");
	zassert_equal(getter_buf.seq, 0, "the kernel wrote into memory the caller lost");
}

ZTEST_SUITE(ipc_msgq, NULL, msgq_setup, msgq_before, NULL, NULL);
