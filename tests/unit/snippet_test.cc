// Snippets: Xapian picks the passage, but only inside the window where the
// query's words cluster, so the window must hold them and end where Xapian's
// "…" stays truthful.
#include "search/snippet.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gazette/search.h"

namespace gazette::internal {
namespace {

// `n` bytes of sentences that match none of the tests' keys.
std::string Filler(std::size_t n) {
  std::string text;
  while (text.size() < n) text += "Delegates spoke at length about the weather. ";
  return text;
}

TEST_CASE("snippet window: around the first occurrence, at sentence edges") {
  const std::string text =
      Filler(2000) + "Envoys discussed the zanzibar accord today. " + Filler(2000);
  const SnippetWindow w = FindSnippetWindow(text, {"zanzibar"}, 200);
  const std::size_t at = text.find("zanzibar");
  CHECK(w.begin < at);
  CHECK(w.end > at + 8);
  CHECK(w.begin > 0);
  CHECK(w.end < text.size());
  CHECK(w.end - w.begin < 1000);  // not the whole 4 KB body
  // Edges at sentence ends nearby: nothing cut mid-sentence.
  CHECK(text.substr(w.begin - 2, 2) == ". ");
  CHECK(text[w.end - 1] == '.');
  CHECK_FALSE(w.cut_begin);
  CHECK_FALSE(w.cut_end);
}

TEST_CASE("snippet window: the stretch with the most different words wins") {
  const std::string text = Filler(600) + "A zanzibar note. " + Filler(1500) +
                           "The zanzibar and pemba talks. " + Filler(1500);
  const SnippetWindow w = FindSnippetWindow(text, {"zanzibar", "pemba"}, 200);
  CHECK(w.begin > text.find("A zanzibar note"));
  CHECK(w.end > text.find("pemba"));
}

TEST_CASE("snippet window: the whole text when short, or when no key occurs") {
  const std::string text = Filler(3000);
  const SnippetWindow none = FindSnippetWindow(text, {"zanzibar"}, 200);
  CHECK(none.begin == 0);
  CHECK(none.end == text.size());
  const SnippetWindow short_text = FindSnippetWindow("The zanzibar accord.", {"zanzibar"}, 200);
  CHECK(short_text.end == std::string("The zanzibar accord.").size());
  // Only at a word's start: "azanzibar" is not the word.
  const SnippetWindow inside =
      FindSnippetWindow(Filler(1000) + "azanzibar " + Filler(1000), {"zanzibar"}, 200);
  CHECK(inside.begin == 0);
}

// The whole text lowered and searched at once: what FindKeyCluster, which
// searches a growing stretch at a time and stops early, must agree with.
KeyCluster WholeTextCluster(const std::string& text, const std::vector<std::string>& keys,
                            std::size_t length) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<std::size_t, std::size_t>> found;  // offset, key
  KeyCluster cluster;
  for (std::size_t k = 0; k < keys.size(); ++k)
    for (std::size_t at = lower.find(keys[k]); at != std::string::npos;
         at = lower.find(keys[k], at + 1)) {
      cluster.anywhere = true;
      if (at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]))) found.push_back({at, k});
    }
  std::sort(found.begin(), found.end());
  std::size_t best = 0;
  for (const auto& [start, key] : found) {
    std::vector<bool> seen(keys.size());
    std::size_t distinct = 0;
    for (const auto& [offset, k] : found)
      if (offset >= start && offset < start + length && !seen[k]) seen[k] = true, ++distinct;
    if (distinct > best) best = distinct, cluster.start = start;
  }
  return cluster;
}

