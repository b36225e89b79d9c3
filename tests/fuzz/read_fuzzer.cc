// Fuzz target: ReadArticles() with the one format named by GAZETTE_FUZZ_FORMAT
// (text, JSON Lines or HTML), so that each reader gets its own corpus rather
// than format detection deciding which reader the fuzzer exercises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "gazette/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  gazette::ReadOptions options;
  options.format = gazette::Format::GAZETTE_FUZZ_FORMAT;
  options.now_unix = kFuzzNow;
  const gazette::ReadResult result = gazette::ReadArticles(content, "fuzz-input", "fuzz-input", options);
  // What the CLI relies on when it prints problems as `path[:line]: reason`.
  for (const gazette::Problem& problem : result.problems) {
    FUZZ_CHECK(problem.path == "fuzz-input");
    FUZZ_CHECK(!problem.reason.empty());
    FUZZ_CHECK(problem.line >= 0);
    FUZZ_CHECK(problem.ToString().starts_with("fuzz-input"));
  }
  for (const gazette::Article& article : result.articles) {
    FUZZ_CHECK(!article.id.empty());  // the index keys articles by id
  }
  return 0;
}
