// ParseTerms must split text into the words Xapian's TermGenerator indexes:
// a snippet highlights a word only if it is the term the index holds.
#include "search/xapian_words.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace gazette::internal {
namespace {

std::vector<std::string> XapianWords(const std::string& text) {
  Xapian::TermGenerator generator;  // no stemmer: the words as indexed
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(text);
  std::vector<std::pair<Xapian::termpos, std::string>> at;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos)
      at.emplace_back(*pos, *term);
  std::sort(at.begin(), at.end());
  std::vector<std::string> words;
  for (auto& [pos, word] : at) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> OurWords(const std::string& text) {
  std::vector<std::string> words;
  xapian_words::ParseTerms(text, [&](std::string_view word, std::size_t end) {
    CHECK(end <= text.size());
    words.emplace_back(word);
    return true;
  });
  return words;
}

TEST_CASE("xapian words: every ASCII byte splits or joins words as Xapian's does") {
  // Word bytes, as the short path reads them, against Xapian's own class.
  for (unsigned c = 0; c < 128; ++c) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '_';
    CAPTURE(c);
    CHECK(Xapian::Unicode::is_wordchar(c) == word);
  }
  // Each byte between words and at a 16-byte block's edges, either side.
  for (unsigned c = 1; c < 128; ++c) {
    for (std::size_t length : {1, 5, 14, 15, 16, 17, 31}) {
      const std::string word(length, 'W');
      for (const std::string& text :
           {word + static_cast<char>(c) + word, "x" + word + static_cast<char>(c) + "7 tail",
            "9" + std::string(1, static_cast<char>(c)) + "1 " + word + static_cast<char>(c)}) {
        CAPTURE(text);
        CHECK(OurWords(text) == XapianWords(text));
      }
    }
  }
}

TEST_CASE("xapian words: random text of ASCII, letters beyond it and joiners") {
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "7", "0", "_", " ", "  ", ".", ",", ";", "'", "&", "+", "#", "-", "\n", "\t",
      "U.S.", "A.", "1,000.5", "C++", "fish+chips", "O'Brien", "AT&T", "\xC3\xA9" /* é */,
      "\xC3\x89" /* É */, "\xD0\x96" /* Ж */, "\xE2\x80\x99" /* ’ */,
      "\xE2\x80\x8D" /* zero-width joiner */, "\xC2\xB7" /* · */, "\xFF" /* invalid */,
      "summit", "Summits", "SUMMIT", "abcdefghijklmno", "ABCDEFGHIJKLMNOPQRSTU"};
  std::mt19937 random(20261204);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = std::uniform_int_distribution<int>(0, 40)(random);
    for (int i = 0; i < count; ++i) {
      text += pieces[pick(random)];
      if (i % 4 == 3) text += ' ';  // words stay under Xapian's 64-byte limit
    }
    CAPTURE(text);
    REQUIRE(OurWords(text) == XapianWords(text));
  }
}

}  // namespace
}  // namespace gazette::internal
