# The solvers' library holds no part of the essay's model: no symbol of
# impasse::models is defined in libimpasse, while libimpasse_models defines
# them (so that the test would see them if they moved back).
# cmake -DNM=... -DCORE=libimpasse.a -DMODELS=libimpasse_models.a -P no_model_in_core.cmake
cmake_minimum_required(VERSION 3.20)
foreach(library IN ITEMS CORE MODELS)
  execute_process(COMMAND "${NM}" -C --defined-only "${${library}}"
                  OUTPUT_VARIABLE symbols RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${${library}}: ${errors}")
  endif()
  string(REGEX MATCHALL "[^\n]*impasse::models::[^\n]*" found "${symbols}")
  list(LENGTH found count)
  if(library STREQUAL "CORE" AND count GREATER 0)
    list(GET found 0 first)
    message(FATAL_ERROR "${CORE} defines ${count} symbols of the model, e.g.\n  ${first}")
  elseif(library STREQUAL "MODELS" AND count EQUAL 0)
    message(FATAL_ERROR "${MODELS} defines no symbol of impasse::models: the check looks for the wrong name")
  endif()
  message(STATUS "${${library}}: ${count} symbols of impasse::models")
endforeach()
