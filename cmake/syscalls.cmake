# Syscall plumbing generated from the __syscall declarations of the public
# headers (scripts/gen_syscalls.py): ids, user-side stubs, marshallers and
# the dispatch table, under build/include/generated. Generated for every
# build: without CONFIG_USERSPACE the stubs simply call z_impl_*().

set(SYSCALL_HEADERS
  ${VIREO_BASE}/include/vireo/kernel.h
  ${VIREO_BASE}/include/vireo/kernel/sync.h
  ${VIREO_BASE}/include/vireo/kernel/ipc.h
  ${VIREO_BASE}/include/vireo/kernel/kobject.h)
set(SYSCALL_OUTPUTS ${GEN_DIR}/syscall_list.h ${GEN_DIR}/syscall_dispatch.c)
foreach(h ${SYSCALL_HEADERS})
  get_filename_component(base ${h} NAME)
  list(APPEND SYSCALL_OUTPUTS ${GEN_DIR}/syscalls/${base})
endforeach()

add_custom_command(
  OUTPUT ${SYSCALL_OUTPUTS}
  COMMAND ${VIREO_PYTHON} ${VIREO_BASE}/scripts/gen_syscalls.py --xlen ${xlen}
          --out-dir ${GEN_DIR} ${SYSCALL_HEADERS}
  DEPENDS ${SYSCALL_HEADERS} ${VIREO_BASE}/scripts/gen_syscalls.py
  COMMENT "Generating syscall stubs and dispatch")
add_custom_target(syscalls_gen DEPENDS ${SYSCALL_OUTPUTS})
add_dependencies(vireo syscalls_gen)
add_dependencies(app syscalls_gen)
