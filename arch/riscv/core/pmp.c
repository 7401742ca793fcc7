/*
 * The only code that writes the PMP (DESIGN.md §3). Entry layout:
 *
 *   0, 1   global: kernel text and rodata, R+X for U-mode (OFF + TOR); on
 *          parts where code and data are two views of one SRAM (ESP32-C3,
 *          CONFIG_RISCV_CODE_ALIAS_OFFSET) they lie in two address windows:
 *          text X (NAPOT) and rodata R (NAPOT), both from the linker script
 *   2, 3   the running user thread's stack, R+W (OFF + TOR)
 *   4..    the running user thread's memory domain (its PMP image)
 *
 * Entries 0-3 keep the same pmpcfg bytes for every thread, so a switch
 * between two user threads of one domain writes two pmpaddr registers;
 * the domain's entries are rewritten only when the incoming thread's
 * domain (or its generation) differs from the one loaded. Kernel threads
 * never run in U-mode and M-mode ignores unlocked entries, so switching to
 * them writes nothing.
 *
 * Called with interrupts locked (switch path, domain changes).
 */
#include <vireo/kernel.h>
#include <vireo/arch/riscv/csr.h>
#include <string.h>
#include <pmp_encode.h>
#include "kernel_internal.h"

#define FIXED_ENTRIES 4
#define CFG_PER_REG (__riscv_xlen / 8)

/*
 * With CONFIG_PMP_ISR_STACK_GUARD the last two entries are taken too: a
 * locked NAPOT entry over the ISR stack's guard (locked entries bind
 * M-mode, and the ISR runs in M-mode), and after it the kernel threads'
 * catch-all, which must come after the guard to leave it in force.
 */
#ifdef CONFIG_PMP_ISR_STACK_GUARD
#define TAIL_ENTRIES 2
#define ISR_GUARD_ENTRY (CONFIG_PMP_SLOTS - 2)
#define CATCH_ALL_ENTRY (CONFIG_PMP_SLOTS - 1)
#else
#define TAIL_ENTRIES 0
#define CATCH_ALL_ENTRY FIXED_ENTRIES
#endif /* CONFIG_PMP_ISR_STACK_GUARD */
#define DOMAIN_ENTRIES K_MEM_DOMAIN_PMP_ENTRIES
BUILD_ASSERT(DOMAIN_ENTRIES == CONFIG_PMP_SLOTS - FIXED_ENTRIES - TAIL_ENTRIES,
	     "mem_domain.h and pmp.c disagree on the layout");

extern char __text_start[], __rodata_end[];
#if CONFIG_RISCV_CODE_ALIAS_OFFSET != 0
extern char __text_end[], __rodata_start[], __pmp_text_napot[], __pmp_rodata_napot[];
#define GLOBAL_ADDR0 ((unsigned long)__pmp_text_napot)
#define GLOBAL_ADDR1 ((unsigned long)__pmp_rodata_napot)
#define GLOBAL_CFG0 (PMP_A_NAPOT | PMP_X)
#define GLOBAL_CFG1 (PMP_A_NAPOT | PMP_R)
#else
#define GLOBAL_ADDR0 ((unsigned long)__text_start >> 2)
#define GLOBAL_ADDR1 ((unsigned long)__rodata_end >> 2)
#define GLOBAL_CFG0 0
#define GLOBAL_CFG1 (PMP_A_TOR | PMP_R | PMP_X)
#endif /* CONFIG_RISCV_CODE_ALIAS_OFFSET != 0 */
extern char z_interrupt_stack[];

/* The domain image now in the PMP, to skip identical reloads. */
static const struct k_mem_domain *loaded_domain;
static uint32_t loaded_generation;
/* Entries 3 and 4 hold a kernel thread's guard layout (PMP_STACK_GUARD). */
static bool kernel_layout;

/* The fixed entries' cfg bytes: OFF, text TOR r-x, OFF, stack TOR rw-. */
static const uint8_t fixed_cfg[FIXED_ENTRIES] = {
	GLOBAL_CFG0, GLOBAL_CFG1, 0, PMP_A_TOR | PMP_R | PMP_W,
};

