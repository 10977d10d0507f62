# Runs Doxygen on the configured Doxyfile into OUTPUT, warnings as errors.
# cmake -DDOXYGEN=... -DDOXYFILE=... -DOUTPUT=... -P run_doxygen.cmake
cmake_minimum_required(VERSION 3.20)
file(READ "${DOXYFILE}" config)
file(MAKE_DIRECTORY "${OUTPUT}")
file(WRITE "${OUTPUT}/Doxyfile" "${config}\nOUTPUT_DIRECTORY = ${OUTPUT}\nWARN_AS_ERROR = FAIL_ON_WARNINGS\nQUIET = YES\n")
execute_process(COMMAND "${DOXYGEN}" "${OUTPUT}/Doxyfile" RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "doxygen failed (${code}):\n${err}${out}")
endif()
message(STATUS "doxygen: no warnings")
