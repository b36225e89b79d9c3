// IndexWriter: batches become visible to readers only when committed, a
// second writer is refused after its wait, and pruning removes only the
// articles whose file is gone.
#include "db/writer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "db/spelling.h"
#include "gazette/problem.h"
#include "gazette/schema.h"
#include "scratch_dir.h"

namespace gazette::internal {
namespace {
namespace fs = std::filesystem;

using testing::ScratchDir;

Xapian::Document Doc(const std::string& id_term, const std::string& origin = "") {
  Xapian::Document doc;
  doc.add_boolean_term(id_term);
  if (!origin.empty()) doc.add_boolean_term(schema::PrefixedTerm(schema::kPrefixOrigin, origin));
  doc.add_value(schema::kSlotContentHash, "h-" + id_term);
  return doc;
}

TEST_CASE("writer: a batch is visible to readers only once it is full or committed") {
  ScratchDir dir;
  const std::string db = (dir.path / "db").string();
  WriterOptions options;
  options.batch_articles = 2;
  IndexWriter writer(db, options, {"fingerprint", "test"});
  CHECK(writer.was_empty());
  writer.Write("Qa", Doc("Qa"), 10);
  CHECK(Xapian::Database(db).get_doccount() == 0);
  writer.Write("Qb", Doc("Qb"), 10);  // the batch is full: committed
  CHECK(Xapian::Database(db).get_doccount() == 2);
  writer.Write("Qa", Doc("Qa"), 10);  // same id again: replaced, not added
  writer.Commit();
  Xapian::Database reader(db);
  CHECK(reader.get_doccount() == 2);
  CHECK(reader.get_metadata(std::string(schema::kMetaGazetteer)) == "fingerprint");
  CHECK(writer.WrittenThisRun("Qa"));
  CHECK(!writer.WrittenThisRun("Qz"));
  CHECK(writer.StoredHash("Qb") == "h-Qb");
  CHECK(writer.StoredHash("Qz").empty());
}

TEST_CASE("writer: words of written documents feed the spelling table") {
  ScratchDir dir;
  const std::string db = (dir.path / "db").string();
  IndexWriter writer(db, WriterOptions{}, {});
  Xapian::Document doc = Doc("Qa");
  doc.add_term("harvest", 2);
  doc.add_term("Zharvest", 2);
  writer.Write("Qa", doc, 1);
  writer.Commit();
  Xapian::Database reader(db);
  CHECK(reader.get_spelling_suggestion("harvst") == "harvest");
  CHECK(reader.spellings_begin() != reader.spellings_end());
  for (auto word = reader.spellings_begin(); word != reader.spellings_end(); ++word)
    CHECK((*word)[0] != 'Z');
  CHECK((*reader.spellings_begin()) == "harvest");
}

// The spelling table of a database as word -> frequency lines.
std::string SpellingTable(const Xapian::Database& db) {
  std::string out;
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word)
    out += *word + " " + std::to_string(word.get_termfreq()) + "\n";
  return out;
}

TEST_CASE("spelling: a merged build's words make the table counting each document's would") {
  ScratchDir dir;
  const std::string counted = (dir.path / "counted").string(),
                    merged = (dir.path / "merged").string();
  Xapian::WritableDatabase by_document(counted, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::WritableDatabase by_term(merged, Xapian::DB_CREATE_OR_OVERWRITE);
  SpellingCounts counts;
  // Words sort before prefixed terms (digits) and after them (lower case,
  // '_', beyond ASCII); prefixed terms (ids, stems, titles) are not words.
  const std::vector<std::vector<std::pair<std::string, Xapian::termcount>>> documents = {
      {{"Qa", 1}, {"2019", 2}, {"summit", 3}, {"Zsummit", 3}, {"Ssummit", 1}, {"_x", 1}},
      {{"Qb", 1},
       {"summit", 1},
       {"\xD0\xB2\xD1\x81\xD1\x82\xD1\x80\xD0\xB5\xD1\x87\xD0\xB0", 2},
       {"XLputin", 1},
       {"1,000.5", 1}},
      {{"Qc", 1}, {"a", 1}, {"zeal", 4}}};
  for (const auto& terms : documents) {
    Xapian::Document doc;
    for (const auto& [term, wdf] : terms) doc.add_term(term, wdf);
    counts.Add(doc);
    by_document.add_document(doc);
    by_term.add_document(doc);
  }
  counts.FlushTo(by_document);
  by_document.commit();
  by_term.commit();
  AddSpellingsOfWords(Xapian::Database(merged), by_term);
  by_term.commit();
  const std::string table = SpellingTable(Xapian::Database(counted));
  CHECK(table.find("summit 4\n") != std::string::npos);
  CHECK(table.find("2019 2\n") != std::string::npos);
  CHECK(table.find("Zsummit") == std::string::npos);
  CHECK(SpellingTable(Xapian::Database(merged)) == table);

  // Split between threads, each word goes to exactly one share.
  const std::string split = (dir.path / "split").string();
  {
    Xapian::WritableDatabase shares(split, Xapian::DB_CREATE_OR_OVERWRITE);
    for (std::size_t share = 0; share < 3; ++share)
      AddSpellingsOfWords(Xapian::Database(merged), shares, share, 3);
    shares.commit();
  }
  CHECK(SpellingTable(Xapian::Database(split)) == table);
}

TEST_CASE("writer: a second writer gives up after its wait with kLocked") {
  ScratchDir dir;
  const std::string db = (dir.path / "db").string();
  IndexWriter first(db, WriterOptions{}, {});
  WriterOptions impatient;
  impatient.wait_seconds = 0.2;
  try {
    IndexWriter second(db, impatient, {});
    FAIL("the second writer got the lock");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kLocked);
  }
}

TEST_CASE("writer: pruning removes articles whose file is gone, under the folder only") {
  ScratchDir dir;
  const std::string db = (dir.path / "db").string();
  const std::string folder = (dir.path / "in").string() + "/";
  fs::create_directories(folder);
  std::ofstream(folder + "kept.txt") << "x";
  IndexWriter writer(db, WriterOptions{}, {});
  writer.Write("Qkept", Doc("Qkept", folder + "kept.txt"), 1);
  writer.Write("Qgone", Doc("Qgone", folder + "gone.txt"), 1);
  writer.Write("Qelsewhere", Doc("Qelsewhere", "/nonexistent/elsewhere.txt"), 1);
  writer.Commit();
  CHECK(writer.PruneMissing(folder) == 1);
  writer.Commit();
  Xapian::Database reader(db);
  CHECK(reader.get_doccount() == 2);
  CHECK(reader.get_termfreq("Qgone") == 0);
}

}  // namespace
}  // namespace gazette::internal
