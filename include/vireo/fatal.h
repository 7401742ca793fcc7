/*
 * Fatal errors (Zephyr's fatal.h and fatal_types.h): why the kernel stopped
 * a thread or the system, and the policy hook that decides what follows.
 */
#ifndef VIREO_INCLUDE_FATAL_H_
#define VIREO_INCLUDE_FATAL_H_

#include <vireo/toolchain.h>

struct arch_esf;

enum k_fatal_error_reason {
	/** An exception the CPU raised (bad access, illegal instruction...). */
	K_ERR_CPU_EXCEPTION,
	/** An interrupt that nothing handles. */
	K_ERR_SPURIOUS_IRQ,
	/** A stack overflow detected by a guard. */
	K_ERR_STACK_CHK_FAIL,
	/** k_oops(): the current thread asked to be stopped. */
	K_ERR_KERNEL_OOPS,
	/** k_panic(): the system cannot go on. */
	K_ERR_KERNEL_PANIC,
	/** First reason number left to the architecture. */
	K_ERR_ARCH_START = 16,
};

/**
 * @brief Policy hook called after the fault report has been printed.
 *
 * Weak: an application (or ztest) may override it. The default halts the
 * system (powering QEMU off with a failure status).
 * Called with interrupts locked, on the faulting context's stack; it must
 * take no locks.
 *
 * @param reason one of enum k_fatal_error_reason
 * @param esf    the exception frame, or NULL for a software-raised error
 */
void k_sys_fatal_error_handler(unsigned int reason, const struct arch_esf *esf);

/**
 * @brief Kernel entry for every fatal error: reports, then applies the
 * policy. Called by the architecture's trap code and by k_oops/k_panic.
 */
FUNC_NORETURN void z_fatal_error(unsigned int reason, const struct arch_esf *esf);

/** @brief Name of a fatal error reason, for reports. */
const char *z_fatal_reason_str(unsigned int reason);

#endif /* VIREO_INCLUDE_FATAL_H_ */
