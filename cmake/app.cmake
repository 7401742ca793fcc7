# The application: target 'app' (object library). An app folder either has
# its own CMakeLists.txt adding to 'app', or sources in src/*.c.

add_library(app OBJECT)
target_link_libraries(app PUBLIC vireo_interface)
if(EXISTS ${APP_DIR}/CMakeLists.txt)
  add_subdirectory(${APP_DIR} app)
else()
  file(GLOB app_sources CONFIGURE_DEPENDS ${APP_DIR}/src/*.c)
  if(NOT app_sources)
    message(FATAL_ERROR "application '${APP_DIR}' has no src/*.c")
  endif()
  target_sources(app PRIVATE ${app_sources})
endif()
