cmake_minimum_required(VERSION 3.25)
# The stages may only include toward the start of the pipeline. Reads every #include
# "statuslint/<stage>/..." in src/<stage>/ and include/statuslint/<stage>/ and fails, naming
# file and line, on one that a stage may not use. Run as a CTest test:
# ARCHITECTURE.md's table of stages must list the same stages, in the same order, each with
# the same "may include" list. Run as a CTest test:
#   cmake -DROOT=<source dir> -DGRAPH=<build dir>/stage_graph.cmake -P check_layering.cmake
# The stage graph is CMake's (statuslint_stage ... USES in CMakeLists.txt), saved at configure
# time to GRAPH: a stage may include itself and the stages it uses.
include(${GRAPH})
foreach(stage IN LISTS stages)
  set(allowed_${stage} ${stage} ${uses_${stage}})
endforeach()

set(violations "")
foreach(stage IN LISTS stages)
  file(GLOB_RECURSE files ${ROOT}/src/${stage}/*.cpp ${ROOT}/src/${stage}/*.hpp ${ROOT}/include/statuslint/${stage}/*.hpp)
  foreach(file IN LISTS files)
    file(STRINGS ${file} lines REGEX "^#include \"")
    foreach(line IN LISTS lines)
      if(line MATCHES "^#include \"statuslint/([a-z_]+)/")
        set(used ${CMAKE_MATCH_1})
      elseif(line MATCHES "^#include \"(cli)/")
        set(used cli)
      else()
        continue()
      endif()
      if(NOT used IN_LIST allowed_${stage})
        file(RELATIVE_PATH rel ${ROOT} ${file})
        list(APPEND violations "${rel}: stage '${stage}' includes '${used}': ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()
# Nothing outside cli/ includes cli/.
file(GLOB_RECURSE outside ${ROOT}/src/*.cpp ${ROOT}/src/*.hpp ${ROOT}/include/*.hpp)
foreach(file IN LISTS outside)
  if(file MATCHES "/src/cli/")
    continue()
  endif()
  file(STRINGS ${file} lines REGEX "^#include \"(cli/|commands|report_options|rule_options)")
  foreach(line IN LISTS lines)
    file(RELATIVE_PATH rel ${ROOT} ${file})
    list(APPEND violations "${rel}: includes the CLI: ${line}")
  endforeach()
endforeach()

# simdjson comes in through src/formats/simdjson_linked.hpp only, which fails the build of a
# target that includes it without linking statuslint_simdjson (the package's definitions change
# dom::parser's layout; a file without them is an ODR violation that crashes under ASan).
file(GLOB_RECURSE everything ${ROOT}/src/*.cpp ${ROOT}/src/*.hpp ${ROOT}/include/*.hpp
     ${ROOT}/tests/*.cpp ${ROOT}/tests/*.hpp ${ROOT}/bench/*.cpp)
foreach(file IN LISTS everything)
  if(file MATCHES "/src/formats/simdjson_linked.hpp$")
    continue()
  endif()
  file(STRINGS ${file} lines REGEX "^#include <simdjson")
  foreach(line IN LISTS lines)
    file(RELATIVE_PATH rel ${ROOT} ${file})
    list(APPEND violations "${rel}: includes simdjson directly (use \"formats/simdjson_linked.hpp\"): ${line}")
  endforeach()
endforeach()

# ARCHITECTURE.md: rows "| `stage/` | what it holds | may include |", the last column a comma
# list of stages or "nothing".
# (Semicolons in the text would split CMake's list of lines: they become commas first.)
file(READ ${ROOT}/ARCHITECTURE.md architecture)
string(REPLACE ";" "," architecture "${architecture}")
string(REPLACE "[" "(" architecture "${architecture}")  # brackets would hold lines together
string(REPLACE "]" ")" architecture "${architecture}")
string(REPLACE "\n" ";" architecture "${architecture}")
set(documented "")
foreach(row IN LISTS architecture)
  if(NOT row MATCHES "^\\| `[a-z]+/` \\|")
    continue()
  endif()
  string(REGEX MATCH "^\\| `([a-z]+)/` \\|" _ "${row}")
  set(stage ${CMAKE_MATCH_1})
  if(stage STREQUAL "cli")
    continue()
  endif()
  list(APPEND documented ${stage})
  string(REGEX MATCH "\\| ([^|]+) \\|$" _ "${row}")
  string(REPLACE ", " ";" listed "${CMAKE_MATCH_1}")
  if(listed STREQUAL "nothing")
    set(listed "")
  endif()
  list(SORT listed)
  set(built ${uses_${stage}})
  list(SORT built)
  if(NOT "${listed}" STREQUAL "${built}")
    list(APPEND violations "ARCHITECTURE.md: stage '${stage}' may include [${listed}], CMake says [${built}]")
  endif()
endforeach()
if(NOT "${documented}" STREQUAL "${stages}")
  list(APPEND violations "ARCHITECTURE.md lists the stages [${documented}], CMake builds [${stages}]")
endif()

if(violations)
  list(LENGTH violations n)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "${n} layering problems (includes against the pipeline, or ARCHITECTURE.md against CMake):\n  ${text}")
endif()
message(STATUS "layering: every include runs down the pipeline")
