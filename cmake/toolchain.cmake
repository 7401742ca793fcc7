# Cross toolchain: Debian's riscv64-unknown-elf GCC builds every RISC-V
# width; picolibc is the C library. Architecture flags are not set here but
# from Kconfig in cmake/arch.cmake, so that menuconfig can change them
# without re-detecting the compiler.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv)
set(CROSS_COMPILE riscv64-unknown-elf- CACHE STRING "Cross tool prefix")

find_program(VIREO_CROSS_GCC ${CROSS_COMPILE}gcc)
if(NOT VIREO_CROSS_GCC)
  message(FATAL_ERROR "${CROSS_COMPILE}gcc not found: install it with "
          "'apt-get install -y gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf' "
          "(or run ./vireo setup)")
endif()

set(CMAKE_C_COMPILER ${VIREO_CROSS_GCC})
set(CMAKE_ASM_COMPILER ${VIREO_CROSS_GCC})
set(CMAKE_OBJCOPY ${CROSS_COMPILE}objcopy CACHE FILEPATH "objcopy")
set(CMAKE_SIZE ${CROSS_COMPILE}size CACHE FILEPATH "size")
# Compiler checks would try to link a hosted program; a static library
# needs no start-up code or linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
