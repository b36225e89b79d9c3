// Fuzz target: PassagePicker against Xapian's MSet::snippet, which it
// remakes. Input: the first byte picks the snippet length, the rest is the
// text. Every query below must give the same passage, marks and "…" from
// both, whatever the bytes (invalid UTF-8 included).
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "search/passage.h"

namespace {

struct Search {
  Xapian::Query query;
  Xapian::MSet mset;
  std::optional<gazette::internal::PassagePicker> picker;
};

// Searches over a few sentences, so that the terms have weights; made once.
const std::vector<Search>& Searches() {
  static const std::vector<Search> searches = [] {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::Stem stemmer("english");
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemmer);
    for (const char* text : {"Trade talks at the summit in Nairobi.", "The U.S. and AT&T agree.",
                             "Summits and talks: C++ fish+chips 1,000.5.", "Élysée Путин talks"}) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
      db.add_document(doc);
    }
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<Search> made;
    for (const char* text : {"summit", "trade talks", "\"trade talks\" summit", "us at&t",
                             "talks NEAR summit", "c++ путин", "\"talks at the\" \"at the summit\""}) {
      Search search;
      search.query = parser.parse_query(text);
      Xapian::Enquire enquire(db);
      enquire.set_query(search.query);
      search.mset = enquire.get_mset(0, 10);
      // The empty key: every word looked up and stemmed, as Xapian does.
      search.picker = gazette::internal::PassagePicker::For(search.mset, search.query, stemmer, {""});
      FUZZ_CHECK(search.picker.has_value());
      made.push_back(std::move(search));
    }
    return made;
  }();
  return searches;
}

// Xapian's HTML as the plain text PassagePicker writes.
std::string Plain(const std::string& html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
    } else if (html.compare(i, 4, "&lt;") == 0 || html.compare(i, 4, "&gt;") == 0) {
      out += html[i + 1] == 'l' ? '<' : '>';
      i += 3;
    } else {
      out += html[i] == '\n' ? ' ' : html[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t length = 10 + data[0];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Xapian::Stem stemmer("english");
  for (const Search& search : Searches()) {
    const std::string expected =
        Plain(search.mset.snippet(text, length, stemmer, 0, "\x02", "\x03", "\xE2\x80\xA6"));
    FUZZ_CHECK((*search.picker)(text, length, '\x02', '\x03', "\xE2\x80\xA6") == expected);
  }
  return 0;
}
