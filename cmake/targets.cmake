# Convenience targets: run, debugserver, menuconfig, savedefconfig,
# footprint. The QEMU command line is written to qemu.json so that the
# test runner and ./vireo use exactly what 'ninja run' uses.

set(QEMU_JSON ${CMAKE_BINARY_DIR}/qemu.json)
set(qemu_items)
foreach(a ${BOARD_QEMU} ${BOARD_QEMU_ARGS})
  list(APPEND qemu_items "\"${a}\"")
endforeach()
string(JOIN ", " qemu_list ${qemu_items})
file(CONFIGURE OUTPUT ${QEMU_JSON} CONTENT
  "{\"qemu\": [${qemu_list}], \"elf\": \"${CMAKE_BINARY_DIR}/vireo.elf\", \"board\": \"${BOARD}\"}\n")

set(QEMU_RUN ${VIREO_PYTHON} ${VIREO_BASE}/scripts/qemu_run.py --build-dir ${CMAKE_BINARY_DIR})
if(DEFINED BOARD_QEMU)
  add_custom_target(run COMMAND ${QEMU_RUN} DEPENDS vireo.elf USES_TERMINAL
    COMMENT "Running ${BOARD} in QEMU (Ctrl-A x quits)")
  add_custom_target(debugserver COMMAND ${QEMU_RUN} --gdb DEPENDS vireo.elf USES_TERMINAL
    COMMENT "QEMU waits for gdb on localhost:1234")
else()
  # Boards without an emulator (board.cmake sets no BOARD_QEMU): say so.
  foreach(t run debugserver)
    add_custom_target(${t}
      COMMAND ${CMAKE_COMMAND} -E echo "${t}: ${BOARD} has no emulator here; write it to the board with 'ninja flash'"
      COMMAND ${CMAKE_COMMAND} -E false
      DEPENDS vireo.elf VERBATIM)
  endforeach()
endif()

add_custom_target(menuconfig
  COMMAND ${CMAKE_COMMAND} -E env ${VIREO_KCONFIG_ENV} ${VIREO_PYTHON} -m menuconfig ${KCONFIG_ROOT}
  WORKING_DIRECTORY ${VIREO_BASE} USES_TERMINAL)
add_custom_target(savedefconfig
  COMMAND ${CMAKE_COMMAND} -E env ${VIREO_KCONFIG_ENV} ${VIREO_PYTHON}
          ${VIREO_BASE}/scripts/kconfig/kconfig.py --kconfig ${KCONFIG_ROOT}
          --config-out ${DOTCONFIG} --savedefconfig ${CMAKE_BINARY_DIR}/defconfig
  WORKING_DIRECTORY ${VIREO_BASE})
add_custom_target(footprint
  COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/footprint.py ${FOOTPRINT_ARGS} --modules
  DEPENDS vireo.elf)

# ninja flash: the board's flash tool (board.cmake: BOARD_FLASH_TOOL, a
# program name, and BOARD_FLASH_ARGS, its arguments). Without the tool on
# PATH it prints the command to run, so a build machine without the tool
# still tells the user exactly what to do.
if(DEFINED BOARD_FLASH_TOOL)
  find_program(VIREO_FLASH_PROGRAM ${BOARD_FLASH_TOOL})
  string(JOIN " " flash_line ${BOARD_FLASH_TOOL} ${BOARD_FLASH_ARGS})
  if(VIREO_FLASH_PROGRAM)
    add_custom_target(flash COMMAND ${VIREO_FLASH_PROGRAM} ${BOARD_FLASH_ARGS}
      DEPENDS vireo.elf USES_TERMINAL VERBATIM COMMENT "Flashing ${BOARD}: ${flash_line}")
  else()
    add_custom_target(flash
      COMMAND ${CMAKE_COMMAND} -E echo "flash: ${BOARD_FLASH_TOOL} is not on PATH; install it, then run:"
      COMMAND ${CMAKE_COMMAND} -E echo "  ${flash_line}"
      DEPENDS vireo.elf VERBATIM)
  endif()
else()
  add_custom_target(flash COMMAND ${CMAKE_COMMAND} -E echo
    "flash: ${BOARD} runs in QEMU only (ninja run); it has no flash tool" VERBATIM)
endif()
