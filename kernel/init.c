/*
 * Kernel start-up. The architecture's C start-up calls z_cstart() once, on
 * the boot (ISR) stack with interrupts off and .bss zeroed. It runs the
 * PRE_KERNEL levels, creates the idle and main threads and switches into
 * main; the main thread runs the POST_KERNEL and APPLICATION levels,
 * starts the K_THREAD_DEFINE threads and calls main().
 */
#include <vireo/arch_interface.h>
#include <vireo/device.h>
#include <vireo/init.h>
#include <vireo/sys/printk.h>
#include "kernel_internal.h"

extern const struct init_entry __init_PRE_KERNEL_1_start[];
extern const struct init_entry __init_PRE_KERNEL_2_start[];
extern const struct init_entry __init_POST_KERNEL_start[];
extern const struct init_entry __init_APPLICATION_start[];
extern const struct init_entry __init_end[];

int main(void);
FUNC_NORETURN void z_cstart(void);

BUILD_ASSERT(CONFIG_MAIN_THREAD_PRIORITY < K_IDLE_PRIO &&
	     CONFIG_MAIN_THREAD_PRIORITY >= K_HIGHEST_THREAD_PRIO,
	     "MAIN_THREAD_PRIORITY must be a valid priority above the idle thread's");

struct k_thread z_main_thread Z_KOBJ_SECTION(k_thread);
struct k_thread z_idle_thread Z_KOBJ_SECTION(k_thread);
K_KERNEL_STACK_DEFINE(z_main_stack, CONFIG_MAIN_STACK_SIZE);
K_KERNEL_STACK_DEFINE(z_idle_stack, CONFIG_IDLE_STACK_SIZE);

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

static void main_thread_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	run_init_level(2);
	print_banner();
	run_init_level(3);
	z_thread_init_static();

	(void)main();

	/* main() returned: the main thread ends like any other thread. */
	z_main_thread.base.user_options &= ~K_ESSENTIAL;
}

/*
 * Runs when nothing else is ready. Interrupts are locked around the check
 * and arch_cpu_idle() re-enables them atomically with the wait, so a
 * wake-up between the two cannot be lost.
 */
static void idle_thread_entry(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (;;) {
		(void)arch_irq_lock();
		arch_cpu_idle();
	}
}

static void start_thread(struct k_thread *t, k_thread_stack_t *stack, size_t size,
			 k_thread_entry_t entry, int prio, const char *name)
{
	z_setup_new_thread(t, stack, size, entry, NULL, NULL, NULL, prio, K_ESSENTIAL, name);
	t->base.thread_state &= ~_THREAD_PRESTART;
	z_ready_thread(t);
}

FUNC_NORETURN void z_cstart(void)
{
	/* Stands for the boot context in the first switch; never runs again. */
	struct k_thread dummy = { .base.thread_state = _THREAD_DUMMY };

	_current = &dummy;
	arch_kernel_init();
	z_sched_init();
	z_timeout_init();
	run_init_level(0);
	run_init_level(1);

	start_thread(&z_idle_thread, z_idle_stack, K_KERNEL_STACK_SIZEOF(z_idle_stack),
		     idle_thread_entry, K_IDLE_PRIO, "idle");
	start_thread(&z_main_thread, z_main_stack, K_KERNEL_STACK_SIZEOF(z_main_stack),
		     main_thread_entry, CONFIG_MAIN_THREAD_PRIORITY, "main");
	_current = &z_main_thread;
	arch_switch(&z_main_thread, &dummy);
	CODE_UNREACHABLE;
}
