# Architecture flags from Kconfig, and the interface target that carries
# every compile option of kernel and application code.
#
# GCC 12 needs zicsr/zifencei named in -march to assemble CSR and fence.i
# instructions, but its multilib matching does not know z-extensions: a link
# with them would pick the wrong picolibc. So compile with VIREO_MARCH and
# link with VIREO_LINK_MARCH.

if(CONFIG_RISCV_ISA_RV64I)
  set(xlen 64)
  set(VIREO_MABI lp64)
  set(code_model -mcmodel=medany)
else()
  set(xlen 32)
  set(VIREO_MABI ilp32)
  set(code_model -mcmodel=medlow)
endif()
set(VIREO_LINK_MARCH rv${xlen}i)
foreach(ext M A C)
  if(CONFIG_RISCV_ISA_EXT_${ext})
    string(TOLOWER ${ext} e)
    string(APPEND VIREO_LINK_MARCH ${e})
  endif()
endforeach()
set(VIREO_MARCH ${VIREO_LINK_MARCH}_zicsr_zifencei)

set(VIREO_COMPILE_FLAGS
  -march=${VIREO_MARCH} -mabi=${VIREO_MABI} ${code_model}
  --specs=picolibc.specs -Os -g -std=gnu11
  -ffunction-sections -fdata-sections -fno-common -fno-strict-aliasing
  -Wall -Wextra -Werror
  -include ${AUTOCONF_H})
set(VIREO_INCLUDE_DIRS ${VIREO_BASE}/include ${VIREO_BASE}/arch/riscv/include
    ${CMAKE_BINARY_DIR}/include/generated)
# Kernel-private headers: for kernel/ and arch/ only, never for applications.
set(VIREO_KERNEL_INCLUDE_DIRS ${VIREO_BASE}/kernel/include)

add_library(vireo_interface INTERFACE)
target_compile_options(vireo_interface INTERFACE ${VIREO_COMPILE_FLAGS})
target_include_directories(vireo_interface INTERFACE ${VIREO_INCLUDE_DIRS})
target_compile_definitions(vireo_interface INTERFACE
  VIREO_VERSION_STRING="${VIREO_VERSION}" VIREO_ISA_STRING="${VIREO_LINK_MARCH}"
  __VIREO__)
