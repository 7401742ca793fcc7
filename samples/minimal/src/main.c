/*
 * The smallest useful Vireo image: one thread that sleeps on the kernel's
 * timer, then powers off (QEMU exits 0). Its size is the kernel's floor;
 * docs/PERFORMANCE.md reports it.
 */
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>

int main(void)
{
	int64_t start = k_uptime_ticks();

	k_msleep(10);
	/* Exit status 0 only if the sleep really took the timer's time. */
	if (k_uptime_ticks() - start < k_ms_to_ticks_ceil64(10)) {
		sys_poweroff_exit(2);
	}
	sys_poweroff();
	return 0;
}
