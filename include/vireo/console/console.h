/*
 * Console input (Zephyr's console/console.h, the getchar subset): bytes
 * typed on the console UART are received by interrupt into a buffer, and
 * a thread reading them blocks on a semaphore, so other threads run while
 * it waits. Needs CONFIG_CONSOLE_INPUT. Output stays with printk.
 */
#ifndef VIREO_INCLUDE_CONSOLE_CONSOLE_H_
#define VIREO_INCLUDE_CONSOLE_CONSOLE_H_

#include <stdint.h>
#include <vireo/sys_clock.h>

/**
 * @brief Start receiving console input by interrupt.
 *
 * Bytes received from then on are buffered (CONFIG_CONSOLE_INPUT_BUFFER_SIZE
 * bytes; when the buffer is full, new bytes are dropped and counted).
 * Calling it again is harmless; it reinstalls the console's UART callback.
 * @retval 0 done
 * @retval -ENODEV the console UART is not ready
 * @retval -ENOSYS the UART has no interrupt-driven API
 */
int console_init(void);

/**
 * @brief Take the next received byte, waiting as long as it takes.
 *
 * The calling thread blocks until a byte arrives; other threads run
 * meanwhile. Threads only, never an ISR.
 * @return the byte (0..255)
 * @retval -ENODEV console_init() has not succeeded
 */
int console_getchar(void);

/**
 * @brief Take the next received byte, waiting at most @p timeout.
 *
 * Vireo extension (Zephyr has only the blocking console_getchar()). With
 * K_NO_WAIT it never blocks and may be called from an ISR.
 * @return the byte (0..255)
 * @retval -EAGAIN no byte arrived within @p timeout
 * @retval -ENODEV console_init() has not succeeded
 */
int console_getchar_timeout(k_timeout_t timeout);

/**
 * @brief Bytes dropped since boot because the input buffer was full.
 *
 * Vireo extension, for diagnostics and tests.
 */
uint32_t console_input_dropped(void);

#endif /* VIREO_INCLUDE_CONSOLE_CONSOLE_H_ */
