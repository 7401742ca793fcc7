/*
 * The kernel's fatal error path: every fault, oops and panic ends here.
 * Prints one report block (the kernel part, then the architecture's
 * registers) and hands the decision to k_sys_fatal_error_handler().
 * Runs with interrupts locked and takes no locks: printk is polled.
 */
#include <vireo/arch_interface.h>
#include <vireo/fatal.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>

const char *z_fatal_reason_str(unsigned int reason)
{
	static const char *const names[] = {
		[K_ERR_CPU_EXCEPTION] = "CPU exception",
		[K_ERR_SPURIOUS_IRQ] = "Unhandled interrupt",
		[K_ERR_STACK_CHK_FAIL] = "Stack overflow",
		[K_ERR_KERNEL_OOPS] = "Kernel oops",
		[K_ERR_KERNEL_PANIC] = "Kernel panic",
	};

	if (reason < ARRAY_SIZE(names) && names[reason] != NULL) {
		return names[reason];
	}
	return "Unknown error";
}

__weak void k_sys_fatal_error_handler(unsigned int reason, const struct arch_esf *esf)
{
	ARG_UNUSED(esf);
	printk("Halting system\n");
	arch_system_halt(reason);
}

FUNC_NORETURN void z_fatal_error(unsigned int reason, const struct arch_esf *esf)
{
	(void)arch_irq_lock();
	printk("\n*** FATAL ERROR %u: %s ***\n", reason, z_fatal_reason_str(reason));
	/* Before the scheduler exists, the boot context is all there is. */
	printk("  thread: main (boot context), kernel mode\n");
	arch_esf_print(esf);
	printk("*** end of fault report ***\n");

	k_sys_fatal_error_handler(reason, esf);
	/* The handler returned: the faulting context cannot resume. */
	arch_system_halt(reason);
}
