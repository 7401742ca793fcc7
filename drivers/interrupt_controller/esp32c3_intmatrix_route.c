/*
 * The ESP32-C3 interrupt matrix's routing table (policy in the header):
 * pure logic on a struct, no registers, so it is tested on the host.
 * Callers serialize access (the driver holds the interrupt lock).
 *
 * Invariant: source s is routed to line l != 0 exactly when bit s of
 * line_sources[l] is set and source_line[s] == l; a line has a priority
 * exactly when it has sources.
 */
#include <errno.h>
#include <vireo/drivers/interrupt_controller/esp32c3_intmatrix.h>

static void attach(struct esp32c3_routing *r, unsigned int source, unsigned int line,
		   unsigned int hw_prio)
{
	r->line_sources[line] |= (uint64_t)1 << source;
	r->line_prio[line] = (uint8_t)hw_prio;
	r->source_line[source] = (uint8_t)line;
}

/* A free line, or one to share at the same priority (the least loaded). */
static unsigned int pick_line(const struct esp32c3_routing *r, unsigned int hw_prio)
{
	unsigned int best = 0;
	int best_load = 65;

	for (unsigned int line = 1; line < ESP32C3_CPU_LINES; line++) {
		if (r->line_sources[line] == 0) {
			return line;
		}
	}
	for (unsigned int line = 1; line < ESP32C3_CPU_LINES; line++) {
		int load = __builtin_popcountll(r->line_sources[line]);

		if (r->line_prio[line] == hw_prio && load < best_load) {
			best = line;
			best_load = load;
		}
	}
	return best;
}

int esp32c3_route(struct esp32c3_routing *r, unsigned int source, unsigned int hw_prio)
{
	unsigned int line;

	if (source >= ESP32C3_INTMATRIX_SOURCES || hw_prio == 0 ||
	    hw_prio > ESP32C3_LINE_PRIO_MAX) {
		return -EINVAL;
	}
	line = r->source_line[source];
	if (line != 0) {
		if (r->line_prio[line] == hw_prio) {
			return (int)line;
		}
		if (r->line_sources[line] == (uint64_t)1 << source) {
			r->line_prio[line] = (uint8_t)hw_prio;
			return (int)line;
		}
	}
	/* Decide before changing anything, so a failure leaves no trace. */
	{
		struct esp32c3_routing trial = *r;

		(void)esp32c3_unroute(&trial, source);
		line = pick_line(&trial, hw_prio);
		if (line == 0) {
			return -ENOSPC;
		}
		attach(&trial, source, line, hw_prio);
		*r = trial;
	}
	return (int)line;
}

unsigned int esp32c3_unroute(struct esp32c3_routing *r, unsigned int source)
{
	unsigned int line;

	if (source >= ESP32C3_INTMATRIX_SOURCES) {
		return 0;
	}
	line = r->source_line[source];
	if (line == 0) {
		return 0;
	}
	r->line_sources[line] &= ~((uint64_t)1 << source);
	r->source_line[source] = 0;
	if (r->line_sources[line] == 0) {
		r->line_prio[line] = 0;
	}
	return line;
}
