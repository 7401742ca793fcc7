/*
 * ESP32-C3 interrupt matrix and CPU interrupt lines: the second-level
 * controller behind irq_enable()/irq_disable() (interface in
 * intc_2nd_level.h). Each peripheral source is routed to one of the CPU's
 * lines 1..31 by the routing table (esp32c3_intmatrix_route.c); the line
 * gets the source's priority; the threshold stays at 1 so that every
 * enabled line interrupts (Vireo masks with mstatus.MIE, never by level).
 * All lines are level-triggered: a source stays pending until its driver
 * clears it in the peripheral, so nothing is acknowledged here.
 *
 * The trap path hands every interrupt cause (the line) to
 * z_intc_2nd_line_isr(), which calls the handler of each pending source
 * routed to that line. State is changed with interrupts locked; the line
 * ISR runs with them locked too.
 *
 * Registers (TRM, "Interrupt Matrix"): map of source n at base + 4n,
 * pending status of sources 0..31 / 32..61 at 0xf8 / 0xfc, line enable
 * 0x104, line type 0x108 (0 = level), line n's priority at 0x114 + 4n,
 * threshold 0x194.
 */
#include <vireo/drivers/interrupt_controller/esp32c3_intmatrix.h>
#include <vireo/drivers/interrupt_controller/intc_2nd_level.h>
#include <vireo/init.h>
#include <vireo/irq.h>
#include <vireo/sys/util.h>

#define MATRIX(off) (*(volatile uint32_t *)(CONFIG_ESP32C3_INTMATRIX_BASE + (off)))
#define MAP(source) MATRIX(4U * (source))
#define STATUS_0 MATRIX(0xf8U)
#define STATUS_1 MATRIX(0xfcU)
#define LINE_ENABLE MATRIX(0x104U)
#define LINE_TYPE MATRIX(0x108U)
#define LINE_PRIO(line) MATRIX(0x114U + 4U * (line))
#define THRESHOLD MATRIX(0x194U)

BUILD_ASSERT(CONFIG_NUM_2ND_LEVEL_IRQS < ESP32C3_INTMATRIX_SOURCES,
	     "NUM_2ND_LEVEL_IRQS: the ESP32-C3 matrix has sources 0..61");

static struct esp32c3_routing routing;

int z_intc_2nd_enable(unsigned int source, unsigned int priority)
{
	unsigned int key = arch_irq_lock();
	int line = esp32c3_route(&routing, source, esp32c3_line_prio(priority));

	if (line > 0) {
		LINE_PRIO(line) = routing.line_prio[line];
		MAP(source) = (uint32_t)line;
		LINE_ENABLE |= BIT(line);
		/* The new routing reaches the CPU before interrupts may be on again. */
		__sync_synchronize();
	}
	arch_irq_unlock(key);
	return line > 0 ? 0 : line;
}

void z_intc_2nd_disable(unsigned int source)
{
	unsigned int key = arch_irq_lock();
	unsigned int line = esp32c3_unroute(&routing, source);

	if (line != 0) {
		MAP(source) = 0;
		if (routing.line_sources[line] == 0) {
			LINE_ENABLE &= ~BIT(line);
		}
		__sync_synchronize();
	}
	arch_irq_unlock(key);
}

int z_intc_2nd_is_enabled(unsigned int source)
{
	return source < ESP32C3_INTMATRIX_SOURCES && routing.source_line[source] != 0;
}

void z_intc_2nd_line_isr(unsigned int line)
{
	uint64_t pending;

	if (line == 0 || line >= ESP32C3_CPU_LINES) {
		z_riscv_isr_invoke(line); /* reported as spurious */
		return;
	}
	pending = (((uint64_t)STATUS_1 << 32) | STATUS_0) & routing.line_sources[line];
	while (pending != 0) {
		unsigned int source = (unsigned int)__builtin_ctzll(pending);

		pending &= pending - 1;
		z_riscv_isr_invoke(IRQ_2ND_LEVEL(source));
	}
}

/* Whatever the ROM left routed is undone: the table starts empty too. */
static int intmatrix_init(void)
{
	routing = (struct esp32c3_routing){ 0 };
	LINE_ENABLE = 0;
	for (unsigned int source = 0; source < ESP32C3_INTMATRIX_SOURCES; source++) {
		MAP(source) = 0;
	}
	LINE_TYPE = 0;
	THRESHOLD = 1;
	return 0;
}

SYS_INIT(intmatrix_init, PRE_KERNEL_1, 0);
