/*
 * Vector table for harts that take traps only in vectored mode
 * (CONFIG_RISCV_VECTORED_MTVEC, e.g. the ESP32-C3): an exception enters at
 * the table's base, interrupt n at base + 4 * n. Every slot jumps to the
 * one trap entry (trap.S), which reads xcause and tells the causes apart
 * itself, so nothing here saves or decides anything.
 *
 * Registers: none touched (a plain jump). The table is 256-byte aligned:
 * the ESP32-C3 ignores the low 8 bits of mtvec's base.
 */
#include <vireo/arch/riscv/csr.h>

	.section .text.z_riscv_vector_table, "ax"
	.globl z_riscv_vector_table
	.balign 256
	/* Slots are 4 bytes each: no compressed jumps. */
	.option push
	.option norvc
z_riscv_vector_table:
	.rept 32
	j	z_riscv_trap_entry
	.endr
	.option pop
