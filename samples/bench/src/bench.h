/*
 * Measurement helpers shared by the benchmark files: sample collection,
 * median, and the report line format tools read:
 *   bench: <name> = <instructions> instr
 * Every figure is the median of BENCH_REPS samples of the cycle counter
 * (instructions under QEMU -icount shift=0) minus the cost of an empty
 * measurement (two back-to-back counter reads).
 */
#ifndef BENCH_H_
#define BENCH_H_

#include <vireo/kernel.h>
#include <vireo/timing/timing.h>

/* Stacks of the measuring threads: half size on boards with little RAM. */
#define BENCH_STACK_SIZE (CONFIG_SRAM_SIZE >= 128 ? 1024 : 512)

#define BENCH_REPS 201

struct samples {
	uint32_t v[BENCH_REPS];
	int n;
};

static inline void sample_add(struct samples *s, uint64_t delta)
{
	if (s->n < BENCH_REPS) {
		s->v[s->n++] = (uint32_t)delta;
	}
}

/* Median of the samples, minus the measurement overhead; sorts s. */
uint32_t bench_median(struct samples *s);

/* Print the machine-readable line and remember it for the table. */
void bench_report(const char *name, uint32_t instructions);

/* Overhead of an empty measurement, set once at start-up. */
extern uint32_t bench_overhead;

void bench_yield(void);
void bench_sync(void);
void bench_isr(void);
void bench_scale(void);
void bench_user(void);

#endif /* BENCH_H_ */