TEST_CASE("snippet window: searched a stretch at a time, the same cluster as the whole text") {
  // Keys near the stretches' edges (1 KB, then 4 KB, 16 KB), in either case,
  // inside words, and clusters that only a later stretch completes.
  const std::vector<std::string> words = {"Talks", "zanzibar", "ZANZIBARI", "pemba", "of",
                                          "the",   "apemba",   "Accord",    "x",     "unguja."};
  const std::vector<std::vector<std::string>> key_sets = {
      {"zanzibar"}, {"zanzibar", "pemba"}, {"pemba", "accord", "unguja"}, {"x"}, {"nowhere"}};
  std::mt19937 random(20261204);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t size = std::uniform_int_distribution<std::size_t>(500, 40000)(random);
    // Mostly filler, so that keys are far apart, as in articles; every
    // other text so rare that most stretches hold none.
    std::uniform_int_distribution<int> pick(0, round % 2 ? 60 : 3000);
    while (text.size() < size) {
      const int w = pick(random);
      text += w < static_cast<int>(words.size()) ? words[w] : "delegates";
      text += ' ';
    }
    for (const std::size_t length : {std::size_t{60}, std::size_t{200}}) {
      const auto& keys = key_sets[round % key_sets.size()];
      const KeyCluster expected = WholeTextCluster(text, keys, length);
      const KeyCluster got = FindKeyCluster(text, keys, length);
      CAPTURE(round);
      CAPTURE(length);
      REQUIRE(got.start == expected.start);
      REQUIRE(got.anywhere == expected.anywhere);
    }
  }
  // A key across a stretch's end (1 KB, 4 KB, 16 KB for a short passage).
  for (const std::size_t edge : {1024, 4096, 16384})
    for (std::size_t into = 1; into < 8; ++into) {
      const std::string text = std::string(edge - into, ' ') + "Zanzibar" + Filler(20000);
      CAPTURE(edge);
      CAPTURE(into);
      CHECK(FindKeyCluster(text, {"zanzibar"}, 60).start == edge - into);
    }
}

TEST_CASE("snippet window: no sentence end near, so cut at a space and say so") {
  std::string words;
  while (words.size() < 3000) words += "lorem ipsum dolor ";
  const std::string text = words + "zanzibar " + words;
  const SnippetWindow w = FindSnippetWindow(text, {"zanzibar"}, 200);
  CHECK(w.cut_begin);
  CHECK(w.cut_end);
  CHECK(text[w.begin - 1] == ' ');
  CHECK(text[w.end] == ' ');
}

TEST_CASE("snippet: a stemmed word found late in a long body, highlighted, with '…' before") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_term("Zcountri");
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  const Xapian::Query query("Zcountri");
  enquire.set_query(query);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  const Xapian::Stem stemmer("english");
  Article article;
  // Stemmed "countri": the body says "countries", which the key must find.
  std::string words;
  while (words.size() < 3000) words += "lorem ipsum dolor ";
  article.body = words + "many countries signed " + words;
  const std::string snippet = SnippetMaker(mset, query, stemmer, 200)(article);
  CHECK(snippet.find(std::string(1, kHighlightOpen) + "countries" + kHighlightClose) !=
        std::string::npos);
  CHECK(snippet.starts_with("…"));
  CHECK(snippet.ends_with("…"));
}

// An index holding `term`, and a search for it, for SnippetMaker.
struct OneTermSearch {
  explicit OneTermSearch(const std::string& term) : query(term) {
    Xapian::Document doc;
    doc.add_term(term);
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    mset = enquire.get_mset(0, 10);
  }
  std::string Snippet(const std::string& body) const {
    Article article;
    article.body = body;
    return SnippetMaker(mset, query, stemmer, 200)(article);
  }
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::Query query;
  Xapian::MSet mset;
  Xapian::Stem stemmer{"english"};
};

TEST_CASE("snippet: no '…' before a passage that starts a sentence inside a cut window") {
  const OneTermSearch search("zanzibar");
  std::string words;
  while (words.size() < 3000) words += "lorem ipsum dolor ";
  // The window is cut mid-sentence at both ends (no sentence end near them),
  // and Xapian's passage starts at a sentence start inside it.
  const std::string snippet = search.Snippet(words + ". Zanzibar talks ended " + words);
  INFO(snippet);
  CHECK(snippet.starts_with(std::string(1, kHighlightOpen) + "Zanzibar"));
  CHECK(snippet.ends_with("…"));
}

