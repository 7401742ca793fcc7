/*
 * Index logic of the byte ring buffer declared in <vireo/sys/ring_buffer.h>:
 * one claim and one finish routine, shared by the put and get sides, and
 * the copying put/get/peek built on top of them, so counters advance in
 * exactly two places.  Callers are any code, kernel or user mode, that
 * queues bytes between a producer and a consumer.
 *
 * Counters are free-running uint32_t byte counts; struct ring_buf_cursor
 * lists the invariants that tie them together.  Only differences of
 * counters are ever used, and every true difference is below 2^32 because
 * the capacity is below 2^31, so the arithmetic stays exact when the
 * counters wrap around after 4 GiB.  A counter maps to a storage offset by
 * subtracting the cursor's origin, and at most one capacity more: no
 * division, so any capacity works and a core without a divider pays
 * nothing.
 *
 * No lock protects the state; callers serialise each side (see the
 * header).  Each routine checks before it writes, so a rejected finish
 * leaves the buffer as it was.
 */

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <vireo/sys/ring_buffer.h>

/*
 * Extend the claim on @cur by up to @want bytes, limited to @avail and to
 * the bytes left before the end of the storage.
 */
static uint32_t cursor_claim(struct ring_buf *buf, struct ring_buf_cursor *cur,
			     uint32_t avail, uint8_t **data, uint32_t want)
{
	uint32_t offset = cur->claimed - cur->origin;
	uint32_t n;

	/*
	 * origin moves only at finish, so an accumulated claim that reached
	 * the end of the storage continues from its start while origin is
	 * still a lap behind.
	 * Invariant: claimed - origin < 2 * size, hence offset < size below.
	 */
	if (offset >= buf->size) {
		offset -= buf->size;
	}

	n = buf->size - offset;
	if (n > avail) {
		n = avail;
	}
	if (n > want) {
		n = want;
	}

	/* With capacity 0 the storage may be NULL, and C forbids NULL + 0. */
	*data = offset == 0U ? buf->buffer : buf->buffer + offset;
	cur->claimed += n;
	return n;
}

/*
 * Finish the first @size bytes of the claim on @cur and drop the rest of
 * the claim, so the next claim starts right after the finished bytes.
 */
static int cursor_finish(struct ring_buf *buf, struct ring_buf_cursor *cur,
			 uint32_t size)
{
	if (size > cur->claimed - cur->finished) {
		return -EINVAL;
	}

	cur->finished += size;
	cur->claimed = cur->finished;

	/*
	 * finished is now at most claimed, less than two laps past origin,
	 * so one step of origin restores:
	 * Invariant: finished - origin < size (or 0 when size is 0).
	 */
	if (cur->finished - cur->origin >= buf->size) {
		cur->origin += buf->size;
	}
	return 0;
}

uint32_t ring_buf_put_claim(struct ring_buf *buf, uint8_t **data,
			    uint32_t size)
{
	return cursor_claim(buf, &buf->put, ring_buf_space_get(buf), data, size);
}

int ring_buf_put_finish(struct ring_buf *buf, uint32_t size)
{
	return cursor_finish(buf, &buf->put, size);
}

uint32_t ring_buf_get_claim(struct ring_buf *buf, uint8_t **data,
			    uint32_t size)
{
	return cursor_claim(buf, &buf->get, ring_buf_size_get(buf), data, size);
}

int ring_buf_get_finish(struct ring_buf *buf, uint32_t size)
{
	return cursor_finish(buf, &buf->get, size);
}

uint32_t ring_buf_put(struct ring_buf *buf, const uint8_t *data,
		      uint32_t size)
{
	uint32_t total = 0U;

	if (data == NULL) {
		return 0U;
	}

	/* At most two claims: up to the wrap point, then from the start. */
	while (total < size) {
		uint8_t *dst;
		uint32_t n = ring_buf_put_claim(buf, &dst, size - total);

		if (n == 0U) {
			break;
		}
		memcpy(dst, data + total, n);
		total += n;
	}

	/* Cannot fail: exactly total bytes were claimed above. */
	(void)ring_buf_put_finish(buf, total);
	return total;
}

/*
 * Claim up to @size stored bytes and copy them to @data (unless it is
 * NULL), in two pieces when they straddle the wrap point.  The bytes stay
 * claimed; the caller finishes or undoes the claim.
 */
static uint32_t claim_and_copy_out(struct ring_buf *buf, uint8_t *data,
				   uint32_t size)
{
	uint32_t total = 0U;

	while (total < size) {
		uint8_t *src;
		uint32_t n = ring_buf_get_claim(buf, &src, size - total);

		if (n == 0U) {
			break;
		}
		if (data != NULL) {
			memcpy(data + total, src, n);
		}
		total += n;
	}
	return total;
}

uint32_t ring_buf_get(struct ring_buf *buf, uint8_t *data, uint32_t size)
{
	uint32_t total = claim_and_copy_out(buf, data, size);

	/* Cannot fail: exactly total bytes were claimed above. */
	(void)ring_buf_get_finish(buf, total);
	return total;
}

uint32_t ring_buf_peek(struct ring_buf *buf, uint8_t *data, uint32_t size)
{
	uint32_t claimed_before = buf->get.claimed;
	uint32_t total;

	if (data == NULL) {
		return 0U;
	}

	total = claim_and_copy_out(buf, data, size);

	/*
	 * Claims move only get.claimed; putting it back undoes them and
	 * keeps any claim the caller already had, where a get finish would
	 * drop it.
	 */
	buf->get.claimed = claimed_before;
	return total;
}
