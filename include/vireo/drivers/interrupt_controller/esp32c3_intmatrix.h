/*
 * ESP32-C3 interrupt matrix: peripheral sources, and the routing table that
 * maps them onto the CPU's interrupt lines. The table is portable logic
 * (tested on the host, tests/unit/esp32_intmatrix); the driver
 * (drivers/interrupt_controller/esp32c3_intmatrix.c) mirrors it into the
 * matrix's map, priority and enable registers.
 *
 * Policy: a source gets a line of its own while one is free (lines 1..31;
 * line 0 means "not routed"), so its priority is exactly the one it was
 * connected with; when all are taken it shares a line that already has
 * the same priority; otherwise routing fails with -ENOSPC. A line is free
 * again when its last source leaves.
 *
 * IRQ numbers of sources: IRQ_2ND_LEVEL(source) (<vireo/irq.h>).
 */
#ifndef VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_ESP32C3_INTMATRIX_H_
#define VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_ESP32C3_INTMATRIX_H_

#include <stdint.h>

#define ESP32C3_INTMATRIX_SOURCES 62
#define ESP32C3_CPU_LINES 32 /* line 0 exists in no register: "not routed" */
#define ESP32C3_LINE_PRIO_MAX 15

/* Peripheral sources used by Vireo's drivers (TRM, "Interrupt Matrix"). */
#define ESP32C3_SRC_UART0 21
#define ESP32C3_SRC_UART1 22
#define ESP32C3_SRC_TG0_WDT 33
#define ESP32C3_SRC_SYSTIMER_TARGET0 37
#define ESP32C3_SRC_FROM_CPU0 50

/** Which source goes to which line, and each line's priority. */
struct esp32c3_routing {
	uint64_t line_sources[ESP32C3_CPU_LINES]; /* bit n: source n on this line */
	uint8_t line_prio[ESP32C3_CPU_LINES];     /* 1..15 for a used line, else 0 */
	uint8_t source_line[ESP32C3_INTMATRIX_SOURCES]; /* 0: not routed */
};

/**
 * @brief Hardware priority (1..15, higher wins) of connection priority
 * @p prio (IRQ_CONNECT's, 0 the lowest): prio + 1, saturated at 15.
 */
static inline unsigned int esp32c3_line_prio(unsigned int prio)
{
	return prio >= ESP32C3_LINE_PRIO_MAX - 1U ? ESP32C3_LINE_PRIO_MAX : prio + 1U;
}

/**
 * @brief Route @p source at hardware priority @p hw_prio.
 *
 * A source already routed keeps its line if the priority matches; alone on
 * its line, the line takes the new priority; sharing it, it moves.
 * @return the line (1..31)
 * @retval -EINVAL source or priority out of range
 * @retval -ENOSPC no free line and none with that priority (nothing changed)
 */
int esp32c3_route(struct esp32c3_routing *r, unsigned int source, unsigned int hw_prio);

/**
 * @brief Take @p source off its line.
 * @return the line it left (its priority is 0 again if it is now free),
 * 0 when it was not routed or is out of range
 */
unsigned int esp32c3_unroute(struct esp32c3_routing *r, unsigned int source);

#endif /* VIREO_INCLUDE_DRIVERS_INTERRUPT_CONTROLLER_ESP32C3_INTMATRIX_H_ */
