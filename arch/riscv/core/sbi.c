/*
 * The SBI call (include/vireo/arch/riscv/sbi.h): one ecall from S-mode
 * into the firmware, which returns to the next instruction. Stateless;
 * callable with interrupts on or off, from threads and ISRs.
 */
#include <vireo/arch/riscv/sbi.h>

struct sbiret z_riscv_sbi_call(unsigned long ext, unsigned long fid, unsigned long arg0,
			       unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	/* The firmware preserves every register but a0 and a1. */
	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

bool z_riscv_sbi_probe(unsigned long ext)
{
	struct sbiret r = z_riscv_sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, ext, 0, 0);

	/* Probe answers 0 for an extension that is absent. */
	return r.error == SBI_SUCCESS && r.value != 0;
}
