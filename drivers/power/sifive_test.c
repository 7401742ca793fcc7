/*
 * QEMU virt's SiFive test finisher: one 32-bit register; writing PASS ends
 * QEMU with exit code 0, writing FAIL with a code in the upper half ends
 * it with that code.
 */
#include <stdint.h>
#include <vireo/sys/poweroff.h>

#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555

FUNC_NORETURN void z_sys_poweroff(int status)
{
	volatile uint32_t *finisher = (volatile uint32_t *)CONFIG_POWEROFF_SIFIVE_TEST_BASE;
	/* QEMU exits with the 16-bit code as given: a failure must not be 0. */
	uint32_t code = (uint32_t)status & 0xffff;

	if (status != 0 && code == 0) {
		code = 1;
	}

	*finisher = code == 0 ? FINISHER_PASS : (code << 16) | FINISHER_FAIL;
	for (;;) {
	}
}
