# No public header throws a std:: exception type: bad input and misuse throw
# the kinds of impasse::error, broken invariants impasse::internal_error
# (include/impasse/core/error.hpp).
# cmake -DINCLUDE_DIR=.../include -P no_std_throw.cmake
cmake_minimum_required(VERSION 3.20)
file(GLOB_RECURSE headers "${INCLUDE_DIR}/*.hpp" "${INCLUDE_DIR}/*.h")
list(LENGTH headers count)
if(count EQUAL 0)
  message(FATAL_ERROR "no headers under ${INCLUDE_DIR}")
endif()
set(offenders "")
foreach(header IN LISTS headers)
  file(STRINGS "${header}" lines REGEX "throw[ \t]+(::)?std::")
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    file(RELATIVE_PATH name "${INCLUDE_DIR}" "${header}")
    string(APPEND offenders "\n  ${name}: ${line}")
  endforeach()
endforeach()
if(offenders)
  message(FATAL_ERROR "public headers throw std:: exception types:${offenders}")
endif()
message(STATUS "${count} headers, none throws a std:: exception type")
