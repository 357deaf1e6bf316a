# Compile options shared by every target of the project.
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
# GCC 12 false positives: Asio's coroutine frame allocator reported as a mismatched new/delete
# pair, and std::string concatenation at -O3 reported as overlapping copies (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options(-Wno-mismatched-new-delete -Wno-restrict)
endif()
if(NCPEH_WERROR)
  add_compile_options(-Werror)
endif()

# Asio and Beast are compiled once (gateway/net/asio_compiled.cpp) instead of in every file.
# No BOOST_BEAST_USE_STD_STRING_VIEW: since Boost 1.81 beast::string_view is
# boost::core::string_view, which converts to and from std::string_view in C++17 and later; the
# macro changes nothing and only makes every file that includes Beast print a deprecation note.
add_compile_definitions(BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
                        BOOST_ASIO_NO_DEPRECATED)

if(NOT NCPEH_SANITIZE)
  # At -O3 GCC 12 reports -Wnull-dereference inside libstdc++ containers (false positives); the
  # sanitizer presets keep the warning.
  add_compile_options(-Wno-null-dereference)
endif()

if(NCPEH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false maybe-uninitialized warnings inside libstdc++ (std::function,
    # std::regex) when ASan instruments the code; clang has no such warning.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz preset (clang): the libraries get libFuzzer's coverage instrumentation, the fuzz
# targets link libFuzzer's main (tests/CMakeLists.txt); the sanitizers come from NCPEH_SANITIZE.
if(NCPEH_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
