// Replays saved fuzz inputs through a fuzz target without libFuzzer, so that
// every file under tests/fuzz/corpus/<target>/ is a regression test in the
// ordinary g++ build. Arguments: files or folders (read recursively), and
// --skip=NAME for a saved reproducer of a bug not fixed yet (meson.build
// replays it on its own, as a test expected to fail).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Only targets that need set-up (query_fuzzer's index) define it.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {
namespace fs = std::filesystem;

std::vector<fs::path> InputsUnder(const std::vector<std::string>& args) {
  std::vector<std::string> skipped;
  for (const std::string& arg : args)
    if (arg.starts_with("--skip=")) skipped.push_back(arg.substr(7));
  auto is_skipped = [&](const fs::path& p) {
    return std::find(skipped.begin(), skipped.end(), p.filename().string()) != skipped.end();
  };
  std::vector<fs::path> inputs;
  for (const std::string& arg : args) {
    if (arg.starts_with("--skip=")) continue;
    if (!fs::is_directory(arg)) {
      inputs.emplace_back(arg);
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(arg))
      if (entry.is_regular_file() && !is_skipped(entry.path())) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());  // a stable order for the log
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  const std::vector<fs::path> inputs = InputsUnder({argv + 1, argv + argc});
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs given\n");
    return 1;  // an empty corpus means a wrong path, not a pass
  }
  for (const fs::path& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // Printed first so that a crash names the input that caused it.
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replay: %zu inputs, no crash\n", inputs.size());
  return 0;
}
