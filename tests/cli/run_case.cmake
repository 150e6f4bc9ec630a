# Runs one golden CLI case: BIN with the arguments in CASE.args, from ROOT; compares stdout
# with CASE.out and the exit code with CASE.code (default 0). Prints a unified diff on failure.
file(STRINGS ${CASE}.args args ENCODING UTF-8)
set(expected_code 0)
if(EXISTS ${CASE}.code)
  file(STRINGS ${CASE}.code expected_code LIMIT_COUNT 1)
endif()
execute_process(COMMAND ${BIN} ${args} WORKING_DIRECTORY ${ROOT}
                OUTPUT_VARIABLE actual ERROR_VARIABLE stderr_text RESULT_VARIABLE code
                ENCODING NONE)
get_filename_component(name ${CASE} NAME)
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/${name}.actual "${actual}")
if(DEFINED ENV{STATUSLINT_UPDATE_GOLDEN})
  file(WRITE ${CASE}.out "${actual}")
endif()
file(READ ${CASE}.out expected)
if(NOT code STREQUAL expected_code)
  message(FATAL_ERROR "exit code ${code}, expected ${expected_code}\nstderr:\n${stderr_text}")
endif()
if(NOT actual STREQUAL expected)
  execute_process(COMMAND diff -u ${CASE}.out ${WORK}/${name}.actual)
  message(FATAL_ERROR "stdout differs from ${name}.out (see diff above)\nstderr:\n${stderr_text}")
endif()
