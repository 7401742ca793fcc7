/*
 * Entering user mode, from the kernel's side: the thread keeps its stack
 * and domain, the architecture drops it to U-mode for good.
 */
#include <vireo/kernel.h>
#include "kernel_internal.h"

FUNC_NORETURN void k_thread_user_mode_enter(k_thread_entry_t entry, void *p1, void *p2, void *p3)
{
	if (IS_ENABLED(CONFIG_USERSPACE)) {
		arch_user_mode_enter(entry, p1, p2, p3);
	}
	/* Without user mode the thread simply goes on in kernel mode. */
	_current->base.user_options |= K_USER;
	z_thread_entry(entry, p1, p2, p3);
}
