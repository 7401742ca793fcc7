/*
 * Kernel start-up: runs the SYS_INIT/DEVICE levels in order, prints the
 * boot banner and calls main(). Entered once from the architecture's C
 * start-up (z_cstart), on the boot stack with interrupts off and .bss
 * zeroed.
 *
 * Seam for the scheduler: the point marked "kernel services" below is
 * where the boot context becomes the main thread and the idle thread is
 * created; POST_KERNEL and later levels then run in the main thread.
 */
#include <vireo/arch_interface.h>
#include <vireo/device.h>
#include <vireo/init.h>
#include <vireo/sys/printk.h>
#include <vireo/sys/util.h>

extern const struct init_entry __init_PRE_KERNEL_1_start[];
extern const struct init_entry __init_PRE_KERNEL_2_start[];
extern const struct init_entry __init_POST_KERNEL_start[];
extern const struct init_entry __init_APPLICATION_start[];
extern const struct init_entry __init_end[];

int main(void);
FUNC_NORETURN void z_cstart(void);

static const char *const level_names[] = {
	"PRE_KERNEL_1", "PRE_KERNEL_2", "POST_KERNEL", "APPLICATION",
};

static void run_entry(const struct init_entry *entry, const char *level)
{
	const struct device *dev = entry->dev;
	int rc;

	if (dev != NULL) {
		rc = dev->init != NULL ? dev->init(dev) : 0;
		dev->state->init_res = rc;
		dev->state->initialized = true;
	} else {
		rc = entry->init_fn();
	}
	/* A failed device stays !device_is_ready(); boot goes on. */
	if (rc != 0) {
		printk("init: %s %s failed: %d\n", level,
		       dev != NULL ? dev->name : "SYS_INIT", rc);
	}
}

static void run_init_level(unsigned int level)
{
	static const struct init_entry *const bounds[] = {
		__init_PRE_KERNEL_1_start, __init_PRE_KERNEL_2_start,
		__init_POST_KERNEL_start, __init_APPLICATION_start, __init_end,
	};

	for (const struct init_entry *e = bounds[level]; e < bounds[level + 1]; e++) {
		run_entry(e, level_names[level]);
	}
}

static void print_banner(void)
{
	if (IS_ENABLED(CONFIG_BOOT_BANNER)) {
		printk("*** Booting Vireo v" VIREO_VERSION_STRING " on %s (%s, user mode %s) ***\n",
		       CONFIG_BOARD, arch_isa_string(),
		       IS_ENABLED(CONFIG_USERSPACE) ? "on" : "off");
	}
}

FUNC_NORETURN void z_cstart(void)
{
	run_init_level(0);
	run_init_level(1);
	/* Kernel services start here (threads, scheduler). */
	run_init_level(2);
	print_banner();
	run_init_level(3);

	(void)main();

	/* main() returned and nothing else runs: idle until an interrupt. */
	for (;;) {
		(void)arch_irq_lock();
		arch_cpu_idle();
	}
}
