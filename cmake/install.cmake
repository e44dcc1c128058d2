# install.cmake - `cmake --install` rules: libkundli (.so.0 and .a), kundli.h,
# kundli.pc, the kundli and kundlid binaries, their man pages (generated from
# their own --help by scripts/help2man.sh) and the systemd unit. Included at
# the end of the top-level CMakeLists.txt, once every target exists.
# SPDX-License-Identifier: AGPL-3.0-or-later
include(GNUInstallDirs)

get_filename_component(KUNDLI_ROOT ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)
set(KUNDLI_MAN_DIR ${CMAKE_BINARY_DIR}/man)

# Man pages, from each binary's --help: they cannot drift from its options.
add_custom_command(
  OUTPUT ${KUNDLI_MAN_DIR}/kundli.1
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KUNDLI_MAN_DIR}
  COMMAND sh ${KUNDLI_ROOT}/scripts/help2man.sh $<TARGET_FILE:kundli> 1 ${PROJECT_VERSION}
          ${KUNDLI_MAN_DIR}/kundli.1 "kundlid(8)"
  DEPENDS kundli ${KUNDLI_ROOT}/scripts/help2man.sh
  VERBATIM)
add_custom_command(
  OUTPUT ${KUNDLI_MAN_DIR}/kundlid.8
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KUNDLI_MAN_DIR}
  COMMAND sh ${KUNDLI_ROOT}/scripts/help2man.sh $<TARGET_FILE:kundlid> 8 ${PROJECT_VERSION}
          ${KUNDLI_MAN_DIR}/kundlid.8 "kundli(1)"
  DEPENDS kundlid ${KUNDLI_ROOT}/scripts/help2man.sh
  VERBATIM)
add_custom_target(man ALL DEPENDS ${KUNDLI_MAN_DIR}/kundli.1 ${KUNDLI_MAN_DIR}/kundlid.8)

# The library: libkundli.so.0 (with its SONAME and the libkundli.so link for
# -lkundli) and libkundli.a. The targets are defined in src/CMakeLists.txt;
# kundli_static may be an imported target over a file built by a custom
# command (ld -r + objcopy), which install(TARGETS) refuses: then the file.
if(TARGET kundli_shared AND TARGET kundli_static)
  install(TARGETS kundli_shared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  get_target_property(KUNDLI_STATIC_IMPORTED kundli_static IMPORTED)
  if(KUNDLI_STATIC_IMPORTED)
    install(FILES $<TARGET_PROPERTY:kundli_static,IMPORTED_LOCATION>
            DESTINATION ${CMAKE_INSTALL_LIBDIR})
  else()
    install(TARGETS kundli_static ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  endif()
else()
  message(WARNING "install.cmake: no kundli_shared/kundli_static targets; "
                  "libkundli will not be installed")
endif()
install(FILES ${KUNDLI_ROOT}/include/kundli.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS kundli kundlid RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${KUNDLI_MAN_DIR}/kundli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${KUNDLI_MAN_DIR}/kundlid.8 DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)

# kundli.pc and kundlid.service name absolute paths, so they are filled in at
# install time, from the prefix actually used (`cmake --install --prefix`
# overrides the configured one). file(INSTALL) honours DESTDIR and records
# both in install_manifest.txt, which `make uninstall` reads.
set(KUNDLI_PC_DESCRIPTION "${PROJECT_DESCRIPTION}")
if(NOT KUNDLI_PC_DESCRIPTION)
  set(KUNDLI_PC_DESCRIPTION "Vedic birth charts (kundlis) in C")
endif()
install(CODE "
set(KD_SRC \"${KUNDLI_ROOT}\")
set(KD_OUT \"${CMAKE_BINARY_DIR}/install-generated\")
set(KD_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
set(KD_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
set(KD_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
set(PROJECT_VERSION \"${PROJECT_VERSION}\")
set(PROJECT_DESCRIPTION \"${KUNDLI_PC_DESCRIPTION}\")
")
install(CODE [[
foreach(kd_dir bindir libdir includedir)
  string(TOUPPER "KD_${kd_dir}" kd_var)
  if(IS_ABSOLUTE "${${kd_var}}")
    set(${kd_dir} "${${kd_var}}")
  else()
    set(${kd_dir} "${CMAKE_INSTALL_PREFIX}/${${kd_var}}")
  endif()
endforeach()
set(prefix "${CMAKE_INSTALL_PREFIX}")
configure_file("${KD_SRC}/dist/kundlid.service" "${KD_OUT}/kundlid.service" @ONLY)
set(kd_libdir "${libdir}")
# In kundli.pc, directories under the prefix are written as ${prefix}/...
foreach(kd_dir libdir includedir)
  string(TOUPPER "KD_${kd_dir}" kd_var)
  if(NOT IS_ABSOLUTE "${${kd_var}}")
    set(${kd_dir} "\${prefix}/${${kd_var}}")
  endif()
endforeach()
configure_file("${KD_SRC}/cmake/kundli.pc.in" "${KD_OUT}/kundli.pc" @ONLY)
file(INSTALL DESTINATION "${kd_libdir}/pkgconfig" TYPE FILE FILES "${KD_OUT}/kundli.pc")
file(INSTALL DESTINATION "${prefix}/lib/systemd/system" TYPE FILE
     FILES "${KD_OUT}/kundlid.service")
]])
