/*
 * samples/bench: Vireo's costs in instructions. Run it with
 *   ./vireo run -a samples/bench
 * QEMU runs with -icount shift=0, so every figure is a deterministic
 * instruction count. docs/PERFORMANCE.md explains the method and compares
 * the figures with Zephyr and FreeRTOS.
 */
#include <vireo/sys/poweroff.h>
#include "bench.h"

#define MAX_ROWS 32

uint32_t bench_overhead;
static uint64_t main_entry_count;
static struct {
	const char *name;
	uint32_t value;
} rows[MAX_ROWS];
static int nrows;

static void sort(uint32_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		uint32_t x = v[i];
		int j = i - 1;

		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

uint32_t bench_median(struct samples *s)
{
	uint32_t m;

	if (s->n == 0) {
		return 0;
	}
	sort(s->v, s->n);
	m = s->v[s->n / 2];
	return m > bench_overhead ? m - bench_overhead : 0;
}

void bench_report(const char *name, uint32_t instructions)
{
	printk("bench: %s = %u instr\n", name, (unsigned int)instructions);
	if (nrows < MAX_ROWS) {
		rows[nrows].name = name;
		rows[nrows].value = instructions;
		nrows++;
	}
}

static void measure_overhead(void)
{
	struct samples s = { .n = 0 };

	bench_overhead = 0;
	for (int i = 0; i < BENCH_REPS; i++) {
		timing_t t0 = timing_counter_get();
		timing_t t1 = timing_counter_get();

		sample_add(&s, t1 - t0);
	}
	bench_overhead = bench_median(&s);
}

int main(void)
{
	/* First thing: the counter has run since reset. */
	main_entry_count = timing_counter_get();

	measure_overhead();
	bench_report("boot_to_main", (uint32_t)main_entry_count);
	bench_yield();
	bench_sync();
	bench_isr();
	bench_scale();
	if (IS_ENABLED(CONFIG_USERSPACE)) {
		bench_user();
	}

	printk("\n%-28s %12s\n", "operation", "instructions");
	for (int i = 0; i < nrows; i++) {
		printk("%-28s %12u\n", rows[i].name, (unsigned int)rows[i].value);
	}
	printk("(measurement overhead %u instructions, already subtracted)\n",
	       (unsigned int)bench_overhead);
	sys_poweroff();
	return 0;
}
