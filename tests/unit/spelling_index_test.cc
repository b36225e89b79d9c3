// SpellingIndex must answer what Xapian's own speller answers: the same
// suggestion, or none, for every word. Xapian is the oracle here, on a table
// dense with near neighbours so that scores, distances and ties all decide.
#include "db/spelling_index.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "db/edit_distance.h"

namespace gazette::internal {
namespace {

const std::vector<std::string> kLetters = {"a", "e", "i", "n", "o", "r", "s", "t", "é", "ü"};

std::string RandomWord(std::mt19937& rng, int min_letters, int max_letters) {
  std::string word;
  const int n = std::uniform_int_distribution<int>(min_letters, max_letters)(rng);
  // Mostly ASCII: two-byte letters shift Xapian's byte n-grams off characters.
  for (int i = 0; i < n; ++i) word += kLetters[std::uniform_int_distribution<int>(0, 9)(rng) < 9
                                                   ? std::uniform_int_distribution<int>(0, 7)(rng)
                                                   : std::uniform_int_distribution<int>(8, 9)(rng)];
  return word;
}

// Up to `edits` byte edits: deletion, insertion, substitution, transposition.
std::string Misspell(std::string word, std::mt19937& rng, int edits) {
  for (int e = 0; e < edits && !word.empty(); ++e) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, word.size() - 1)(rng);
    const char letter = "aeinorstx"[std::uniform_int_distribution<int>(0, 8)(rng)];
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
      case 0: word.erase(at, 1); break;
      case 1: word.insert(word.begin() + static_cast<long>(at), letter); break;
      case 2: word[at] = letter; break;
      default:
        if (at + 1 < word.size()) std::swap(word[at], word[at + 1]);
    }
  }
  return word;
}

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() /
                    ("gazette-spelling-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string operator/(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct Table {
  TempDir dir;
  std::vector<std::string> words;
  Xapian::Database db;
};

// `removals`: also takes words out again, wholly or in part, as a table that
// has lived through updates has.
void Fill(Table& table, unsigned seed, int count, bool removals) {
  std::mt19937 rng(seed);
  Xapian::WritableDatabase out(table.dir / "db", Xapian::DB_CREATE_OR_OPEN);
  for (int i = 0; i < count; ++i) {
    table.words.push_back(RandomWord(rng, 1, 9));
    out.add_spelling(table.words.back(), std::uniform_int_distribution<unsigned>(1, 40)(rng));
  }
  for (const char* word : {"cafe", "café", "muller", "müller", "an", "na", "on", "no", "tax", "take"})
    out.add_spelling(word, 7);
  if (removals) {
    for (int i = 0; i < count / 5; ++i)
      out.remove_spelling(table.words[static_cast<std::size_t>(i * 5)], i % 2 ? 1 : 1000);
  }
  out.commit();
  out.close();
  table.db = Xapian::Database(table.dir / "db");
}

void ExpectSameAsXapian(const Table& table, unsigned seed, int queries) {
  const SpellingIndex index = SpellingIndex::Load(table.db);
  std::mt19937 rng(seed);
  int suggested = 0, compared = 0;
  for (int i = 0; i < queries; ++i) {
    std::string query;
    if (i % 7 == 0) {
      query = RandomWord(rng, 1, 6);
    } else {
      const auto& base = table.words[std::uniform_int_distribution<std::size_t>(0, table.words.size() - 1)(rng)];
      query = Misspell(base, rng, std::uniform_int_distribution<int>(0, 3)(rng));
    }
    if (i % 50 == 0) query += '\xff';  // invalid UTF-8 reaches the speller too
    for (unsigned edits : {1u, 2u, 3u}) {
      const std::string expected = table.db.get_spelling_suggestion(query, edits);
      CHECK_MESSAGE(index.Suggest(query, edits) == expected, "word '" << query << "', edits " << edits);
      ++compared;
      if (!expected.empty()) ++suggested;
    }
  }
  // Neither answer may be always empty: the comparison must have had to agree
  // on actual words.
  CHECK(suggested > compared / 4);
  CHECK(suggested < compared);
}

TEST_CASE("SpellingIndex suggests what Xapian's speller suggests") {
  Table table;
  Fill(table, 17, 3000, false);
  ExpectSameAsXapian(table, 5, 1500);
}

TEST_CASE("SpellingIndex agrees with Xapian after words were removed from the table") {
  Table table;
  Fill(table, 23, 2000, true);
  ExpectSameAsXapian(table, 9, 800);
}

TEST_CASE("SpellingIndex on a table with no words suggests nothing") {
  TempDir dir;
  Xapian::WritableDatabase(dir / "db", Xapian::DB_CREATE_OR_OPEN).commit();
  const SpellingIndex index = SpellingIndex::Load(Xapian::Database(dir / "db"));
  CHECK(index.word_count() == 0);
  CHECK(index.Suggest("summit").empty());
}

TEST_CASE("Xapian's edit distance counts a swap of neighbours as one edit") {
  const auto distance = [](std::string_view a, std::string_view b) {
    const std::vector<unsigned> x(a.begin(), a.end()), y(b.begin(), b.end());
    return XapianEditDistance(x, y, 3);
  };
  CHECK(distance("summit", "summit") == 0);
  CHECK(distance("summit", "sumit") == 1);
  CHECK(distance("summit", "sumimt") == 1);
  CHECK(distance("summit", "sunmti") == 2);
  CHECK(distance("", "abc") == 3);
  CHECK(distance("abcdef", "a") > 3);
}

}  // namespace
}  // namespace gazette::internal
