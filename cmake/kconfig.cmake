# Configure step: merge the Kconfig fragments (DESIGN.md §1 order) with
# scripts/kconfig/kconfig.py, then load the result as CMake variables.
# Runs before project() so that the toolchain and arch flags can use CONFIG_*.
#
# Inputs: VIREO_BASE, BOARD, BOARD_DIR, APP_DIR, EXTRA_CONF_FILE and any
# -DCONFIG_*=value given on the cmake command line.
# Outputs: ${CMAKE_BINARY_DIR}/.config, include/generated/autoconf.h, and every
# CONFIG_* as a CMake variable.

set(KCONFIG_ROOT ${VIREO_BASE}/Kconfig)
set(DOTCONFIG ${CMAKE_BINARY_DIR}/.config)
set(AUTOCONF_H ${CMAKE_BINARY_DIR}/include/generated/autoconf.h)
set(KCONFIG_CMAKE_OUT ${CMAKE_BINARY_DIR}/kconfig/config.cmake)
set(KCONFIG_INPUTS_OUT ${CMAKE_BINARY_DIR}/kconfig/inputs.txt)

set(conf_fragments ${VIREO_BASE}/.config.defaults ${BOARD_DIR}/${BOARD}_defconfig)
if(EXISTS ${APP_DIR}/prj.conf)
  list(APPEND conf_fragments ${APP_DIR}/prj.conf)
endif()
# The app's settings for one board (Zephyr's boards/<board>.conf), e.g. a
# sample that uses user mode where the board has it and not elsewhere.
if(EXISTS ${APP_DIR}/boards/${BOARD}.conf)
  list(APPEND conf_fragments ${APP_DIR}/boards/${BOARD}.conf)
endif()
foreach(f ${EXTRA_CONF_FILE})
  get_filename_component(f_abs ${f} ABSOLUTE BASE_DIR ${APP_DIR})
  if(NOT EXISTS ${f_abs})
    message(FATAL_ERROR "EXTRA_CONF_FILE: ${f} does not exist (looked for ${f_abs})")
  endif()
  list(APPEND conf_fragments ${f_abs})
endforeach()

set(kconfig_args)
foreach(f ${conf_fragments})
  list(APPEND kconfig_args --fragment ${f})
endforeach()
# -DCONFIG_X=v lands in the cache; it overrides every fragment, and stays
# there for later runs (where it is part of the inputs hash, so a menuconfig
# edit of X is kept until the -D value changes). $CACHE{}: config.cmake sets
# a normal variable of the same name.
get_cmake_property(cache_vars CACHE_VARIABLES)
list(SORT cache_vars)
foreach(v ${cache_vars})
  if(v MATCHES "^CONFIG_")
    list(APPEND kconfig_args --set "${v}=$CACHE{${v}}")
  endif()
endforeach()

set(VIREO_KCONFIG_ENV srctree=${VIREO_BASE} BOARD=${BOARD} BOARD_DIR=${BOARD_DIR}
    ARCH=riscv KCONFIG_CONFIG=${DOTCONFIG})

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${VIREO_KCONFIG_ENV}
          ${VIREO_PYTHON} ${VIREO_BASE}/scripts/kconfig/kconfig.py
          --kconfig ${KCONFIG_ROOT} --config-out ${DOTCONFIG}
          --header-out ${AUTOCONF_H} --cmake-out ${KCONFIG_CMAKE_OUT}
          --inputs-out ${KCONFIG_INPUTS_OUT} ${kconfig_args}
  WORKING_DIRECTORY ${VIREO_BASE}
  RESULT_VARIABLE kconfig_result)
if(NOT kconfig_result EQUAL 0)
  message(FATAL_ERROR "Kconfig: configuration refused (errors above)")
endif()

# Sets every CONFIG_* symbol, n ones to "": the normal variable hides a
# -DCONFIG_X=y left in the cache once .config turns X off.
include(${KCONFIG_CMAKE_OUT})

# Editing any Kconfig file, fragment or the .config itself (menuconfig)
# re-runs this step on the next ninja. So does deleting autoconf.h: CMake
# gives each configure dependency a phony rule in build.ninja, and ninja
# takes a missing phony target as out of date, so it re-runs cmake (and
# kconfig.py writes the header again) instead of failing with "missing and
# no known rule to make it".
file(STRINGS ${KCONFIG_INPUTS_OUT} kconfig_inputs)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${kconfig_inputs} ${DOTCONFIG} ${AUTOCONF_H})
