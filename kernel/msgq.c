/*
 * Message queues (k_msgq): a ring of max_msgs fixed-size messages, copied
 * in and out, first in first out.
 *
 * One wait queue serves both sides, because only one side can ever wait:
 * getters wait only while the queue is empty, putters only while it is
 * full. A put that finds a waiting getter copies straight into that
 * getter's buffer, and a get that frees a slot refills it at once from
 * the first waiting putter, so a later caller never overtakes a waiter
 * and FIFO order holds across the hand-over. A waiter parks the address
 * of its buffer (getter) or message (putter) in its swap_data.
 *
 * Invariant: wait_q is empty unless used_msgs == 0 (its threads are
 * getters) or used_msgs == max_msgs (they are putters); max_msgs >= 1.
 *
 * Put, get and peek are ISR-safe; an ISR never waits. State is changed
 * with interrupts locked.
 *
 * From user mode (the z_vrfy_ functions at the end), a waiter never parks
 * a user address: messages travel through a copy on the caller's
 * privileged stack, see USER_MSG_MAX.
 */
#include <string.h>
#include <vireo/arch_interface.h>
#include "kernel_internal.h"

void k_msgq_init(struct k_msgq *msgq, char *buffer, size_t msg_size, uint32_t max_msgs)
{
	msgq->msg_size = msg_size;
	msgq->max_msgs = max_msgs;
	msgq->buffer_start = buffer;
	msgq->buffer_end = buffer + msg_size * max_msgs;
	msgq->read_ptr = buffer;
	msgq->write_ptr = buffer;
	msgq->used_msgs = 0;
	z_waitq_init(&msgq->wait_q);
	Z_OBJECT_INIT(msgq, K_OBJ_MSGQ);
}

static char *next_slot(const struct k_msgq *msgq, char *slot)
{
	slot += msgq->msg_size;
	return slot == msgq->buffer_end ? msgq->buffer_start : slot;
}

static void ring_push(struct k_msgq *msgq, const void *data)
{
	memcpy(msgq->write_ptr, data, msgq->msg_size);
	msgq->write_ptr = next_slot(msgq, msgq->write_ptr);
	msgq->used_msgs++;
}

static void ring_pop(struct k_msgq *msgq, void *data)
{
	memcpy(data, msgq->read_ptr, msgq->msg_size);
	msgq->read_ptr = next_slot(msgq, msgq->read_ptr);
	msgq->used_msgs--;
}

/* The other side has done the waiter's copy: let it run with success. */
static void release_waiter(struct k_thread *waiter, unsigned int key)
{
	waiter->swap_retval = 0;
	z_ready_thread(waiter);
	z_reschedule(key);
}

/* Wait with @p buf in swap_data, or fail at once when waiting is not allowed. */
static int wait_for_other_side(struct k_msgq *msgq, unsigned int key, void *buf,
			       k_timeout_t timeout)
{
	if (K_TIMEOUT_EQ(timeout, K_NO_WAIT) || k_is_in_isr()) {
		arch_irq_unlock(key);
		return -ENOMSG;
	}
	_current->swap_data = buf;
	/* What the call returns if nobody hands over before the timeout. */
	_current->swap_retval = -EAGAIN;
	return z_pend_curr(key, &msgq->wait_q, timeout);
}

int z_impl_k_msgq_put(struct k_msgq *msgq, const void *data, k_timeout_t timeout)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *getter;

	if (msgq->used_msgs == msgq->max_msgs) {
		/* The wait never writes through the pointer: it is only read. */
		return wait_for_other_side(msgq, key, (void *)(uintptr_t)data, timeout);
	}
	/* Not full: any waiter is a getter and the queue is empty (Invariant). */
	getter = z_unpend_first_thread(&msgq->wait_q);
	if (getter == NULL) {
		ring_push(msgq, data);
		arch_irq_unlock(key);
		return 0;
	}
	memcpy(getter->swap_data, data, msgq->msg_size);
	release_waiter(getter, key);
	return 0;
}

