# protoc + grpc_cpp_plugin as explicit custom commands: CMake 3.25's
# protobuf_generate cannot pass plugin options, and we want gMock stubs.
set(COMPDATA_GOOGLEAPIS_DIR "/usr/share/gocode/src/github.com/gogo/googleapis"
    CACHE PATH "Directory holding google/rpc/*.proto and google/type/*.proto")
find_program(COMPDATA_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

# compdata_generate_cpp(<out_srcs_var> <out_hdrs_var> IMPORT_ROOT <dir>
#                       PROTOS <relative paths> [GRPC])
function(compdata_generate_cpp srcs_var hdrs_var)
  cmake_parse_arguments(ARG "GRPC" "IMPORT_ROOT" "PROTOS" ${ARGN})
  set(out_dir "${CMAKE_BINARY_DIR}/gen")
  file(MAKE_DIRECTORY "${out_dir}")
  set(srcs)
  set(hdrs)
  foreach(rel IN LISTS ARG_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" stem "${rel}")
    set(outputs "${out_dir}/${stem}.pb.cc" "${out_dir}/${stem}.pb.h")
    set(args --cpp_out=${out_dir})
    if(ARG_GRPC)
      list(APPEND outputs "${out_dir}/${stem}.grpc.pb.cc"
           "${out_dir}/${stem}.grpc.pb.h" "${out_dir}/${stem}_mock.grpc.pb.h")
      list(APPEND args --grpc_out=generate_mock_code=true:${out_dir}
           --plugin=protoc-gen-grpc=${COMPDATA_GRPC_CPP_PLUGIN})
    endif()
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc ARGS ${args}
              -I "${CMAKE_SOURCE_DIR}/proto" -I "${COMPDATA_GOOGLEAPIS_DIR}"
              "${ARG_IMPORT_ROOT}/${rel}"
      DEPENDS "${ARG_IMPORT_ROOT}/${rel}" protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
    foreach(o IN LISTS outputs)
      if(o MATCHES "\\.cc$")
        list(APPEND srcs "${o}")
      else()
        list(APPEND hdrs "${o}")
      endif()
    endforeach()
  endforeach()
  set(${srcs_var} ${srcs} PARENT_SCOPE)
  set(${hdrs_var} ${hdrs} PARENT_SCOPE)
endfunction()
