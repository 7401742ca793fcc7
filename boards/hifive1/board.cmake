# How to run hifive1: QEMU's sifive_e models the HiFive1 (FE310-G000); its
# boot ROM jumps to the flash image at 0x20400000. No power-off device:
# runs end through semihosting (drivers/power/semihosting.c). -icount as on
# qemu_riscv32: mcycle counts instructions, timing is deterministic.
set(BOARD_QEMU qemu-system-riscv32)
set(BOARD_QEMU_ARGS -machine sifive_e -nographic
    -semihosting-config enable=on,target=native
    -icount shift=0,align=off,sleep=off)
# On a real HiFive1 (Rev A: FTDI JTAG), `ninja flash` writes the image with
# OpenOCD's board file for it.
set(BOARD_FLASH_TOOL openocd)
set(BOARD_FLASH_ARGS -f board/sifive-hifive1.cfg
    -c "program ${CMAKE_BINARY_DIR}/vireo.elf verify reset exit")
