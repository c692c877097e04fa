# build_id.cmake: writes OUT (rhea_build_id.h) with RHEA_SOURCE_SHA256, the SHA-256 of every
# rhea source file (SOURCES, a ;-list: the library's and the command line's) in sorted order, so a build whose code differs in any
# byte has another id (engine/build_id.h). Run at build time by a custom command (CMakeLists.txt).
list(SORT SOURCES)
set(all "")
foreach(f IN LISTS SOURCES)
  file(SHA256 "${f}" h)
  file(RELATIVE_PATH rel "${ROOT}" "${f}")
  string(APPEND all "${rel} ${h}\n")
endforeach()
string(SHA256 digest "${all}")
set(text "#pragma once\n#define RHEA_SOURCE_SHA256 \"${digest}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
