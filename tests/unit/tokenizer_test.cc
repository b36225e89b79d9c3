// Folding and tokenising: the ground every match stands on.
#include "extract/tokenizer.h"

#include <doctest/doctest.h>

#include "extract/fold.h"

namespace gazette::internal {
namespace {

TEST_CASE("fold: case, accents and apostrophes fold to plain lowercase") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Erdoğan", "erdogan"},
      {"ERDOĞAN", "erdogan"},
      {"Brasília", "brasilia"},
      {"Straße", "strasse"},
      {"Łódź", "lodz"},
      {"Türkiye", "turkiye"},
      {"Côte d’Ivoire", "cote d'ivoire"},
      {"plain", "plain"},
  };
  for (const auto& [input, expected] : cases) {
    CAPTURE(input);
    CHECK(Fold(input) == expected);
  }
}

TEST_CASE("fold: FoldPhrase drops possessives, dots in acronyms and extra spaces") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Putin's", "putin"},
      {"Putin’s", "putin"},
      {"U.S.", "us"},
      {"  Vladimir   PUTIN ", "vladimir putin"},
      {"US-led", "us led"},
      {"O'Brien", "o'brien"},
      {"People's Republic", "people republic"},
      {"", ""},
  };
  for (const auto& [input, expected] : cases) {
    CAPTURE(input);
    CHECK(FoldPhrase(input) == expected);
  }
}

TEST_CASE("fold: derived ids are lowercase ascii snake_case") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Yuri Ushakov", "yuri_ushakov"},
      {"Recep Tayyip Erdoğan", "recep_tayyip_erdogan"},
      {"Jörg Müller-Lüdenscheid", "jorg_muller_ludenscheid"},
      {"Conor O’Brien", "conor_obrien"},
      {"!!", ""},
  };
  for (const auto& [input, expected] : cases) {
    CAPTURE(input);
    CHECK(DeriveId(input) == expected);
  }
}

TEST_CASE("tokenizer: words, spans and flags") {
  const std::string_view text = "Putin’s U.S. visit (SCO), Xinhua: us";
  Tokens tokens;
  Tokenize(text, tokens);
  REQUIRE(tokens.tokens.size() == 6);
  auto raw = [&](std::size_t i) {
    const Token& t = tokens.tokens[i];
    return text.substr(t.begin, t.end - t.begin);
  };
  CHECK(raw(0) == "Putin");
  CHECK(tokens.tokens[0].Has(kPossessive));
  CHECK(tokens.tokens[0].Has(kCapitalised));
  CHECK(raw(1) == "U.S.");
  CHECK(tokens.Folded(tokens.tokens[1]) == "us");
  CHECK(tokens.tokens[1].Has(kDotted | kAllCaps));
  CHECK(!tokens.tokens[2].Has(kPeriodBefore));  // the dot belongs to "U.S."
  CHECK(raw(3) == "SCO");
  CHECK(tokens.tokens[3].Has(kParenBefore));
  CHECK(tokens.tokens[3].Has(kParenAfter));
  CHECK(tokens.tokens[4].Has(kBreakBefore));
  CHECK(tokens.Folded(tokens.tokens[5]) == "us");
  CHECK(!tokens.tokens[5].Has(kAllCaps));
}

TEST_CASE("tokenizer: sentence starts and breaks") {
  Tokens tokens;
  Tokenize("One. Two, three\n“Four", tokens);
  REQUIRE(tokens.tokens.size() == 4);
  CHECK(tokens.tokens[0].Has(kSentenceStart));
  CHECK(tokens.tokens[1].Has(kSentenceStart | kPeriodBefore));
  CHECK(!tokens.tokens[1].Has(kBreakBefore));
  CHECK(tokens.tokens[2].Has(kBreakBefore));
  CHECK(!tokens.tokens[2].Has(kSentenceStart));
  CHECK(tokens.tokens[3].Has(kSentenceStart));
}

TEST_CASE("tokenizer: odd input does not crash") {
  Tokens tokens;
  for (std::string_view text : {std::string_view(""), std::string_view("'"), std::string_view("’s"),
                                std::string_view("\xff\xfe bad"), std::string_view("a."),
                                std::string_view("U."), std::string_view("x’")}) {
    CAPTURE(text);
    Tokenize(text, tokens);
    for (const Token& t : tokens.tokens) CHECK(t.begin <= t.end);
  }
}

}  // namespace
}  // namespace gazette::internal
