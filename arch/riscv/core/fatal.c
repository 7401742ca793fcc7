/*
 * RISC-V part of the fault report (DESIGN.md §6): the cause spelled out,
 * the trap CSRs and every general register; and how the hart stops.
 * Called from the kernel's fatal path with interrupts locked; uses only
 * printk, which is polled and takes no lock.
 */
#include <vireo/arch_interface.h>
#include <vireo/kernel.h>
#include <vireo/sys/poweroff.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>

#define CAUSE_IRQ_FLAG (1UL << (__riscv_xlen - 1))
#define CAUSE_ECALL_U 8UL

/* Exception codes of the privileged spec, table "xcause values". */
static const char *const exception_names[] = {
	[0] = "Instruction address misaligned",
	[1] = "Instruction access fault",
	[2] = "Illegal instruction",
	[3] = "Breakpoint",
	[4] = "Load address misaligned",
	[5] = "Load access fault",
	[6] = "Store/AMO address misaligned",
	[7] = "Store/AMO access fault",
	[8] = "Environment call from U-mode",
	[9] = "Environment call from S-mode",
	[11] = "Environment call from M-mode",
	[12] = "Instruction page fault",
	[13] = "Load page fault",
	[15] = "Store/AMO page fault",
};

static const char *const interrupt_names[] = {
	[1] = "Supervisor software interrupt",
	[3] = "Machine software interrupt",
	[5] = "Supervisor timer interrupt",
	[7] = "Machine timer interrupt",
	[9] = "Supervisor external interrupt",
	[11] = "Machine external interrupt",
};

static const char *cause_str(unsigned long cause)
{
	unsigned long code = cause & ~CAUSE_IRQ_FLAG;
	const char *name = NULL;

	if (cause & CAUSE_IRQ_FLAG) {
		if (code < ARRAY_SIZE(interrupt_names)) {
			name = interrupt_names[code];
		}
	} else if (code < ARRAY_SIZE(exception_names)) {
		name = exception_names[code];
	}
	return name != NULL ? name : "Reserved or custom cause";
}

/*
 * The other registers, four to a line. ra has a line of its own, like epc:
 * the symbolizer appends the code location of a line's addresses at its
 * end, which is only unambiguous with one code address per line.
 */
#define REG(name) { #name, offsetof(struct arch_esf, name) }
static const struct {
	char name[4];
	unsigned short offset; /* up to 35 * 8 on RV64 */
} gp_regs[] = {
	REG(sp), REG(gp), REG(tp), REG(t0), REG(t1), REG(t2),
	REG(s0), REG(s1), REG(a0), REG(a1), REG(a2), REG(a3), REG(a4),
	REG(a5), REG(a6), REG(a7), REG(s2), REG(s3), REG(s4), REG(s5),
	REG(s6), REG(s7), REG(s8), REG(s9), REG(s10), REG(s11), REG(t3),
	REG(t4), REG(t5), REG(t6),
};

#define HEX_DIGITS ((int)sizeof(unsigned long) * 2)

void z_riscv_pmp_explain(const struct k_thread *t, unsigned long addr, char access);

/* An instruction, load or store access fault taken in U-mode. */
static bool is_user_access_fault(const struct arch_esf *esf)
{
	bool access = esf->cause == 1 || esf->cause == 5 || esf->cause == 7;

	return access && (esf->status & XSTATUS_PP_MASK) == 0;
}

void arch_esf_print(const struct arch_esf *esf)
{
	if (esf == NULL) {
		return;
	}
	printk("  " XCSR_PREFIX "cause: %lu (%s)\n", esf->cause, cause_str(esf->cause));
	printk("  " XCSR_PREFIX "epc:   0x%0*lx\n", HEX_DIGITS, esf->epc);
	printk("  " XCSR_PREFIX "tval:  0x%0*lx\n", HEX_DIGITS, esf->tval);
	printk("  " XCSR_PREFIX "status: 0x%0*lx\n", HEX_DIGITS, esf->status);
	printk("  ra:      0x%0*lx\n", HEX_DIGITS, esf->ra);
	if (IS_ENABLED(CONFIG_USERSPACE) && is_user_access_fault(esf)) {
		z_riscv_pmp_explain(k_current_get(), esf->tval,
				    esf->cause == 1 ? 'x' : (esf->cause == 5 ? 'r' : 'w'));
	}
	if (esf->cause == CAUSE_ECALL_U) {
		/* The syscall path saves only what the caller can see change. */
		printk("  (in a syscall: a7 = %lu; a0-a5 are its arguments; s0-s11 not saved)\n",
		       esf->a7);
	}
	for (size_t i = 0; i < ARRAY_SIZE(gp_regs); i++) {
		const unsigned long *reg = (const unsigned long *)
			((const char *)esf + gp_regs[i].offset);
		printk("  %3s: 0x%0*lx%s", gp_regs[i].name, HEX_DIGITS, *reg,
		       (i % 4 == 3 || i + 1 == ARRAY_SIZE(gp_regs)) ? "\n" : "");
	}
}

const char *arch_isa_string(void)
{
	return VIREO_ISA_STRING " " XPRIV_NAME "-mode";
}

void arch_cpu_idle(void)
{
	/*
	 * wfi wakes on a pending interrupt even while xstatus.IE is off, so
	 * enabling interrupts after it cannot lose a wake-up.
	 */
	__asm__ volatile("wfi");
	csr_set(CSR_XSTATUS, XSTATUS_IE);
}

FUNC_NORETURN void arch_system_halt(unsigned int reason)
{
	ARG_UNUSED(reason);
	if (IS_ENABLED(CONFIG_POWEROFF)) {
		z_sys_poweroff(1);
	}
	for (;;) {
		__asm__ volatile("wfi");
	}
}
