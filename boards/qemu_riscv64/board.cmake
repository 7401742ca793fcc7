# How to run qemu_riscv64: as qemu_riscv32 (see there for -icount), with
# the 64-bit emulator. -bios none: the kernel owns the hart in M-mode.
set(BOARD_QEMU qemu-system-riscv64)
set(BOARD_QEMU_ARGS -machine virt -bios none -m 16M -nographic
    -icount shift=0,align=off,sleep=off)
