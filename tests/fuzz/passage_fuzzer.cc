// Fuzz target: PassagePicker against Xapian's MSet::snippet, which it
// remakes. Input: the first byte picks the snippet length, the rest is the
// text. Every query below must give the same passage, marks and "…" from
// both, whatever the bytes (invalid UTF-8 included).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../snippet_oracle.h"
#include "fuzz_check.h"
#include "search/passage.h"

namespace {

struct Search {
  std::unique_ptr<gazette::testing::SnippetSearch> xapian;
  std::optional<gazette::internal::PassagePicker> picker;
};

// Searches over a few sentences, so that the terms have weights; made once.
const std::vector<Search>& Searches() {
  static const std::vector<Search> searches = [] {
    const std::vector<std::string> texts = {
        "Trade talks at the summit in Nairobi.", "The U.S. and AT&T agree.",
        "Summits and talks: C++ fish+chips 1,000.5.", "Élysée Путин talks"};
    std::vector<Search> made;
    for (const char* query : {"summit", "trade talks", "\"trade talks\" summit", "us at&t",
                              "talks NEAR summit", "c++ путин", "\"talks at the\" \"at the summit\""}) {
      Search search;
      search.xapian = std::make_unique<gazette::testing::SnippetSearch>(texts, query);
      // The empty key: every word looked up and stemmed, as Xapian does.
      search.picker = gazette::internal::PassagePicker::For(
          search.xapian->mset, search.xapian->query, search.xapian->stemmer, {""});
      FUZZ_CHECK(search.picker.has_value());
      made.push_back(std::move(search));
    }
    return made;
  }();
  return searches;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t length = 10 + data[0];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (const Search& search : Searches())
    FUZZ_CHECK((*search.picker)(text, length, '\x02', '\x03', "\xE2\x80\xA6") ==
               search.xapian->XapianPlain(text, length));
  return 0;
}
