// Fuzz target: BuildQuery() against a small on-disk index made once at
// start-up (wildcards and spelling need a real database). Input: the query
// text, then optionally \x01-separated filter values: since, until, leader, org.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/indexer.h"
#include "gazette/query.h"

namespace {
namespace fs = std::filesystem;

fs::path g_root;
std::optional<gazette::Database> g_db;

void RemoveRoot() {
  std::error_code ignored;
  fs::remove_all(g_root, ignored);
}

// Three articles with leaders, an organisation and dates, so that entity and
// date fields have something to resolve against.
void BuildIndex() {
  std::string pattern = (fs::temp_directory_path() / "gazette-query-fuzz-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  g_root = pattern;
  std::atexit(RemoveRoot);
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"summit.txt", "Title: Putin and Xi meet at the SCO summit\nDate: 2019-06-14\n\n"
                     "Vladimir Putin and Xi Jinping met in Bishkek at the Shanghai Cooperation "
                     "Organisation summit on trade and security.\n"},
      {"g7.txt", "Title: G7 leaders agree on sanctions\nDate: 2022-06-28\n\n"
                 "Joe Biden and Emmanuel Macron agreed new sanctions in Elmau.\n"},
      {"harvest.txt", "Wheat harvest breaks records\n\nFarmers reported the largest harvest.\n"}};
  fs::create_directories(g_root / "in");
  for (const auto& [name, text] : articles) std::ofstream(g_root / "in" / name) << text;
  gazette::IndexOptions options;
  options.paths = {(g_root / "in").string()};
  gazette::IndexPaths((g_root / "db").string(), options, gazette::Gazetteer::Builtin(), {});
  g_db = gazette::Database::Open((g_root / "db").string());
}

std::vector<std::string> SplitFields(std::string_view input) {
  std::vector<std::string> fields;
  for (std::size_t start = 0;;) {
    const std::size_t end = input.find('\x01', start);
    fields.emplace_back(input.substr(start, end == input.npos ? input.npos : end - start));
    if (end == input.npos) return fields;
    start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  BuildIndex();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> fields = SplitFields({reinterpret_cast<const char*>(data), size});
  fields.resize(5);
  gazette::Filters filters;
  filters.since = fields[1];
  filters.until = fields[2];
  if (!fields[3].empty()) filters.leaders.push_back(fields[3]);
  if (!fields[4].empty()) filters.orgs.push_back(fields[4]);
  try {
    const gazette::ParsedQuery parsed =
        gazette::BuildQuery(*g_db, gazette::Gazetteer::Builtin(), fields[0], filters, kFuzzNow);
    FUZZ_CHECK(parsed.text == fields[0]);
    FUZZ_CHECK(!parsed.query.empty());  // MatchAll, never an empty query
    (void)parsed.query.get_description();
  } catch (const gazette::Error& e) {
    // A refused query is fine; it must say why, in one line.
    const std::string_view what = e.what();
    FUZZ_CHECK(!what.empty());
    FUZZ_CHECK(what.find('\n') == what.npos);
  }
  // Anything else (a Xapian::Error, std::out_of_range...) escapes and aborts:
  // STYLE.md says Xapian::Error never leaves libgazette.
  return 0;
}
