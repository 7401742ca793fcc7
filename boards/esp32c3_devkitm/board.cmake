# ESP32-C3-DevKitM-1: no emulator; the build writes vireo.esp32c3.bin (the
# ROM bootloader's image format), flashed at offset 0 by esptool.
set(BOARD_FLASH_TOOL esptool.py)
set(BOARD_FLASH_ARGS --chip esp32c3 write_flash 0x0 ${CMAKE_BINARY_DIR}/vireo.esp32c3.bin)
