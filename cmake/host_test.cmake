# Host unit tests: portable Vireo sources built with the host compiler under
# AddressSanitizer and UndefinedBehaviorSanitizer, registered with CTest.
# Included by tests/CMakeLists.txt (the test project), never by the target build.

set(VIREO_HOST_SANITIZE -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)

# vireo_host_test(NAME <name> SOURCES <files...> [INCLUDES <dirs...>] [DEFINES <defs...>])
# Sources are relative to the calling folder or absolute (use ${VIREO_BASE}/...).
function(vireo_host_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;INCLUDES;DEFINES" ${ARGN})
  set(exe unit_${T_NAME})
  add_executable(${exe} ${T_SOURCES})
  target_include_directories(${exe} PRIVATE ${VIREO_BASE}/include
                             ${VIREO_BASE}/tests/unit/common ${T_INCLUDES})
  target_compile_definitions(${exe} PRIVATE VIREO_HOST_TEST ${T_DEFINES})
  target_compile_options(${exe} PRIVATE -std=gnu11 -g -O1 -Wall -Wextra -Werror
                         ${VIREO_HOST_SANITIZE})
  target_link_options(${exe} PRIVATE ${VIREO_HOST_SANITIZE})
  add_test(NAME unit.${T_NAME} COMMAND ${exe})
  set_tests_properties(unit.${T_NAME} PROPERTIES LABELS "unit;host" TIMEOUT 60)
endfunction()

# vireo_python_test(NAME <name> SCRIPT <file.py>): a unittest module run by
# Debian's Python (the one that sees python3-kconfiglib).
function(vireo_python_test)
  cmake_parse_arguments(T "" "NAME;SCRIPT" "" ${ARGN})
  get_filename_component(script ${T_SCRIPT} ABSOLUTE)
  add_test(NAME unit.${T_NAME} COMMAND ${VIREO_PYTHON} -m unittest -v ${script}
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(unit.${T_NAME} PROPERTIES LABELS "unit;host" TIMEOUT 120
                       ENVIRONMENT "VIREO_BASE=${VIREO_BASE};PYTHONDONTWRITEBYTECODE=1")
endfunction()
