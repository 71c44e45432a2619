# find_package(twz): libtwz of an installed twz (README.md, "Building on an
# installed twz"). Build with the installed twz-clang as the C compiler
# (-DCMAKE_C_COMPILER=${TWZ_CLANG}, set before project()): it alone
# translates __persistent pointers. Gives
#   twz::twz         libtwz.so with <twz/...> (programs run without LD_LIBRARY_PATH)
#   twz::twz_static  libtwz.a
#   TWZ_CLANG        the installed twz-clang
#   twz_VERSION      the version
get_filename_component(_twz_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(TWZ_CLANG "${_twz_prefix}/bin/twz-clang")
set(TWZ_INCLUDE_DIR "${_twz_prefix}/include")

if(NOT TARGET twz::twz)
  add_library(twz::twz SHARED IMPORTED)
  set_target_properties(twz::twz PROPERTIES
    IMPORTED_LOCATION "${_twz_prefix}/lib/libtwz.so"
    IMPORTED_SONAME "libtwz.so.0"
    INTERFACE_INCLUDE_DIRECTORIES "${TWZ_INCLUDE_DIR}")
  add_library(twz::twz_static STATIC IMPORTED)
  set_target_properties(twz::twz_static PROPERTIES
    IMPORTED_LOCATION "${_twz_prefix}/lib/libtwz.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TWZ_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "sodium;pthread")
endif()

if(CMAKE_C_COMPILER AND NOT CMAKE_C_COMPILER MATCHES "twz-clang$")
  message(WARNING "twz: the C compiler is ${CMAKE_C_COMPILER}, not twz-clang; "
                  "__persistent pointers need -DCMAKE_C_COMPILER=${TWZ_CLANG}")
endif()
unset(_twz_prefix)