int z_impl_k_msgq_get(struct k_msgq *msgq, void *data, k_timeout_t timeout)
{
	unsigned int key = arch_irq_lock();
	struct k_thread *putter;

	if (msgq->used_msgs == 0) {
		return wait_for_other_side(msgq, key, data, timeout);
	}
	ring_pop(msgq, data);
	/* Not empty: any waiter is a putter and the queue was full (Invariant). */
	putter = z_unpend_first_thread(&msgq->wait_q);
	if (putter == NULL) {
		arch_irq_unlock(key);
		return 0;
	}
	ring_push(msgq, putter->swap_data);
	release_waiter(putter, key);
	return 0;
}

int z_impl_k_msgq_peek_at(struct k_msgq *msgq, void *data, uint32_t idx)
{
	unsigned int key = arch_irq_lock();
	size_t ring_len = (size_t)(msgq->buffer_end - msgq->buffer_start);
	size_t offset;

	if (idx >= msgq->used_msgs) {
		arch_irq_unlock(key);
		return -ENOMSG;
	}
	/* idx < used_msgs <= max_msgs, so one wrap at most. */
	offset = (size_t)(msgq->read_ptr - msgq->buffer_start) + idx * msgq->msg_size;
	if (offset >= ring_len) {
		offset -= ring_len;
	}
	memcpy(data, msgq->buffer_start + offset, msgq->msg_size);
	arch_irq_unlock(key);
	return 0;
}

int z_impl_k_msgq_peek(struct k_msgq *msgq, void *data)
{
	return z_impl_k_msgq_peek_at(msgq, data, 0);
}

void z_impl_k_msgq_purge(struct k_msgq *msgq)
{
	unsigned int key = arch_irq_lock();

	/*
	 * Waiters of a queue holding messages are putters (Invariant): their
	 * puts are cancelled. Getters of an empty queue keep waiting.
	 */
	if (msgq->used_msgs != 0) {
		(void)z_wake_all(&msgq->wait_q, -ENOMSG);
	}
	msgq->used_msgs = 0;
	msgq->read_ptr = msgq->write_ptr;
	z_reschedule(key);
}

void z_impl_k_msgq_get_attrs(struct k_msgq *msgq, struct k_msgq_attrs *attrs)
{
	unsigned int key = arch_irq_lock();

	attrs->msg_size = msgq->msg_size;
	attrs->max_msgs = msgq->max_msgs;
	attrs->used_msgs = msgq->used_msgs;
	arch_irq_unlock(key);
}

#ifdef CONFIG_USERSPACE
#include <vireo/internal/syscall_handler.h>

/*
 * Longest message a user thread may wait to put or get. A waiting putter
 * or getter leaves the address of its message or buffer in swap_data, and
 * another thread copies through it later, when the checks made at the
 * call may no longer hold (the caller's domain can lose the partition, or
 * other threads of the domain rewrite the message after the put).
 * So a user thread's message is copied into a buffer on its privileged
 * stack before anything else (put), or received there and copied out,
 * checked again, once the wait is over (get); only kernel addresses are
 * ever parked. The buffer lives on a CONFIG_PRIVILEGED_STACK_SIZE stack
 * (512 bytes at least; a waiting put or get measured about 460 bytes deep
 * on RV32 with it), and Kconfig has no option for its size, hence a
 * constant. Longer messages go straight between the ring and the user
 * buffer after the check, which is safe only when nothing waits in
 * between: a user thread may use them with K_NO_WAIT only, and any other
 * timeout is an oops rather than an error code, because it is a fixed
 * property of the program (message size and call site), not of the run.
 */
#define USER_MSG_MAX 64

#define MSGQ_OK(q) K_OOPS(K_SYSCALL_OBJ((q), K_OBJ_MSGQ))

/* Oops unless a message of @p size may be waited for with @p timeout. */
static inline void user_wait_ok(size_t size, k_timeout_t timeout)
{
	K_OOPS(K_SYSCALL_VERIFY_MSG(size <= USER_MSG_MAX || K_TIMEOUT_EQ(timeout, K_NO_WAIT),
				    "%u-byte messages: only K_NO_WAIT from user mode",
				    (unsigned int)size));
}

