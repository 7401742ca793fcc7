/*
 * The one door between kernel/ and the architecture (DESIGN.md §2).
 * kernel/ calls only these arch_* functions; arch/riscv implements them.
 * Each comes with its contract: when it is called, what it must do, and
 * what it may not do.
 */
#ifndef VIREO_INCLUDE_ARCH_INTERFACE_H_
#define VIREO_INCLUDE_ARCH_INTERFACE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vireo/toolchain.h>
#include <vireo/arch/riscv/arch.h>

struct arch_esf;
struct k_thread;

/**
 * @brief Disable interrupts on this hart and return the previous state.
 *
 * Callable from any context. Nests: each lock is undone by the matching
 * arch_irq_unlock() with the key it returned, innermost first.
 */
static inline unsigned int arch_irq_lock(void);

/** @brief Restore the interrupt state saved in @p key by arch_irq_lock(). */
static inline void arch_irq_unlock(unsigned int key);

/** @brief true if @p key says interrupts were enabled when it was taken. */
static inline bool arch_irq_unlocked(unsigned int key);

/**
 * @brief Wait for an interrupt with the hart's low-power instruction.
 *
 * Called by the idle loop with interrupts locked; must enable interrupts
 * atomically with going to sleep so that no wake-up is lost, and return with
 * them enabled.
 */
void arch_cpu_idle(void);

/**
 * @brief Stop the system for good after a fatal error.
 *
 * Called with interrupts locked from the fatal error path, after the report
 * has been printed; takes no locks. Powers the system off with a failure
 * status where a power-off driver exists, otherwise parks the hart.
 */
FUNC_NORETURN void arch_system_halt(unsigned int reason);

/**
 * @brief Print the architecture part of a fault report: the cause spelled
 * out, the faulting address registers and every general register.
 *
 * Called from z_fatal_error() with interrupts locked; uses only printk
 * (polled output), no locks. @p esf may be NULL (software-raised error):
 * then it prints nothing.
 */
void arch_esf_print(const struct arch_esf *esf);

/**
 * @brief Architecture set-up before any init level runs.
 *
 * Called once by z_cstart() on the boot stack with interrupts off: makes
 * the interrupt table and the ISR stack ready. May not use kernel services.
 */
void arch_kernel_init(void);

/**
 * @brief Prepare a new thread's first switch.
 *
 * Called by the kernel when a thread is created, interrupts in any state.
 * Must arrange that the first arch_switch() into @p thread starts it, on
 * the stack ending at @p stack_top, with interrupts enabled, in
 * z_thread_entry(entry, p1, p2, p3).
 */
void arch_new_thread(struct k_thread *thread, char *stack_top,
		     void (*entry)(void *, void *, void *), void *p1, void *p2, void *p3);

/**
 * @brief Switch from @p old_thread to @p new_thread.
 *
 * Called with interrupts locked, from thread context or from the interrupt
 * exit path, after the kernel has set _current to @p new_thread. Saves the
 * callee-saved state of @p old_thread and resumes @p new_thread where it
 * last called arch_switch() (or at its start). Returns, in @p old_thread,
 * when something switches back to it; interrupts are still locked then.
 */
void arch_switch(struct k_thread *new_thread, struct k_thread *old_thread);

#ifdef CONFIG_USERSPACE
struct k_mem_domain;

/**
 * @brief Rebuild @p domain's hardware image from its partitions.
 *
 * Called with interrupts locked, on a scratch copy of the domain, before
 * the kernel commits a change. Must bump domain->arch.generation.
 * @retval 0 built
 * @retval -ENOSPC the partitions need more protection entries than exist
 * @retval -EINVAL a partition the hardware cannot express (alignment)
 */
int arch_mem_domain_build(struct k_mem_domain *domain);

/**
 * @brief Make the protection hardware match @p thread (its stack and its
 * domain) now. Called with interrupts locked for the running user thread
 * after its domain changed; the switch path calls it for every user thread.
 */
void arch_mem_domain_thread_reload(const struct k_thread *thread);

/**
 * @brief Can the calling user thread access [addr, addr + size)?
 *
 * Answers from the thread's own protection image, in software, safely
 * for any addr and size (addr + size may wrap: refused).
 * @param write non-zero to ask for write access (read is implied)
 * @retval 0 allowed
 * @retval -EPERM not allowed (or straddles regions with other rights)
 */
int arch_buffer_validate(const void *addr, size_t size, int write);

/**
 * @brief Give back what arch_user_mode_enter() took for @p thread (its
 * privileged stack). Called with interrupts locked when the thread dies;
 * it may be the running thread, which switches away right after.
 */
void arch_thread_user_release(struct k_thread *thread);
#endif /* CONFIG_USERSPACE */

/**
 * @brief Drop the current thread to user mode for good, running
 * entry(p1, p2, p3) there on its own stack, wiped first.
 * Called from thread context with the thread's stack and domain set.
 * Only built with CONFIG_USERSPACE.
 */
FUNC_NORETURN void arch_user_mode_enter(void (*entry)(void *, void *, void *),
					void *p1, void *p2, void *p3);

/**
 * @brief A free-running counter of the hart's cycles (instructions under
 * QEMU -icount), for measurements. Callable in any context, no side effect.
 * Inline: static ALWAYS_INLINE uint64_t arch_timing_counter_get(void).
 */

/**
 * @brief ISA description for the boot banner, e.g. "rv32imac M-mode".
 * Pure constant; callable any time.
 */
const char *arch_isa_string(void);

#endif /* VIREO_INCLUDE_ARCH_INTERFACE_H_ */
