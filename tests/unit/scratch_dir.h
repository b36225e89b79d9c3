// A folder of its own for one unit test, removed with what it holds.
#ifndef GAZETTE_TESTS_UNIT_SCRATCH_DIR_H_
#define GAZETTE_TESTS_UNIT_SCRATCH_DIR_H_

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace gazette::testing {

// Named by process and object, so that tests running side by side (meson
// runs the suites at once) never share one.
struct ScratchDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("gazette-unit-" + std::to_string(::getpid()) + "-" +
                                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  ScratchDir() { std::filesystem::create_directories(path); }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_UNIT_SCRATCH_DIR_H_
