/*
 * The atomic read-modify-write operations of <vireo/sys/atomic.h> for harts
 * without the A extension (built only when CONFIG_RISCV_ISA_EXT_A is off;
 * with it, the header's inline AMO/LR-SC versions are used instead).
 *
 * Each operation locks interrupts, does a plain load and store, and
 * restores the interrupt state it found, so it nests inside any caller's
 * lock and may be called from ISRs.
 *
 * Invariant: the system has one hart. Nothing but an interrupt can come
 * between the load and the store, so the interrupt lock makes the pair
 * atomic; a second hart would break this (it needs the A extension).
 *
 * The lock's CSR access is a compiler barrier ("memory" clobber), so the
 * load and store stay inside it; the out-of-line call is a barrier for the
 * caller, which makes every operation sequentially consistent on one hart.
 *
 * Arithmetic is done on unsigned long so that overflow wraps, as the
 * builtins do, instead of being undefined.
 */
#ifdef CONFIG_RISCV_ISA_EXT_A
#error "atomic_irqlock.c is only for harts without the A extension"
#endif /* CONFIG_RISCV_ISA_EXT_A */

#include <vireo/arch_interface.h>
#include <vireo/sys/atomic.h>

bool atomic_cas(atomic_t *target, atomic_val_t old_value, atomic_val_t new_value)
{
	unsigned int key = arch_irq_lock();
	bool stored = false;

	if (*target == old_value) {
		*target = new_value;
		stored = true;
	}
	arch_irq_unlock(key);
	return stored;
}

bool atomic_ptr_cas(atomic_ptr_t *target, atomic_ptr_val_t old_value,
		    atomic_ptr_val_t new_value)
{
	unsigned int key = arch_irq_lock();
	bool stored = false;

	if (*target == old_value) {
		*target = new_value;
		stored = true;
	}
	arch_irq_unlock(key);
	return stored;
}

/*
 * One read-modify-write with interrupts locked: 'old' is the value before,
 * NEW_VALUE an expression of old and value. Single hart, so that is atomic.
 */
#define RMW(type, name, NEW_VALUE)                               \
	type name(type##_ptr_or_t *target, type value)           \
	{                                                        \
		unsigned int key = arch_irq_lock();              \
		type old = *target;                              \
									 \
		*target = (NEW_VALUE);                           \
		arch_irq_unlock(key);                            \
		return old;                                      \
	}

/* The target types of the two value types. */
typedef atomic_t atomic_val_t_ptr_or_t;
typedef atomic_ptr_t atomic_ptr_val_t_ptr_or_t;

/* Arithmetic on unsigned long: wrapping is defined there, not on long. */
RMW(atomic_val_t, atomic_add, (atomic_val_t)((unsigned long)old + (unsigned long)value))
RMW(atomic_val_t, atomic_sub, (atomic_val_t)((unsigned long)old - (unsigned long)value))
RMW(atomic_val_t, atomic_set, value)
RMW(atomic_ptr_val_t, atomic_ptr_set, value)
RMW(atomic_val_t, atomic_or, old | value)
RMW(atomic_val_t, atomic_xor, old ^ value)
RMW(atomic_val_t, atomic_and, old & value)
RMW(atomic_val_t, atomic_nand, ~(old & value))

