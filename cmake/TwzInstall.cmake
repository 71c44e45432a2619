# The installation (README.md, "Install"): `cmake --install build --prefix P`
# gives P the build tree's layout (bin/, lib/, include/twz/), so twz-clang
# finds its plugins and runtime relative to itself, except that the kernel
# image and the twizzler sysroot go under share/twz/ (twz-clang and twz-boot
# look there first). Targets install themselves in their folders.
install(PROGRAMS ${TWZ_OUT}/bin/twz-boot DESTINATION bin)
install(FILES tools/man/twz-clang.1 tools/man/twz.1 tools/man/twz-boot.1
        DESTINATION share/man/man1)
install(FILES ${CMAKE_BINARY_DIR}/kernel/twz-kernel DESTINATION share/twz)
install(DIRECTORY ${TWZ_OUT}/sysroot/ DESTINATION share/twz/sysroot
        PATTERN files.stamp EXCLUDE)

# Package files for builds on the installed twz-clang: pkg-config and CMake.
include(CMakePackageConfigHelpers)
configure_file(cmake/twz.pc.in ${CMAKE_BINARY_DIR}/twz.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/twz.pc DESTINATION lib/pkgconfig)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/twzConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES cmake/twzConfig.cmake ${CMAKE_BINARY_DIR}/twzConfigVersion.cmake
        DESTINATION lib/cmake/twz)
