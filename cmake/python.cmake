# Kconfiglib is Debian's python3-kconfiglib, installed for /usr/bin/python3
# only; another python3 earlier on PATH would not see it.
if(NOT VIREO_PYTHON)
  if(EXISTS /usr/bin/python3)
    set(VIREO_PYTHON /usr/bin/python3)
  else()
    find_program(VIREO_PYTHON python3 REQUIRED)
  endif()
endif()
set(VIREO_PYTHON ${VIREO_PYTHON} CACHE FILEPATH "Python that has kconfiglib")
