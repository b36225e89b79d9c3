// The synonym table that stands for stemmed terms (src/db/stem_table.h).
#include "db/stem_table.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"
#include "gazette/schema.h"
#include "scratch_dir.h"

namespace gazette::internal {
namespace {
namespace fs = std::filesystem;

using testing::ScratchDir;

using Table = std::map<std::string, std::set<std::string>>;

Table StemTable(const Xapian::Database& db) {
  Table out;
  for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key)
    for (auto word = db.synonyms_begin(*key); word != db.synonyms_end(*key); ++word)
      out[*key].insert(*word);
  return out;
}

Article Make(const std::string& id, const std::string& language, const std::string& title,
             const std::string& body) {
  Article a;
  a.id = id;
  a.language = language;
  a.title = title;
  a.body = body;
  return a;
}

std::vector<Article> Articles() {
  return {Make("a", "en", "Summits end", "Leaders talked. The talks went on in 2019; _x 1,000.5"),
          Make("b", "fr", "Les présidentes", "Les présidents parlaient."),
          Make("c", "", "Talk", "Дипломаты встречались.")};
}

TEST_CASE("stems: a key is what QueryParser looks up for a stemmed word") {
  const Xapian::Stem english("english");
  CHECK(StemKey("summits", english) == "Zsummit");
  CHECK(StemKey("Ssummits", english) == "ZSsummit");
  CHECK(StemKey("présidents", Xapian::Stem("french")) == "Zprésident");
  // Not stemmed by QueryParser: a number, a symbol first, other fields.
  for (const char* term :
       {"2019", "1,000.5", "_x", "S2019", "Qa", "XLEADERvladimir_putin", "Len"}) {
    CAPTURE(term);
    CHECK(StemKey(term, english).empty());
  }
}

TEST_CASE("stems: a fresh build's table is the one batches in place add") {
  ScratchDir dir;
  const std::string in_place = (dir.path / "in-place").string(),
                    fresh = (dir.path / "fresh").string(), split = (dir.path / "split").string();
  {
    Xapian::WritableDatabase by_batch(in_place, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::WritableDatabase built(fresh, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder;
    StemCollector batch;
    for (const Article& article : Articles()) {
      const Xapian::Document doc = builder.Build(article, "h");
      batch.Add(doc);
      by_batch.add_document(doc);
      built.add_document(doc);
    }
    batch.FlushTo(by_batch);
    by_batch.commit();
    built.commit();
  }
  {
    Xapian::WritableDatabase words(split, Xapian::DB_CREATE_OR_OVERWRITE);
    for (std::size_t share = 0; share < 3; ++share)
      AddStemsOfWords(Xapian::Database(fresh), words, share, 3);
    words.commit();
  }
  const Table table = StemTable(Xapian::Database(in_place));
  CHECK(table.at("Ztalk") == std::set<std::string>{"talk", "talked", "talks"});
  CHECK(table.at("ZStalk") == std::set<std::string>{"Stalk"});
  CHECK(table.at("ZSsummit") == std::set<std::string>{"Ssummits"});
  // The French article's words by French stems, and by English ones too.
  CHECK(table.at("Zparl") == std::set<std::string>{"parlaient"});
  CHECK(table.at("Zparlaient") == std::set<std::string>{"parlaient"});
  CHECK(table.at("Zprésident") == std::set<std::string>{"présidentes", "présidents"});
  CHECK(table.at("ZSprésident") == std::set<std::string>{"Sprésidentes"});
  // An English article's words are not keyed by the French stemmer.
  CHECK(table.count("Ztalked") == 0);
  // An article of no language is English; Russian words by the English
  // stemmer leave them as they are.
  CHECK(table.at("Zдипломаты") == std::set<std::string>{"дипломаты"});
  CHECK(table.count("Z2019") == 0);
  CHECK(StemTable(Xapian::Database(split)) == table);
  // Each word in exactly one share.
  const auto pairs = [](const Table& t) {
    std::size_t n = 0;
    for (const auto& [key, words] : t) n += words.size();
    return n;
  };
  std::size_t in_shares = 0;
  for (std::size_t share = 0; share < 3; ++share) {
    const std::string one = (dir.path / ("share-" + std::to_string(share))).string();
    Xapian::WritableDatabase words(one, Xapian::DB_CREATE_OR_OVERWRITE);
    AddStemsOfWords(Xapian::Database(fresh), words, share, 3);
    words.commit();
    in_shares += pairs(StemTable(words));
  }
  CHECK(in_shares == pairs(table));
}

TEST_CASE("stems: a query finds every word of its stem, and only through the table") {
  ScratchDir dir;
  const std::string path = (dir.path / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(std::string(schema::kMetaSchemaVersion),
                    std::to_string(schema::kSchemaVersion));
    DocumentBuilder builder;
    for (const Article& article : Articles()) db.add_document(builder.Build(article, "h", &db));
    db.commit();
  }
  Database db = Database::Open(path);
  const Gazetteer& gazetteer = Gazetteer::Builtin();
  auto count = [&](const std::string& text) {
    const ParsedQuery q = BuildQuery(db, gazetteer, text, {}, 0);
    Xapian::Enquire enquire(db.xapian());
    enquire.set_query(q.query);
    return enquire.get_mset(0, 10, 100).size();
  };
  CHECK(count("talking") == 2);  // "talked", "talks", title "Talk"
  CHECK(count("title:talking") == 1);
  CHECK(count("=talking") == 0);
  CHECK(count("présidente") == 1);
  // The document holds no stemmed term: a bare stem matches nothing.
  Xapian::Enquire enquire(db.xapian());
  enquire.set_query(Xapian::Query("Ztalk"));
  CHECK(enquire.get_mset(0, 10).empty());
}

}  // namespace
}  // namespace gazette::internal