TEST_CASE("snippet: a word whose stem does not start it is highlighted, as Xapian does") {
  // English stems "dying" to "die": a search for "die" matches it, and
  // "died", late in a long body, as well.
  const OneTermSearch search("Zdie");
  for (const char* word : {"dying", "died"}) {
    const std::string snippet =
        search.Snippet(Filler(3000) + "Reports of a " + word + " ceasefire spread. " + Filler(3000));
    INFO(snippet);
    CHECK(snippet.find(std::string(1, kHighlightOpen) + word + kHighlightClose) != std::string::npos);
  }
}

TEST_CASE("snippet: a body no word of the query matches shows its opening") {
  const std::string body = "Leaders met in Bishkek on Friday to sign a trade pact. " + Filler(3000) +
                           "READ MORE: the week in pictures.";
  // A search by entity alone: no word of the query can be in a body.
  const OneTermSearch by_entity("XLEADERvladimir_putin");
  // A word in the title only.
  const OneTermSearch title_only("Zzanzibar");
  for (const OneTermSearch* search : {&by_entity, &title_only}) {
    const std::string snippet = search->Snippet(body);
    INFO(snippet);
    CHECK(snippet.starts_with("Leaders met in Bishkek on Friday to sign a trade pact. Delegates"));
    CHECK(snippet.ends_with("…"));
    CHECK(snippet.size() <= 200 + std::string_view("…").size());
    CHECK(snippet.find("READ MORE") == std::string::npos);
  }
  CHECK(title_only.Snippet("  The talks ended.\nNobody spoke.  ") == "The talks ended. Nobody spoke.");
  // Cut at a sentence's end: nothing left out mid-sentence, so no "…".
  std::string sentences;
  while (sentences.size() < 600) sentences += "Talks end. ";
  CHECK(title_only.Snippet(sentences).ends_with("end."));
}

TEST_CASE("snippet: a match outside the window of a word that only starts like it") {
  // "summing" starts as "summit" does, so the window goes there; the match
  // is far after it.
  const OneTermSearch search("Zsummit");
  const std::string snippet =
      search.Snippet("Summing up, the talks went well. " + Filler(3000) + "The summit ended. " + Filler(500));
  INFO(snippet);
  CHECK(snippet.find(std::string(1, kHighlightOpen) + "summit" + kHighlightClose) != std::string::npos);
}

TEST_CASE("snippet: words Xapian finds where the plain search of the text does not") {
  // Each body has no key in its ASCII-lowered bytes, yet Xapian's words hold
  // the query's: the body must be tokenised, not given up on.
  const std::pair<std::string, std::string> cases[] = {
      {"us", "The U.S. delegation left early."},
      {"istanbul", "Talks resume in \xC4\xB0stanbul today."},
      {"kiev", "Talks resume in \xE2\x84\xAAiev today."},
      {"Zsummit", "The sum\xE2\x80\x8Bmit ended."},
      {"o'neil", "Envoy O\xE2\x80\x99Neil spoke."},
      {"caf\xC3\xA9", "The CAF\xC3\x89 closed."},
  };
  for (const auto& [term, sentence] : cases) {
    const OneTermSearch search(term);
    const std::string snippet = search.Snippet(Filler(1000) + sentence + " " + Filler(1000));
    INFO(term, " -> ", snippet);
    CHECK(snippet.find(kHighlightOpen) != std::string::npos);
  }
}

TEST_CASE("snippet: a paragraph break reads as one space, other blanks as written") {
  const OneTermSearch search("zanzibar");
  const std::string snippet =
      search.Snippet("The talks ended.\n\nZanzibar  stays   calm.\r\nThe envoys left.");
  INFO(snippet);
  CHECK(snippet.find("ended. " + std::string(1, kHighlightOpen) + "Zanzibar") != std::string::npos);
  CHECK(snippet.find("stays   calm. The envoys") != std::string::npos);
  CHECK(snippet.find('\n') == std::string::npos);
}

}  // namespace
}  // namespace gazette::internal
