/*
 * Entering U-mode and leaving it through ecall.
 *
 * A thread drops to U-mode once, for good (arch_user_mode_enter): it gets
 * a privileged stack from a fixed pool (kernel memory no PMP entry
 * exposes), its own TLS block at the top of its user stack (errno and the
 * user-context flag live there, so U-mode code reads them through tp), and
 * the PMP entries of its stack. Its user stack is wiped, then it leaves
 * through the trap exit with a frame whose saved status says U-mode.
 *
 * State: the pool bitmap is changed with interrupts locked.
 */
#include <string.h>
#include <vireo/kernel.h>
#include <vireo/app_memory/mem_domain.h>
#include <vireo/internal/syscall_handler.h>
#include "kernel_internal.h"

/* 0 in the kernel's TLS block, 1 in every user thread's copy. */
__thread uint8_t z_riscv_is_user_mode;

extern char __tls_base[], __tdata_size[], __tls_size[];

static char priv_stacks[CONFIG_MAX_USER_THREADS][CONFIG_PRIVILEGED_STACK_SIZE]
	__aligned(16) __noinit;
static uint32_t priv_used[(CONFIG_MAX_USER_THREADS + 31) / 32];

void z_riscv_call_on_stack(void *top, void (*fn)(void *), void *arg);
FUNC_NORETURN void z_riscv_user_return(struct arch_esf *frame);
void z_riscv_pmp_stack_set(struct k_thread *t, uintptr_t start, uintptr_t end);

static char *priv_stack_alloc(void)
{
	for (unsigned int i = 0; i < CONFIG_MAX_USER_THREADS; i++) {
		if ((priv_used[i / 32] & BIT(i % 32)) == 0) {
			priv_used[i / 32] |= BIT(i % 32);
			return priv_stacks[i] + CONFIG_PRIVILEGED_STACK_SIZE;
		}
	}
	return NULL;
}

void arch_thread_user_release(struct k_thread *t)
{
	uintptr_t top = t->arch.priv_stack_top;

	if (top != 0) {
		unsigned int i = (unsigned int)((top - (uintptr_t)priv_stacks[0]) /
						CONFIG_PRIVILEGED_STACK_SIZE) - 1U;

		priv_used[i / 32] &= ~BIT(i % 32);
		t->arch.priv_stack_top = 0;
	}
}

struct user_entry {
	void (*entry)(void *, void *, void *);
	void *p1, *p2, *p3;
};

/* On the privileged stack now: the user stack can be wiped and left. */
static FUNC_NORETURN void finish_on_priv_stack(void *arg)
{
	struct user_entry e = *(struct user_entry *)arg;
	struct k_thread *t = _current;
	char *base = (char *)t->stack_info.start;
	char *tls = (char *)ROUND_DOWN(base + t->stack_info.size - (size_t)__tls_size, 16);
	struct arch_esf *frame = (struct arch_esf *)(t->arch.priv_stack_top -
						     ROUND_UP(sizeof(*frame), 16));

	/* Nothing the thread left in kernel mode may be read from U-mode. */
	memset(base, 0, (size_t)(tls - base));
	memcpy(tls, __tls_base, (size_t)__tdata_size);
	memset(tls + (size_t)__tdata_size, 0, (size_t)__tls_size - (size_t)__tdata_size);
	tls[(char *)&z_riscv_is_user_mode - __tls_base] = 1;

	memset(frame, 0, sizeof(*frame));
	frame->epc = (unsigned long)z_thread_entry;
	/* MPP = U (0) and MPIE: U-mode runs with interrupts enabled. */
	frame->status = (csr_read(CSR_XSTATUS) & ~MSTATUS_MPP_MASK) | XSTATUS_PIE;
	frame->a0 = (unsigned long)e.entry;
	frame->a1 = (unsigned long)e.p1;
	frame->a2 = (unsigned long)e.p2;
	frame->a3 = (unsigned long)e.p3;
	frame->sp = (unsigned long)tls;
	frame->tp = (unsigned long)tls;
	__asm__ volatile("mv %0, gp" : "=r"(frame->gp));

	arch_mem_domain_thread_reload(t);
	z_riscv_user_return(frame);
}

FUNC_NORETURN void arch_user_mode_enter(void (*entry)(void *, void *, void *),
					void *p1, void *p2, void *p3)
{
	struct k_thread *t = _current;
	struct user_entry e = { entry, p1, p2, p3 };
	char *top;

	(void)arch_irq_lock();
	top = t->arch.priv_stack_top != 0 ? (char *)t->arch.priv_stack_top : priv_stack_alloc();
	if (top == NULL) {
		printk("user mode: no privileged stack left (CONFIG_MAX_USER_THREADS=%d)\n",
		       CONFIG_MAX_USER_THREADS);
		k_oops();
	}
	t->arch.priv_stack_top = (unsigned long)top;
	t->base.user_options |= K_USER;
	z_riscv_pmp_stack_set(t, t->stack_info.start, t->stack_info.start + t->stack_info.size);
	/* e is copied before the user stack it lives on is wiped. */
	/* The C code runs below the frame it builds at the top. */
	z_riscv_call_on_stack(top - ROUND_UP(sizeof(struct arch_esf), 16), finish_on_priv_stack, &e);
	CODE_UNREACHABLE;
}

extern const _k_syscall_handler_t _k_syscall_table[K_SYSCALL_LIMIT];

/*
 * ecall from U-mode (trap.S): a7 = id, a0..a5 = arguments, result in a0.
 * Runs on the caller's privileged stack with interrupts enabled, like the
 * thread it serves; the id is compared unsigned, so a negative one is
 * just as out of range as a large one.
 */
void z_riscv_syscall(struct arch_esf *esf)
{
	unsigned long id = esf->a7;

	/* Resume after the ecall (always 4 bytes: there is no c.ecall). */
	esf->epc += 4;
	if (id >= K_SYSCALL_LIMIT) {
		id = K_SYSCALL_BAD;
	}
	csr_set(CSR_XSTATUS, XSTATUS_IE);
	esf->a0 = _k_syscall_table[id](esf->a0, esf->a1, esf->a2, esf->a3, esf->a4, esf->a5,
				       esf);
	/* The exit path rewrites xepc/xstatus: no interrupt may come between. */
	csr_clear(CSR_XSTATUS, XSTATUS_IE);
}
