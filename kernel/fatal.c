/*
 * The kernel's fatal error path: every fault, oops and panic ends here.
 * Prints one report block (what happened, in which thread, then the
 * architecture's registers), lets k_sys_fatal_error_handler() decide, and
 * then stops the faulting thread for good.
 *
 * Policy (the default handler): a fault in a thread that is not essential
 * aborts that thread and the system goes on; a panic, a fault in an ISR, in
 * an essential thread (main, idle) or before threads exist halts.
 * Runs with interrupts locked and takes no locks: printk is polled.
 */
#include <vireo/arch_interface.h>
#include <vireo/fatal.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>
#include "kernel_internal.h"

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

/* True when the system cannot go on after this error. */
static bool fatal_to_system(unsigned int reason)
{
	const struct k_thread *cur = _current;

	return reason == K_ERR_KERNEL_PANIC || k_is_in_isr() || cur == NULL ||
	       (cur->base.thread_state & _THREAD_DUMMY) != 0 || z_is_thread_essential(cur);
}

__weak void k_sys_fatal_error_handler(unsigned int reason, const struct arch_esf *esf)
{
	ARG_UNUSED(esf);
	if (fatal_to_system(reason)) {
		printk("Halting system\n");
		arch_system_halt(reason);
	}
	printk("Aborting thread %s\n", z_thread_name_or_placeholder(_current));
}

static void print_context(void)
{
	const struct k_thread *cur = _current;

	if (k_is_in_isr()) {
		printk("  context: interrupt handler (interrupted thread %p)\n", (void *)cur);
	} else if (cur == NULL || (cur->base.thread_state & _THREAD_DUMMY) != 0) {
		printk("  context: boot, before the first thread\n");
	} else {
		printk("  thread: %s (%p), %s mode, priority %d%s\n",
		       z_thread_name_or_placeholder(cur), (void *)cur,
		       (cur->base.user_options & K_USER) != 0 ? "user" : "kernel",
		       cur->base.prio, z_is_thread_essential(cur) ? ", essential" : "");
	}
}

FUNC_NORETURN void z_fatal_error(unsigned int reason, const struct arch_esf *esf)
{
	unsigned int key = arch_irq_lock();

	printk("\n*** FATAL ERROR %u: %s ***\n", reason, z_fatal_reason_str(reason));
	print_context();
	arch_esf_print(esf);
	printk("*** end of fault report ***\n");

	k_sys_fatal_error_handler(reason, esf);
	/* The handler chose to go on: the faulting thread cannot resume. */
	if (k_is_in_isr() || (_current->base.thread_state & _THREAD_DUMMY) != 0) {
		arch_system_halt(reason);
	}
	z_thread_abort(_current);
	(void)z_swap(key);
	CODE_UNREACHABLE;
}
