/*
 * RISC-V semihosting call (RISC-V Semihosting spec, after ARM's):
 * z_semihost_call(op, arg) with op in a0, arg in a1, the host's result in
 * a0. Needs a debugger or an emulator that serves semihosting (QEMU with
 * -semihosting-config enable=on); without one the ebreak is an ordinary
 * breakpoint exception.
 *
 * The host recognizes the call by the exact sequence slli/ebreak/srai
 * around the ebreak, so the three stay uncompressed (norvc), and within
 * one page: aligned on 16 bytes, the 12 bytes cannot cross a page.
 * Registers: a0, a1 in, a0 out; nothing else is touched.
 */
	.section .text.z_semihost_call, "ax"
	.globl z_semihost_call
	.balign 16
	.option push
	.option norvc
	.option norelax
z_semihost_call:
	slli	zero, zero, 0x1f
	ebreak
	srai	zero, zero, 7
	ret
	.option pop
