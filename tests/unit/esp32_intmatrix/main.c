/*
 * Host tests of the ESP32-C3 interrupt matrix routing table
 * (drivers/interrupt_controller/esp32c3_intmatrix_route.c): a source gets
 * a line of its own while lines are free, shares one of equal priority
 * after that, fails with -ENOSPC (changing nothing) otherwise; re-routing
 * and unrouting keep the table's invariant, checked after every step; a
 * randomized run compares with a plain model.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vireo/drivers/interrupt_controller/esp32c3_intmatrix.h>
#include "unit_check.h"

/* Invariant of the header: source_line and line_sources agree; a line has a priority iff used. */
static void check_invariant(const struct esp32c3_routing *r, int line)
{
	check(r->line_sources[0] == 0 && r->line_prio[0] == 0, line, "line 0 is used");
	for (unsigned int s = 0; s < ESP32C3_INTMATRIX_SOURCES; s++) {
		unsigned int l = r->source_line[s];

		for (unsigned int k = 1; k < ESP32C3_CPU_LINES; k++) {
			bool bit = (r->line_sources[k] >> s) & 1U;

			check(bit == (l == k), line, "source %u: line %u bit %d, source_line %u", s,
			      k, bit, l);
		}
	}
	for (unsigned int k = 1; k < ESP32C3_CPU_LINES; k++) {
		check((r->line_sources[k] != 0) == (r->line_prio[k] != 0), line,
		      "line %u: sources 0x%llx, prio %u", k,
		      (unsigned long long)r->line_sources[k], r->line_prio[k]);
		check(r->line_prio[k] <= ESP32C3_LINE_PRIO_MAX, line, "line %u prio %u", k,
		      r->line_prio[k]);
	}
}

#define INVARIANT(r) check_invariant((r), __LINE__)

static void test_prio_map(unsigned int arg)
{
	(void)arg;
	CHECK_EQ(esp32c3_line_prio(0), 1);
	CHECK_EQ(esp32c3_line_prio(6), 7);
	CHECK_EQ(esp32c3_line_prio(13), 14);
	CHECK_EQ(esp32c3_line_prio(14), 15);
	CHECK_EQ(esp32c3_line_prio(1000), 15);
}

static void test_bad_args(unsigned int arg)
{
	struct esp32c3_routing r = { 0 };

	(void)arg;
	CHECK_EQ(esp32c3_route(&r, ESP32C3_INTMATRIX_SOURCES, 1), -EINVAL);
	CHECK_EQ(esp32c3_route(&r, 3, 0), -EINVAL);
	CHECK_EQ(esp32c3_route(&r, 3, 16), -EINVAL);
	CHECK_EQ(esp32c3_unroute(&r, ESP32C3_INTMATRIX_SOURCES), 0);
	CHECK_EQ(esp32c3_unroute(&r, 5), 0);
	INVARIANT(&r);
}

static void test_own_lines_then_share(unsigned int arg)
{
	struct esp32c3_routing r = { 0 };
	struct esp32c3_routing before;
	int line;

	(void)arg;
	/* Sources 0..30 take lines 1..31, each with its own priority. */
	for (unsigned int s = 0; s < 31; s++) {
		CHECK_EQ(esp32c3_route(&r, s, 1 + s % 15), (int)s + 1);
		CHECK_EQ(r.line_prio[s + 1], 1 + s % 15);
	}
	INVARIANT(&r);
	/* Full: source 40 at priority 3 shares one of the priority-3 lines (3, 18). */
	line = esp32c3_route(&r, 40, 3);
	CHECK(line == 3 || line == 18);
	/* The next one goes to the other, less loaded, priority-3 line. */
	CHECK_EQ(esp32c3_route(&r, 41, 3), line == 3 ? 18 : 3);
	INVARIANT(&r);
	/* No line at priority 15 is free or matching except line 15 and 30. */
	line = esp32c3_route(&r, 42, 15);
	CHECK(line == 15 || line == 30);
	INVARIANT(&r);
	/* Freeing a line makes it the first choice again. */
	CHECK_EQ(esp32c3_unroute(&r, 9), 10);
	CHECK_EQ(r.line_prio[10], 0);
	CHECK_EQ(esp32c3_route(&r, 50, 12), 10);
	INVARIANT(&r);
	/* All lines used, none at the asked priority: -ENOSPC, nothing changed. */
	for (unsigned int k = 1; k < ESP32C3_CPU_LINES; k++) {
		r.line_prio[k] = r.line_sources[k] != 0 ? 2 : 0;
	}
	before = r;
	CHECK_EQ(esp32c3_route(&r, 51, 9), -ENOSPC);
	CHECK(memcmp(&before, &r, sizeof(r)) == 0);
}

