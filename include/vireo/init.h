/*
 * Start-up registration (Zephyr's init.h): SYS_INIT(fn, level, prio) runs
 * fn during boot at one of four levels, in priority order within a level
 * (0..99, lower first).
 *
 * Levels: PRE_KERNEL_1 (no kernel services, no printk before the console
 * hook), PRE_KERNEL_2, POST_KERNEL (kernel objects usable), APPLICATION
 * (just before main()).
 */
#ifndef VIREO_INCLUDE_INIT_H_
#define VIREO_INCLUDE_INIT_H_

#include <stddef.h>
#include <vireo/toolchain.h>

struct device;

/** One start-up call; placed in a per-level, per-priority linker section. */
struct init_entry {
	int (*init_fn)(void);
	/** Device initialized by this entry, or NULL for a plain SYS_INIT. */
	const struct device *dev;
};

/*
 * The linker script sorts entries by section name; the priority is
 * stringified as given, so the script collects one-digit, then two-digit
 * priorities to keep 9 before 10.
 */
#define Z_INIT_ENTRY_SECTION(level, prio) \
	__section(".z_init_" #level "_P_" #prio "_")

#define Z_INIT_ENTRY_DEFINE(name, fn, device, level, prio)                   \
	static const struct init_entry __used Z_INIT_ENTRY_SECTION(level, prio) \
		__init_##name = { .init_fn = (fn), .dev = (device) }

/**
 * @brief Run @p fn at boot.
 * @param fn    int fn(void); a non-zero return is reported on the console.
 * @param level PRE_KERNEL_1, PRE_KERNEL_2, POST_KERNEL or APPLICATION.
 * @param prio  0..99, as a literal.
 */
#define SYS_INIT(fn, level, prio) SYS_INIT_NAMED(fn, fn, level, prio)
#define SYS_INIT_NAMED(name, fn, level, prio) \
	Z_INIT_ENTRY_DEFINE(name, fn, NULL, level, prio)

#endif /* VIREO_INCLUDE_INIT_H_ */