static inline int z_vrfy_k_msgq_put(struct k_msgq *msgq, const void *data, k_timeout_t timeout)
{
	char msg[USER_MSG_MAX];
	size_t size;

	MSGQ_OK(msgq);
	size = msgq->msg_size;
	user_wait_ok(size, timeout);
	K_OOPS(K_SYSCALL_MEMORY_READ(data, size));
	if (size > sizeof(msg)) {
		/* K_NO_WAIT: the one read of data is the copy into the ring. */
		return z_impl_k_msgq_put(msgq, data, K_NO_WAIT);
	}
	memcpy(msg, data, size);
	return z_impl_k_msgq_put(msgq, msg, timeout);
}
#include <syscalls/k_msgq_put_mrsh.c>

static inline int z_vrfy_k_msgq_get(struct k_msgq *msgq, void *data, k_timeout_t timeout)
{
	char msg[USER_MSG_MAX];
	size_t size;
	int rc;

	MSGQ_OK(msgq);
	size = msgq->msg_size;
	user_wait_ok(size, timeout);
	/* Checked before anything is taken, so a bad buffer costs no message. */
	K_OOPS(K_SYSCALL_MEMORY_WRITE(data, size));
	if (size > sizeof(msg)) {
		return z_impl_k_msgq_get(msgq, data, K_NO_WAIT);
	}
	rc = z_impl_k_msgq_get(msgq, msg, timeout);
	if (rc == 0) {
		/*
		 * Checked again: the domain may have changed while we waited.
		 * If it did, the message is lost with the thread.
		 */
		K_OOPS(k_usermode_to_copy(data, msg, size) != 0);
	}
	return rc;
}
#include <syscalls/k_msgq_get_mrsh.c>

/* Peeking never waits: the check holds for the one copy under the lock. */
static inline int z_vrfy_k_msgq_peek_at(struct k_msgq *msgq, void *data, uint32_t idx)
{
	MSGQ_OK(msgq);
	K_OOPS(K_SYSCALL_MEMORY_WRITE(data, msgq->msg_size));
	return z_impl_k_msgq_peek_at(msgq, data, idx);
}
#include <syscalls/k_msgq_peek_at_mrsh.c>

static inline int z_vrfy_k_msgq_peek(struct k_msgq *msgq, void *data)
{
	MSGQ_OK(msgq);
	K_OOPS(K_SYSCALL_MEMORY_WRITE(data, msgq->msg_size));
	return z_impl_k_msgq_peek(msgq, data);
}
#include <syscalls/k_msgq_peek_mrsh.c>

static inline void z_vrfy_k_msgq_purge(struct k_msgq *msgq)
{
	MSGQ_OK(msgq);
	z_impl_k_msgq_purge(msgq);
}
#include <syscalls/k_msgq_purge_mrsh.c>

static inline void z_vrfy_k_msgq_get_attrs(struct k_msgq *msgq, struct k_msgq_attrs *attrs)
{
	struct k_msgq_attrs copy = { 0 };

	MSGQ_OK(msgq);
	z_impl_k_msgq_get_attrs(msgq, &copy);
	K_OOPS(k_usermode_to_copy(attrs, &copy, sizeof(copy)) != 0);
}
#include <syscalls/k_msgq_get_attrs_mrsh.c>

static inline uint32_t z_vrfy_k_msgq_num_used_get(struct k_msgq *msgq)
{
	MSGQ_OK(msgq);
	return z_impl_k_msgq_num_used_get(msgq);
}
#include <syscalls/k_msgq_num_used_get_mrsh.c>

static inline uint32_t z_vrfy_k_msgq_num_free_get(struct k_msgq *msgq)
{
	MSGQ_OK(msgq);
	return z_impl_k_msgq_num_free_get(msgq);
}
#include <syscalls/k_msgq_num_free_get_mrsh.c>
#endif /* CONFIG_USERSPACE */
