# How to flash hifive1_revb: OpenOCD through the board's J-Link, with
# OpenOCD's own board file (FE310-G002, SPI flash bank at 0x20000000);
# `program` erases, writes the ELF's flash segments, verifies, resets and
# exits. `ninja flash` runs it (or prints it when openocd is missing).
set(BOARD_FLASH_TOOL openocd)
set(BOARD_FLASH_ARGS -f board/sifive-hifive1-revb.cfg
    -c "program ${CMAKE_BINARY_DIR}/vireo.elf verify reset exit")
# QEMU's sifive_e with revb=on starts at 0x20010000 like the board; with
# no power-off here (sys_poweroff halts), quit QEMU with Ctrl-A x.
set(BOARD_QEMU qemu-system-riscv32)
set(BOARD_QEMU_ARGS -machine sifive_e,revb=on -nographic
    -icount shift=0,align=off,sleep=off)
