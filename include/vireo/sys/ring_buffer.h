/*
 * Byte ring buffer with Zephyr's sys/ring_buffer.h API: copying put/get/peek
 * and zero-copy claim/finish pairs.  The queries live here as inlines; the
 * index logic lives in subsys/ring_buffer/ring_buffer.c.
 *
 * Nothing protects a ring buffer: as in Zephyr, it is not thread-safe.  The
 * caller serialises producers among themselves and consumers among
 * themselves (a lock, or one thread per side).  The put side writes only
 * the put cursor and the get side only the get cursor, so each side reads
 * the other's fields but never writes them.
 *
 * The functions run in the caller's context with the caller's rights, and
 * struct ring_buf holds no pointer except the data buffer the caller gave,
 * so a user thread may keep both the struct and its buffer in a memory
 * partition it shares with other threads.
 */

#ifndef VIREO_INCLUDE_SYS_RING_BUFFER_H_
#define VIREO_INCLUDE_SYS_RING_BUFFER_H_

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Capacities must be below this value.
 *
 * The cursor arithmetic needs every distance between two counters (up to
 * twice the capacity, minus one) to fit in a uint32_t.
 */
#define RING_BUFFER_MAX_SIZE 0x80000000U

/**
 * @brief One side (put or get) of a ring buffer.
 *
 * Every field is a free-running byte count kept modulo 2^32.  @c finished
 * counts bytes committed (put side) or released (get side); @c claimed
 * additionally counts the bytes of the claim outstanding on that side;
 * @c origin is a counter value that stands for offset 0 of the buffer.
 * Invariants, as true (unwrapped) distances:
 * - get.finished <= get.claimed <= put.finished <= put.claimed
 *   <= get.finished + size;
 * - origin <= finished, and finished - origin < size (or 0 when size is 0);
 * - claimed - origin < 2 * size;
 * - put.origin - get.origin is 0 or size.
 * Because every distance is below 2^32, unsigned subtraction of the stored
 * values gives the true distance however often the counters have wrapped.
 */
struct ring_buf_cursor {
	uint32_t finished; /**< Bytes committed or released, ever. */
	uint32_t claimed;  /**< finished plus the outstanding claim. */
	uint32_t origin;   /**< Counter value mapped to buffer offset 0. */
};

/**
 * @brief A byte ring buffer.
 *
 * Initialise with RING_BUF_DECLARE(), RING_BUF_INIT() or ring_buf_init();
 * the fields are private to the implementation.
 */
struct ring_buf {
	uint8_t *buffer;           /**< Storage supplied by the user. */
	struct ring_buf_cursor put; /**< Written only by the put side. */
	struct ring_buf_cursor get; /**< Written only by the get side. */
	uint32_t size;             /**< Capacity in bytes. */
};

/**
 * @brief Static initialiser for a ring buffer over @p buf of @p size8 bytes.
 *
 * @p size8 must be below RING_BUFFER_MAX_SIZE.
 */
#define RING_BUF_INIT(buf, size8) { .buffer = (buf), .size = (size8) }

/**
 * @brief Define a ring buffer @p name and its static storage of @p size8
 * bytes.
 *
 * The storage gets internal linkage; the struct gets the linkage of the
 * scope the macro is used in.  A size of RING_BUFFER_MAX_SIZE or more
 * fails to compile.
 */
