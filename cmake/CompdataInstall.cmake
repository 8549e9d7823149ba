# Install layout of the compdata CMake package (compdata::client and the
# static libraries it needs). Included by common/, proto/ and client/.
#
#   <prefix>/include/compdata/{client,common,compdata/v1,google/rpc,google/type}/*.h
#   <prefix>/lib/libcompdata_{client,common,proto}.a
#   <prefix>/lib/cmake/compdata/compdata{Config,ConfigVersion,Targets}.cmake
#   <prefix>/lib/pkgconfig/compdata.pc
#
# The headers sit under include/compdata, which is the one include directory a
# consumer gets, so that it writes #include "client/client.h" exactly as the
# code in this tree does, without putting generic top-level directories
# (client/, common/, google/rpc/) into <prefix>/include.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(COMPDATA_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/compdata")
set(COMPDATA_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/compdata")

# compdata_install_library(<target> <export name>): installs a static library
# into the compdataTargets export set as compdata::<export name>, with the
# package's include directory and C++17 on its interface.
function(compdata_install_library target export_name)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_include_directories(${target} PUBLIC
    $<INSTALL_INTERFACE:${COMPDATA_INSTALL_INCLUDEDIR}>)
  install(TARGETS ${target} EXPORT compdataTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

# compdata_install_headers(BASE_DIR <dir> FILES <headers...>): installs each
# header at its path relative to BASE_DIR under include/compdata.
function(compdata_install_headers)
  cmake_parse_arguments(ARG "" "BASE_DIR" "FILES" ${ARGN})
  foreach(header IN LISTS ARG_FILES)
    file(RELATIVE_PATH rel "${ARG_BASE_DIR}" "${header}")
    get_filename_component(rel_dir "${rel}" DIRECTORY)
    install(FILES "${header}"
            DESTINATION "${COMPDATA_INSTALL_INCLUDEDIR}/${rel_dir}")
  endforeach()
endfunction()

# compdata_install_package(): the export set, compdataConfig.cmake,
# compdataConfigVersion.cmake and compdata.pc. Called once, after every
# target of the export set is defined (client/CMakeLists.txt).
function(compdata_install_package)
  install(EXPORT compdataTargets
    FILE compdataTargets.cmake
    NAMESPACE compdata::
    DESTINATION ${COMPDATA_INSTALL_CMAKEDIR})

  set(pkg_dir "${CMAKE_BINARY_DIR}/package")
  configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/compdataConfig.cmake.in"
    "${pkg_dir}/compdataConfig.cmake"
    INSTALL_DESTINATION ${COMPDATA_INSTALL_CMAKEDIR})
  # 0.x: a minor release may break the API.
  write_basic_package_version_file("${pkg_dir}/compdataConfigVersion.cmake"
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES "${pkg_dir}/compdataConfig.cmake"
                "${pkg_dir}/compdataConfigVersion.cmake"
          DESTINATION ${COMPDATA_INSTALL_CMAKEDIR})

  # compdata.pc names the prefix given at install time (cmake --install
  # --prefix P), not the one configured: everything but the prefix is filled
  # in now, the prefix by the install script.
  set(COMPDATA_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/compdata.pc.in"
                 "${pkg_dir}/compdata.pc.in" @ONLY)
  install(CODE "
    configure_file(\"${pkg_dir}/compdata.pc.in\"
                   \"${pkg_dir}/install/compdata.pc\" @ONLY)
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
         TYPE FILE FILES \"${pkg_dir}/install/compdata.pc\")")
endfunction()
