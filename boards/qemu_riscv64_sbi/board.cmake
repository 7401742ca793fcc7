# How to run qemu_riscv64_sbi: QEMU's default firmware (OpenSBI's
# fw_dynamic, shipped with QEMU) runs first in M-mode, then enters the
# kernel in S-mode at the ELF's entry, 0x80200000, with the hart id in a0.
# -icount as on qemu_riscv32; the firmware's own instructions count too.
set(BOARD_QEMU qemu-system-riscv64)
set(BOARD_QEMU_ARGS -machine virt -m 16M -nographic
    -icount shift=0,align=off,sleep=off)