static void test_reroute(unsigned int arg)
{
	struct esp32c3_routing r = { 0 };

	(void)arg;
	CHECK_EQ(esp32c3_route(&r, 21, 1), 1);
	/* Same priority again: the same line. */
	CHECK_EQ(esp32c3_route(&r, 21, 1), 1);
	/* Alone on its line: the line changes priority, the source stays. */
	CHECK_EQ(esp32c3_route(&r, 21, 5), 1);
	CHECK_EQ(r.line_prio[1], 5);
	/* Fill every line, then put 37 onto 21's line (same priority 5)... */
	for (unsigned int s = 0; s < 30; s++) {
		CHECK_EQ(esp32c3_route(&r, 30 + s, 9), (int)s + 2);
	}
	CHECK_EQ(esp32c3_route(&r, 2, 5), 1);
	/* ...now 21 shares: a new priority moves it to a line of that priority. */
	CHECK_EQ(esp32c3_route(&r, 21, 9), 2);
	CHECK_EQ(r.source_line[21], 2);
	CHECK_EQ(r.line_prio[1], 5);
	CHECK_EQ(r.line_sources[1], 1ULL << 2);
	INVARIANT(&r);
	/* Unrouting the last source of a line frees it. */
	CHECK_EQ(esp32c3_unroute(&r, 2), 1);
	CHECK_EQ(r.line_sources[1], 0);
	CHECK_EQ(r.line_prio[1], 0);
	CHECK_EQ(esp32c3_unroute(&r, 2), 0);
	INVARIANT(&r);
}

/* Random routes and unroutes against a model of which sources are routed where allowed. */
static void test_random(unsigned int seed)
{
	struct esp32c3_routing r = { 0 };
	int model_prio[ESP32C3_INTMATRIX_SOURCES] = { 0 };

	srand(seed);
	for (int step = 0; step < 20000 && case_failures == 0; step++) {
		unsigned int s = (unsigned int)rand() % ESP32C3_INTMATRIX_SOURCES;
		unsigned int p = 1 + (unsigned int)rand() % 15;

		snprintf(where, sizeof(where), "seed %u step %d source %u prio %u", seed, step, s, p);
		if (rand() % 3 == 0) {
			unsigned int l = r.source_line[s];

			CHECK_EQ(esp32c3_unroute(&r, s), l);
			model_prio[s] = 0;
		} else {
			int line = esp32c3_route(&r, s, p);

			if (line > 0) {
				CHECK_EQ(r.source_line[s], line);
				CHECK_EQ(r.line_prio[line], p);
				model_prio[s] = (int)p;
			} else {
				CHECK_EQ(line, -ENOSPC);
			}
		}
		for (unsigned int k = 0; k < ESP32C3_INTMATRIX_SOURCES; k++) {
			unsigned int l = r.source_line[k];

			CHECK((model_prio[k] != 0) == (l != 0));
			if (l != 0) {
				CHECK_EQ(r.line_prio[l], model_prio[k]);
			}
		}
		INVARIANT(&r);
	}
}

int main(void)
{
	run_case("prio_map", test_prio_map, 0);
	run_case("bad_args", test_bad_args, 0);
	run_case("own_lines_then_share", test_own_lines_then_share, 0);
	run_case("reroute", test_reroute, 0);
	for (unsigned int seed = 1; seed <= 4; seed++) {
		run_case("random", test_random, seed);
	}
	return unit_summary();
}