#define WRITE_DOMAIN_ADDR(n)                                              \
	do {                                                              \
		if ((n) < CONFIG_PMP_SLOTS) {                             \
			csr_write(pmpaddr##n, a->pmpaddr[(n) - FIXED_ENTRIES]); \
		}                                                         \
	} while (0)

/*
 * The domain part of the PMP, straight from the precomputed registers:
 * every domain entry is written, so nothing of the previous domain stays.
 * Only even pmpcfg registers exist on RV64, each holding 8 entries.
 */
static void write_domain(const struct arch_mem_domain *a)
{
	WRITE_DOMAIN_ADDR(4); WRITE_DOMAIN_ADDR(5); WRITE_DOMAIN_ADDR(6);
	WRITE_DOMAIN_ADDR(7); WRITE_DOMAIN_ADDR(8); WRITE_DOMAIN_ADDR(9);
	WRITE_DOMAIN_ADDR(10); WRITE_DOMAIN_ADDR(11); WRITE_DOMAIN_ADDR(12);
	WRITE_DOMAIN_ADDR(13); WRITE_DOMAIN_ADDR(14); WRITE_DOMAIN_ADDR(15);
#if __riscv_xlen == 32
	csr_write(pmpcfg1, a->pmpcfg[1]);
	if (CONFIG_PMP_SLOTS > 8) {
		csr_write(pmpcfg2, a->pmpcfg[2]);
	}
	if (CONFIG_PMP_SLOTS > 12) {
		csr_write(pmpcfg3, a->pmpcfg[3]);
	}
#else
	csr_write(pmpcfg0, a->pmpcfg[0]);
	if (CONFIG_PMP_SLOTS > 8) {
		csr_write(pmpcfg2, a->pmpcfg[2]);
	}
#endif /* __riscv_xlen == 32 */
}

/* Entries after the domain's: the same in every layout but for the cfg. */
static void tail_entries(struct arch_mem_domain *a, uint8_t *cfg, bool kernel)
{
#ifdef CONFIG_PMP_ISR_STACK_GUARD
	/* NAPOT over the guard: base >> 2 with (size / 8 - 1) in the low bits. */
	a->pmpaddr[ISR_GUARD_ENTRY - FIXED_ENTRIES] =
		((unsigned long)z_interrupt_stack >> 2) | (CONFIG_PMP_STACK_GUARD_SIZE / 8 - 1);
	cfg[ISR_GUARD_ENTRY] = PMP_L | PMP_A_NAPOT;
#endif /* CONFIG_PMP_ISR_STACK_GUARD */
	if (kernel) {
		a->pmpaddr[CATCH_ALL_ENTRY - FIXED_ENTRIES] = ~0UL;
		cfg[CATCH_ALL_ENTRY] = PMP_A_NAPOT | PMP_R | PMP_W | PMP_X;
	} else if (TAIL_ENTRIES != 0) {
		/* Unused in a user layout, but its address stays the same. */
		a->pmpaddr[CATCH_ALL_ENTRY - FIXED_ENTRIES] = ~0UL;
	}
}

/*
 * Turn an encoded image into the register values write_domain() needs; a
 * kernel layout has no partitions, its catch-all instead.
 */
static void precompute(struct arch_mem_domain *a, bool kernel)
{
	uint8_t cfg[CONFIG_PMP_SLOTS] = { 0 };

	memcpy(cfg, fixed_cfg, sizeof(fixed_cfg));
	memset(a->pmpaddr, 0, sizeof(a->pmpaddr));
	for (unsigned int i = 0; i < a->image.count; i++) {
		a->pmpaddr[i] = a->image.addr[i];
		cfg[FIXED_ENTRIES + i] = a->image.cfg[i];
	}
	if (kernel) {
		/* Entry 3: the kernel thread's guard, no access. */
		cfg[3] = PMP_A_TOR;
	}
	tail_entries(a, cfg, kernel);
	memset(a->pmpcfg, 0, sizeof(a->pmpcfg));
	/* Little-endian bytes: entry n is byte n % CFG_PER_REG of its register. */
	for (unsigned int n = 0; n < CONFIG_PMP_SLOTS; n++) {
		unsigned int reg = (n / CFG_PER_REG) * (CFG_PER_REG / 4);

		a->pmpcfg[reg] |= (unsigned long)cfg[n] << (8 * (n % CFG_PER_REG));
	}
}

/* The registers of the kernel threads' layout (PMP_STACK_GUARD). */
static struct arch_mem_domain kernel_regs;

void z_riscv_pmp_init(void)
{
	static struct arch_mem_domain empty;

	BUILD_ASSERT(CONFIG_PMP_SLOTS <= 16, "the PMP code writes at most 16 entries");
	csr_write(pmpaddr0, GLOBAL_ADDR0);
	csr_write(pmpaddr1, GLOBAL_ADDR1);
	csr_write(pmpaddr2, 0);
	csr_write(pmpaddr3, 0);
	precompute(&kernel_regs, true);
	/* Addresses first: writing the cfg locks the ISR guard entry. */
	precompute(&empty, false);
	/*
	 * pmpcfg0: the fixed entries (on RV64 entries 4-7 too). Not constant:
	 * each switch rewrites it, entry 3 being a user stack or a guard.
	 */
	csr_write(pmpcfg0, empty.pmpcfg[0]);
	write_domain(&empty);
}

void z_riscv_pmp_stack_set(struct k_thread *t, uintptr_t start, uintptr_t end)
{
	t->arch.stack_pmpaddr[0] = start >> 2;
	t->arch.stack_pmpaddr[1] = end >> 2;
}

void arch_mem_domain_thread_reload(const struct k_thread *t)
{
	const struct k_mem_domain *d = t->mem_domain;

	csr_write(pmpaddr2, t->arch.stack_pmpaddr[0]);
	csr_write(pmpaddr3, t->arch.stack_pmpaddr[1]);
	/*
	 * Always rewritten, even unchanged: QEMU (7.2) drops its cached
	 * translations on pmpcfg writes only, so without this a new stack
	 * range could be ignored. It also turns entry 3 back into a stack
	 * after a kernel thread's guard.
	 */
	csr_write(pmpcfg0, d->arch.pmpcfg[0]);
	if (kernel_layout) {
		kernel_layout = false;
		loaded_domain = NULL;
	}
	if (d != loaded_domain || d->arch.generation != loaded_generation) {
		write_domain(&d->arch);
		loaded_domain = d;
		loaded_generation = d->arch.generation;
	}
}

#ifdef CONFIG_PMP_STACK_GUARD
/*
 * A kernel thread runs with mstatus.MPRV set, so its loads and stores are
 * checked as U-mode: entries 2-3 are its stack guard (TOR, no access) and
 * the catch-all entry grants everything else (NAPOT over the whole
 * address space); text stays read-only (entry 1), which also catches
 * wild writes to code.
 */
void z_riscv_pmp_kernel_thread_load(const struct k_thread *t)
{
	csr_write(pmpaddr2, t->arch.stack_pmpaddr[0]);
	csr_write(pmpaddr3, t->arch.stack_pmpaddr[1]);
	if (!kernel_layout) {
		write_domain(&kernel_regs);
		kernel_layout = true;
		loaded_domain = NULL;
	}
	/* Last, and every time: see arch_mem_domain_thread_reload(). */
	csr_write(pmpcfg0, kernel_regs.pmpcfg[0]);
}
#endif /* CONFIG_PMP_STACK_GUARD */

/* Domain images are rebuilt from the partitions on every change. */
int arch_mem_domain_build(struct k_mem_domain *domain)
{
	struct pmp_region regions[CONFIG_MAX_DOMAIN_PARTITIONS];
	struct pmp_image img = { .count = 0 };
	size_t n = 0;
	int rc;

	for (unsigned int i = 0; i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		const struct k_mem_partition *p = &domain->partitions[i];

		if (p->size != 0) {
			regions[n++] = (struct pmp_region){ p->start, p->size, p->attr.pmp_attr };
		}
	}
	rc = pmp_encode(&img, regions, n, DOMAIN_ENTRIES);
	if (rc != 0) {
		return rc;
	}
	domain->arch.image = img;
	precompute(&domain->arch, false);
	domain->arch.generation++;
	return 0;
}

/* Checks a user buffer against the calling thread's own PMP image. */
int arch_buffer_validate(const void *addr, size_t size, int write)
{
	const struct k_thread *t = _current;
	struct pmp_image img = { .count = FIXED_ENTRIES };
	uint8_t perm = write ? (PMP_R | PMP_W) : PMP_R;

	/* The entries a user thread runs with: the fixed ones, then its domain's. */
	memcpy(img.cfg, fixed_cfg, sizeof(fixed_cfg));
	img.addr[0] = GLOBAL_ADDR0;
	img.addr[1] = GLOBAL_ADDR1;
	img.addr[2] = t->arch.stack_pmpaddr[0];
	img.addr[3] = t->arch.stack_pmpaddr[1];
	if (t->mem_domain != NULL) {
		const struct pmp_image *d = &t->mem_domain->arch.image;

		for (unsigned int i = 0; i < d->count; i++) {
			img.addr[FIXED_ENTRIES + i] = d->addr[i];
			img.cfg[FIXED_ENTRIES + i] = d->cfg[i];
		}
		img.count = (uint8_t)(FIXED_ENTRIES + d->count);
	}
	return pmp_image_allows(&img, (unsigned long)addr, size, perm) ? 0 : -EPERM;
}

#define ADDR_DIGITS ((int)sizeof(unsigned long) * 2)

static const char *rights(uint8_t perm, char *buf)
{
	buf[0] = (perm & PMP_R) ? 'r' : '-';
	buf[1] = (perm & PMP_W) ? 'w' : '-';
	buf[2] = (perm & PMP_X) ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

/* Print one region of the thread; count it in *hits if it holds addr. */
static void print_region(const char *what, unsigned long lo, unsigned long hi, uint8_t perm,
			 unsigned long addr, int *hits)
{
	char buf[4];
	bool inside = addr >= lo && addr < hi;

	printk("    %-9s 0x%08lx..0x%08lx %s%s\n", what, lo, hi, rights(perm, buf),
	       inside ? "   <- the address is here" : "");
	*hits += inside;
}

/*
 * For a user thread's access fault: which rule stopped it. Lists the
 * regions the PMP grants this thread and says whether the address is in
 * none of them or in one without the needed right. Called from the fault
 * report, interrupts locked.
 */
void z_riscv_pmp_explain(const struct k_thread *t, unsigned long addr, char access)
{
	const struct k_mem_domain *d = t->mem_domain;
	int hits = 0;

	printk("  PMP: this thread may access:\n");
#if CONFIG_RISCV_CODE_ALIAS_OFFSET != 0
	print_region("text", (unsigned long)__text_start, (unsigned long)__text_end, PMP_X,
		     addr, &hits);
	print_region("rodata", (unsigned long)__rodata_start, (unsigned long)__rodata_end, PMP_R,
		     addr, &hits);
#else
	print_region("text+ro", (unsigned long)__text_start, (unsigned long)__rodata_end,
		     PMP_R | PMP_X, addr, &hits);
#endif /* CONFIG_RISCV_CODE_ALIAS_OFFSET != 0 */
	print_region("stack", t->arch.stack_pmpaddr[0] << 2, t->arch.stack_pmpaddr[1] << 2,
		     PMP_R | PMP_W, addr, &hits);
	for (unsigned int i = 0; d != NULL && i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		const struct k_mem_partition *p = &d->partitions[i];

		if (p->size != 0) {
			print_region("partition", p->start, p->start + p->size, p->attr.pmp_attr,
				     addr, &hits);
		}
	}
	/* The address as wide as mtval above it, so the two read alike. */
	if (hits == 0) {
		printk("  PMP: refused: 0x%0*lx is in none of these regions\n", ADDR_DIGITS, addr);
	} else {
		printk("  PMP: refused: the region holding 0x%0*lx does not allow '%c'\n",
		       ADDR_DIGITS, addr, access);
	}
}
