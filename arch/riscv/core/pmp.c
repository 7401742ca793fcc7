/*
 * The only code that writes the PMP (DESIGN.md §3). Entry layout:
 *
 *   0, 1   global: kernel text and rodata, R+X for U-mode (OFF + TOR)
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
#include <pmp_encode.h>
#include "kernel_internal.h"

#define FIXED_ENTRIES 4
#define CFG_PER_REG (__riscv_xlen / 8)

extern char __text_start[], __rodata_end[];

/* The domain image now in the PMP, to skip identical reloads. */
static const struct k_mem_domain *loaded_domain;
static uint32_t loaded_generation;

#define WRITE_ADDR(n)                                                   \
	do {                                                            \
		if ((n) < CONFIG_PMP_SLOTS) {                           \
			csr_write(pmpaddr##n, addr[(n)]);               \
		}                                                       \
	} while (0)

static void write_addrs(const unsigned long *addr)
{
	WRITE_ADDR(0); WRITE_ADDR(1); WRITE_ADDR(2); WRITE_ADDR(3);
	WRITE_ADDR(4); WRITE_ADDR(5); WRITE_ADDR(6); WRITE_ADDR(7);
	WRITE_ADDR(8); WRITE_ADDR(9); WRITE_ADDR(10); WRITE_ADDR(11);
	WRITE_ADDR(12); WRITE_ADDR(13); WRITE_ADDR(14); WRITE_ADDR(15);
}

/* Pack 'CFG_PER_REG' cfg bytes, little-endian, into one pmpcfg value. */
static unsigned long pack_cfg(const uint8_t *cfg, unsigned int first)
{
	unsigned long v = 0;

	for (unsigned int i = 0; i < CFG_PER_REG && first + i < CONFIG_PMP_SLOTS; i++) {
		v |= (unsigned long)cfg[first + i] << (8 * i);
	}
	return v;
}

/* Only even pmpcfg registers exist on RV64, each holding 8 entries. */
static void write_cfgs(const uint8_t *cfg)
{
	csr_write(pmpcfg0, pack_cfg(cfg, 0));
#if __riscv_xlen == 32
	if (CONFIG_PMP_SLOTS > 4) {
		csr_write(pmpcfg1, pack_cfg(cfg, 4));
	}
	if (CONFIG_PMP_SLOTS > 8) {
		csr_write(pmpcfg2, pack_cfg(cfg, 8));
	}
	if (CONFIG_PMP_SLOTS > 12) {
		csr_write(pmpcfg3, pack_cfg(cfg, 12));
	}
#else
	if (CONFIG_PMP_SLOTS > 8) {
		csr_write(pmpcfg2, pack_cfg(cfg, 8));
	}
#endif /* __riscv_xlen == 32 */
}

/* The whole table: fixed entries, the thread's stack, a domain image. */
static void load_all(const struct k_thread *t, const struct k_mem_domain *d)
{
	unsigned long addr[16] = { 0 };
	uint8_t cfg[16] = { 0 };

	addr[0] = (unsigned long)__text_start >> 2;
	addr[1] = (unsigned long)__rodata_end >> 2;
	cfg[1] = PMP_A_TOR | PMP_R | PMP_X;
	cfg[3] = PMP_A_TOR | PMP_R | PMP_W;
	if (t != NULL) {
		addr[2] = t->arch.stack_pmpaddr[0];
		addr[3] = t->arch.stack_pmpaddr[1];
	}
	if (d != NULL) {
		for (unsigned int i = 0; i < d->arch.image.count; i++) {
			addr[FIXED_ENTRIES + i] = d->arch.image.addr[i];
			cfg[FIXED_ENTRIES + i] = d->arch.image.cfg[i];
		}
	}
	write_addrs(addr);
	write_cfgs(cfg);
	loaded_domain = d;
	loaded_generation = d != NULL ? d->arch.generation : 0;
}

void z_riscv_pmp_init(void)
{
	BUILD_ASSERT(CONFIG_PMP_SLOTS <= 16, "the PMP code writes at most 16 entries");
	load_all(NULL, NULL);
}

void z_riscv_pmp_stack_set(struct k_thread *t, uintptr_t start, uintptr_t end)
{
	t->arch.stack_pmpaddr[0] = start >> 2;
	t->arch.stack_pmpaddr[1] = end >> 2;
}

void arch_mem_domain_thread_reload(const struct k_thread *t)
{
	const struct k_mem_domain *d = t->mem_domain;

	if (d != loaded_domain || d->arch.generation != loaded_generation) {
		load_all(t, d);
		return;
	}
	csr_write(pmpaddr2, t->arch.stack_pmpaddr[0]);
	csr_write(pmpaddr3, t->arch.stack_pmpaddr[1]);
}

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
	rc = pmp_encode(&img, regions, n, CONFIG_PMP_SLOTS - FIXED_ENTRIES);
	if (rc != 0) {
		return rc;
	}
	domain->arch.image = img;
	domain->arch.generation++;
	return 0;
}

/* Checks a user buffer against the calling thread's own PMP image. */
int arch_buffer_validate(const void *addr, size_t size, int write)
{
	const struct k_thread *t = _current;
	struct pmp_image img = { .count = FIXED_ENTRIES };
	uint8_t perm = write ? (PMP_R | PMP_W) : PMP_R;

	img.addr[0] = (unsigned long)__text_start >> 2;
	img.addr[1] = (unsigned long)__rodata_end >> 2;
	img.cfg[1] = PMP_A_TOR | PMP_R | PMP_X;
	img.addr[2] = t->arch.stack_pmpaddr[0];
	img.addr[3] = t->arch.stack_pmpaddr[1];
	img.cfg[3] = PMP_A_TOR | PMP_R | PMP_W;
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
	print_region("text+ro", (unsigned long)__text_start, (unsigned long)__rodata_end,
		     PMP_R | PMP_X, addr, &hits);
	print_region("stack", t->arch.stack_pmpaddr[0] << 2, t->arch.stack_pmpaddr[1] << 2,
		     PMP_R | PMP_W, addr, &hits);
	for (unsigned int i = 0; d != NULL && i < CONFIG_MAX_DOMAIN_PARTITIONS; i++) {
		const struct k_mem_partition *p = &d->partitions[i];

		if (p->size != 0) {
			print_region("partition", p->start, p->start + p->size, p->attr.pmp_attr,
				     addr, &hits);
		}
	}
	if (hits == 0) {
		printk("  PMP: refused: 0x%08lx is in none of these regions\n", addr);
	} else {
		printk("  PMP: refused: the region holding 0x%08lx does not allow '%c'\n", addr,
		       access);
	}
}