#define RING_BUF_DECLARE(name, size8)                                        \
	_Static_assert((size8) < RING_BUFFER_MAX_SIZE,                       \
		       "ring buffer " #name " is too large");                \
	static uint8_t z_ring_buf_data_##name[(size8)];                      \
	struct ring_buf name = RING_BUF_INIT(z_ring_buf_data_##name, (size8))

/**
 * @brief Make a ring buffer empty, dropping stored data and any claims.
 *
 * @param buf Ring buffer.
 */
static inline void ring_buf_reset(struct ring_buf *buf)
{
	buf->put.finished = buf->put.claimed = buf->put.origin = 0U;
	buf->get.finished = buf->get.claimed = buf->get.origin = 0U;
}

/**
 * @brief Initialise a ring buffer over caller-supplied storage.
 *
 * @param buf  Ring buffer.
 * @param size Size of @p data in bytes; should be below
 *             RING_BUFFER_MAX_SIZE.  A larger value is cut to
 *             RING_BUFFER_MAX_SIZE - 1, which stays inside @p data.
 * @param data Storage of at least @p size bytes; may be NULL if @p size
 *             is 0.
 */
static inline void ring_buf_init(struct ring_buf *buf, uint32_t size,
				 uint8_t *data)
{
	buf->buffer = data;
	buf->size = size < RING_BUFFER_MAX_SIZE ? size
						: RING_BUFFER_MAX_SIZE - 1U;
	ring_buf_reset(buf);
}

/**
 * @brief Number of bytes the buffer can hold.
 *
 * @param buf Ring buffer.
 * @return Capacity in bytes.
 */
static inline uint32_t ring_buf_capacity_get(const struct ring_buf *buf)
{
	return buf->size;
}

/**
 * @brief Number of bytes a put or put claim could take now.
 *
 * Space under an outstanding put claim, and under an outstanding get claim
 * not yet finished, does not count as free.
 *
 * @param buf Ring buffer.
 * @return Free space in bytes.
 */
static inline uint32_t ring_buf_space_get(const struct ring_buf *buf)
{
	return buf->size - (buf->put.claimed - buf->get.finished);
}

/**
 * @brief Number of bytes stored and available to a get or get claim.
 *
 * Bytes under an outstanding get claim are not counted; bytes under an
 * outstanding put claim are not yet stored.
 *
 * @param buf Ring buffer.
 * @return Stored bytes.
 */
static inline uint32_t ring_buf_size_get(const struct ring_buf *buf)
{
	return buf->put.finished - buf->get.claimed;
}

/**
 * @brief Whether no byte is available to a get.
 *
 * @param buf Ring buffer.
 * @return true if ring_buf_size_get() would return 0.
 */
static inline bool ring_buf_is_empty(const struct ring_buf *buf)
{
	return buf->put.finished == buf->get.claimed;
}

/**
 * @brief Claim contiguous space for writing in place.
 *
 * Claims up to @p size bytes, but never past the end of the storage: near
 * the wrap point a second claim is needed for the rest.  Consecutive claims
 * accumulate into one claim, finished by one ring_buf_put_finish().
 *
 * @param buf  Ring buffer.
 * @param data Out: where the claimed space starts; must not be NULL.
 * @param size Bytes wanted.
 * @return Bytes claimed, possibly 0.
 */
uint32_t ring_buf_put_claim(struct ring_buf *buf, uint8_t **data,
			    uint32_t size);

/**
 * @brief Commit the first @p size bytes of the outstanding put claim.
 *
 * The rest of the claim, if any, is given back unwritten.
 *
 * @param buf  Ring buffer.
 * @param size Bytes written into the claimed space.
 * @retval 0       Committed.
 * @retval -EINVAL @p size exceeds the outstanding claim; nothing changed.
 */
int ring_buf_put_finish(struct ring_buf *buf, uint32_t size);

/**
 * @brief Copy bytes in.
 *
 * Must not be called while a put claim is outstanding.
 *
 * @param buf  Ring buffer.
 * @param data Bytes to store; if NULL, nothing is stored.
 * @param size Bytes offered.
 * @return Bytes stored: @p size, or less if the buffer filled up.
 */
uint32_t ring_buf_put(struct ring_buf *buf, const uint8_t *data,
		      uint32_t size);

/**
 * @brief Claim contiguous stored bytes for reading in place.
 *
 * Claims up to @p size bytes, but never past the end of the storage: near
 * the wrap point a second claim is needed for the rest.  Consecutive claims
 * accumulate into one claim, finished by one ring_buf_get_finish().
 *
 * @param buf  Ring buffer.
 * @param data Out: where the claimed bytes start; must not be NULL.
 * @param size Bytes wanted.
 * @return Bytes claimed, possibly 0.
 */
uint32_t ring_buf_get_claim(struct ring_buf *buf, uint8_t **data,
			    uint32_t size);

/**
 * @brief Release the first @p size bytes of the outstanding get claim.
 *
 * The rest of the claim, if any, stays stored for the next get.
 *
 * @param buf  Ring buffer.
 * @param size Bytes consumed from the claimed area.
 * @retval 0       Released.
 * @retval -EINVAL @p size exceeds the outstanding claim; nothing changed.
 */
int ring_buf_get_finish(struct ring_buf *buf, uint32_t size);

/**
 * @brief Copy bytes out and remove them.
 *
 * Must not be called while a get claim is outstanding.
 *
 * @param buf  Ring buffer.
 * @param data Destination; if NULL, the bytes are discarded.
 * @param size Bytes wanted.
 * @return Bytes removed: @p size, or less if the buffer ran empty.
 */
uint32_t ring_buf_get(struct ring_buf *buf, uint8_t *data, uint32_t size);

/**
 * @brief Copy bytes out without removing them.
 *
 * Leaves the ring buffer exactly as it was.  Reads from the first byte not
 * under a get claim, so call it with no get claim outstanding to see the
 * oldest bytes.
 *
 * @param buf  Ring buffer.
 * @param data Destination; if NULL, nothing is copied and 0 is returned.
 * @param size Bytes wanted.
 * @return Bytes copied.
 */
uint32_t ring_buf_peek(struct ring_buf *buf, uint8_t *data, uint32_t size);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_INCLUDE_SYS_RING_BUFFER_H_ */
