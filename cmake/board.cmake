# Resolve BOARD and APP into folders, with a clear error for either.
# Sets BOARD_DIR and APP_DIR.

set(BOARD qemu_riscv32 CACHE STRING "Board to build for (a folder of boards/)")
set(APP ${VIREO_BASE}/samples/shared_ringbuf CACHE STRING "Application folder")
set(EXTRA_CONF_FILE "" CACHE STRING "Extra Kconfig fragments, ';'-separated")

set(BOARD_DIR ${VIREO_BASE}/boards/${BOARD})
if(NOT EXISTS ${BOARD_DIR}/${BOARD}_defconfig)
  file(GLOB known RELATIVE ${VIREO_BASE}/boards ${VIREO_BASE}/boards/*/board.cmake)
  list(TRANSFORM known REPLACE "/board.cmake$" "")
  string(REPLACE ";" ", " known "${known}")
  message(FATAL_ERROR "unknown board '${BOARD}' (known boards: ${known})")
endif()

# A relative APP is taken from the shell's working directory first (that is
# what a user typing -DAPP=../myapp means), then from the Vireo tree. It is
# resolved once: the absolute folder goes back into the cache below, because
# the re-runs that ninja starts have another working directory.
if(IS_ABSOLUTE ${APP})
  set(APP_DIR ${APP})
elseif(EXISTS $ENV{PWD}/${APP})
  get_filename_component(APP_DIR $ENV{PWD}/${APP} ABSOLUTE)
else()
  get_filename_component(APP_DIR ${VIREO_BASE}/${APP} ABSOLUTE)
endif()
if(NOT IS_DIRECTORY ${APP_DIR})
  message(FATAL_ERROR "application folder '${APP}' not found (looked for ${APP_DIR})")
endif()
if(NOT EXISTS ${APP_DIR}/CMakeLists.txt AND NOT IS_DIRECTORY ${APP_DIR}/src)
  message(FATAL_ERROR "'${APP_DIR}' is not an application: it needs src/*.c "
          "or a CMakeLists.txt adding sources to target 'app'")
endif()
set(APP ${APP_DIR} CACHE STRING "Application folder" FORCE)

include(${BOARD_DIR}/board.cmake)
