# ncpeh_library(NAME FOLDER LINKS ...): a static library made of every .cpp below FOLDER except
# the programs' main.cpp files. Headers are included by their path from the repository root
# ("trust/xml/parse.hpp").
function(ncpeh_library name folder)
  cmake_parse_arguments(arg "" "" "LINKS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/${folder}/*.cpp")
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC "${CMAKE_SOURCE_DIR}")
    target_link_libraries(${name} PUBLIC ${arg_LINKS})
  else()  # a folder whose code has not landed yet
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE "${CMAKE_SOURCE_DIR}")
    target_link_libraries(${name} INTERFACE ${arg_LINKS})
  endif()
endfunction()
