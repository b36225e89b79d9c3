// IndexPaths as the CLI's summary and progress line see it.
#include "gazette/indexer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gazette/gazetteer.h"
#include "scratch_dir.h"

namespace gazette {
namespace {
namespace fs = std::filesystem;

using testing::ScratchDir;

std::uint64_t Write(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
  return content.size();
}

TEST_CASE("index: the report and the progress count every byte read, however a file was read") {
  // A JSON Lines file under a slice is read whole, then sent on in chunks of
  // 64 articles: its bytes were counted with the first chunk, then dropped,
  // so the summary said 0.0 MB/s.
  ScratchDir dir;
  std::string lines;
  for (int i = 0; i < 150; ++i)
    lines += "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Port talks, round " +
             std::to_string(i) + "\", \"body\": \"Delegates met again on shipping.\"}\n";
  std::uint64_t expected = Write(dir.path / "many.jsonl", lines);
  expected += Write(dir.path / "one.txt", "Harbour report\n\nThe harbour reopened.\n");

  for (const bool bulk : {true, false}) {
    CAPTURE(bulk);
    IndexOptions options;
    options.paths = {dir.path.string() + "/many.jsonl", dir.path.string() + "/one.txt"};
    options.bulk = bulk;
    IndexProgress last;
    IndexCallbacks callbacks;
    callbacks.on_progress = [&](const IndexProgress& p) { last = p; };
    const std::string db = (dir.path / (bulk ? "bulk" : "in-place")).string();
    const IndexReport report = IndexPaths(db, options, Gazetteer::Builtin(), callbacks);
    CHECK(report.added == 151);
    CHECK(report.bytes == expected);
    CHECK(last.bytes_total == expected);
    CHECK(last.bytes_done == expected);
  }
}

}  // namespace
}  // namespace gazette
