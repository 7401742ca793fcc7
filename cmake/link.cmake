# Generated headers and scripts, then the image: vireo.elf, vireo.bin,
# vireo.map and the footprint summary printed after every link.

set(GEN_DIR ${CMAKE_BINARY_DIR}/include/generated)
include(${VIREO_BASE}/cmake/syscalls.cmake)

# offsets.h: structure offsets for assembly, taken from the compiler itself
# (never kept in step with the C structs by hand).
set(OFFSETS_SRC ${VIREO_BASE}/arch/riscv/core/offsets.c)
set(OFFSETS_H ${GEN_DIR}/offsets.h)
list(TRANSFORM VIREO_INCLUDE_DIRS PREPEND -I OUTPUT_VARIABLE inc_flags)
list(TRANSFORM VIREO_KERNEL_INCLUDE_DIRS PREPEND -I OUTPUT_VARIABLE kernel_inc_flags)
add_custom_command(
  OUTPUT ${OFFSETS_H}
  COMMAND ${CMAKE_C_COMPILER} ${VIREO_COMPILE_FLAGS} ${inc_flags} ${kernel_inc_flags} -S
          ${OFFSETS_SRC} -o ${CMAKE_BINARY_DIR}/offsets.s
  COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/gen_offsets.py
          ${CMAKE_BINARY_DIR}/offsets.s ${OFFSETS_H}
  DEPENDS ${OFFSETS_SRC} ${AUTOCONF_H} ${VIREO_BASE}/scripts/gen_offsets.py
          ${VIREO_BASE}/include/vireo/arch/riscv/exception.h
          ${VIREO_BASE}/include/vireo/arch/riscv/thread.h
          ${VIREO_BASE}/kernel/include/kernel_internal.h
  IMPLICIT_DEPENDS C ${OFFSETS_SRC}
  COMMENT "Generating offsets.h")
add_custom_target(offsets_h DEPENDS ${OFFSETS_H})
add_dependencies(offsets_h syscalls_gen)
add_dependencies(vireo offsets_h)
add_dependencies(app offsets_h)

# Linker script: a C-preprocessed template fed with the board's memory map
# from Kconfig. -undef keeps words like 'riscv' from being macro-expanded.
set(LINKER_SRC ${VIREO_BASE}/arch/riscv/linker.ld.in)
set(LINKER_LD ${CMAKE_BINARY_DIR}/linker.ld)
add_custom_command(
  OUTPUT ${LINKER_LD}
  COMMAND ${CMAKE_C_COMPILER} -E -P -undef -x c -include ${AUTOCONF_H}
          ${inc_flags} ${LINKER_SRC} -o ${LINKER_LD}
  DEPENDS ${LINKER_SRC} ${AUTOCONF_H}
  COMMENT "Generating linker.ld")
add_custom_target(linker_ld DEPENDS ${LINKER_LD})

add_executable(vireo.elf)
target_link_libraries(vireo.elf PRIVATE vireo app)
add_dependencies(vireo.elf linker_ld)
set_target_properties(vireo.elf PROPERTIES LINK_DEPENDS ${LINKER_LD})
target_link_options(vireo.elf PRIVATE
  -march=${VIREO_LINK_MARCH} -mabi=${VIREO_MABI} --specs=picolibc.specs
  -nostartfiles -T ${LINKER_LD} -Wl,-Map=${CMAKE_BINARY_DIR}/vireo.map
  -Wl,--gc-sections -Wl,--no-warn-rwx-segments)

math(EXPR ram_bytes "${CONFIG_SRAM_SIZE} * 1024")
set(FOOTPRINT_ARGS --elf ${CMAKE_BINARY_DIR}/vireo.elf --map ${CMAKE_BINARY_DIR}/vireo.map
    --ram-base ${CONFIG_SRAM_BASE_ADDRESS} --ram-size ${ram_bytes})
if(CONFIG_XIP)
  math(EXPR rom_bytes "${CONFIG_FLASH_SIZE} * 1024")
  list(APPEND FOOTPRINT_ARGS --rom-base ${CONFIG_FLASH_BASE_ADDRESS} --rom-size ${rom_bytes})
endif()

add_custom_command(TARGET vireo.elf POST_BUILD
  COMMAND ${CMAKE_OBJCOPY} -O binary vireo.elf vireo.bin
  COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/footprint.py ${FOOTPRINT_ARGS} --summary
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  BYPRODUCTS ${CMAKE_BINARY_DIR}/vireo.bin ${CMAKE_BINARY_DIR}/vireo.map)

# Harts without some standard parts: the ELF must not use them (no AMO or
# LR/SC without the A extension; no xie/xip, counter CSRs where absent).
set(isa_check_args)
if(NOT CONFIG_RISCV_ISA_EXT_A)
  list(APPEND isa_check_args --no-atomics)
endif()
set(absent_csrs)
if(NOT CONFIG_RISCV_HAS_XIE)
  list(APPEND absent_csrs mie mip)
endif()
if(NOT CONFIG_RISCV_HAS_COUNTERS)
  list(APPEND absent_csrs cycle cycleh time timeh instret instreth mcounteren scounteren)
endif()
if(absent_csrs)
  string(REPLACE ";" "," absent_csrs "${absent_csrs}")
  list(APPEND isa_check_args --absent-csr ${absent_csrs})
endif()
if(isa_check_args)
  add_custom_command(TARGET vireo.elf POST_BUILD
    COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/check_isa.py --elf vireo.elf
            --objdump ${CROSS_COMPILE}objdump ${isa_check_args}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
endif()

# ESP32-C3: the image the ROM bootloader loads from flash offset 0.
if(CONFIG_ESP32_IMAGE)
  add_custom_command(TARGET vireo.elf POST_BUILD
    COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/esp32_image.py elf2image vireo.elf
            vireo.esp32c3.bin
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    BYPRODUCTS ${CMAKE_BINARY_DIR}/vireo.esp32c3.bin)
endif()
