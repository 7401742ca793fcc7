# How to run qemu_riscv32. -icount shift=0 makes every instruction one
# nanosecond of virtual time, so mcycle counts instructions and timing is
# deterministic; sleep=off lets an idle hart skip ahead to its next timer.
set(BOARD_QEMU qemu-system-riscv32)
set(BOARD_QEMU_ARGS -machine virt -bios none -m 16M -nographic
    -icount shift=0,align=off,sleep=off)
