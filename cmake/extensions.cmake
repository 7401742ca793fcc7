# Helpers for the CMakeLists.txt of arch/, kernel/, drivers/ and subsys/:
# every kernel-side source goes into the one object library 'vireo', so a
# folder chooses whole files by Kconfig symbol and nothing else.

function(vireo_sources)
  target_sources(vireo PRIVATE ${ARGN})
endfunction()

# vireo_sources_ifdef(CONFIG_X a.c b.c): add the files when CONFIG_X is set.
function(vireo_sources_ifdef symbol)
  if(${symbol})
    target_sources(vireo PRIVATE ${ARGN})
  endif()
endfunction()

# vireo_add_subdirectory_ifdef(CONFIG_X dir)
function(vireo_add_subdirectory_ifdef symbol dir)
  if(${symbol})
    add_subdirectory(${dir})
  endif()
endfunction()
