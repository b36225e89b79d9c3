// search/facets: the two ways of counting (value streams, term postings)
// give the same exact counts, whatever share of the index matches.
#include "search/facets.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "gazette/document.h"
#include "gazette/schema.h"
#include "search_fixture.h"

namespace gazette::internal {
namespace {

using Counts = std::map<std::string, std::uint64_t>;

// The fixture's articles, each with a file origin (XORIGIN... terms, which
// share the start of XORG), and one document written by hand whose leader
// slot names an id twice, as a careless writer might.
Xapian::WritableDatabase FacetIndex() {
  Gazetteer gazetteer;
  gazetteer.MergeTsv(testing::kFixtureGazetteer, "fixture");
  Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
  DocumentBuilder builder;
  for (Article a : testing::FixtureArticles(gazetteer)) {
    a.origin = "/news/" + a.id + ".txt";
    db.add_document(builder.Build(a, "h"));
  }
  Xapian::Document twice;
  twice.add_boolean_term(std::string(schema::kPrefixLeader) + "xi_jinping");
  twice.add_value(schema::kSlotLeaders,
                  std::string("xi_jinping") + schema::kValueSeparator + "xi_jinping");
  twice.add_term("summit");
  db.add_document(twice);
  return db;
}

std::vector<Counts> CountFacets(const Xapian::Database& db, const Xapian::Query& query,
                                FacetMethod method) {
  std::vector<FacetSlot> slots;
  for (const std::string& name : FacetNames()) slots.push_back(FindFacetSlot(name));
  FacetSpy spy(slots);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
  spy.CountValues(db, method);
  std::vector<Counts> out;
  for (std::size_t i = 0; i < slots.size(); ++i)
    out.emplace_back(spy.counts(i).begin(), spy.counts(i).end());
  return out;
}

TEST_CASE("facets: values and postings count alike, each article once per value") {
  const Xapian::WritableDatabase db = FacetIndex();
  const std::vector<Xapian::Query> queries = {
      Xapian::Query::MatchAll, Xapian::Query("summit"), Xapian::Query("Ztrade"),
      Xapian::Query(std::string(schema::kPrefixPlace) + "osaka"), Xapian::Query("nosuchword")};
  for (const Xapian::Query& query : queries) {
    CAPTURE(query.get_description());
    const auto values = CountFacets(db, query, FacetMethod::kValues);
    CHECK(CountFacets(db, query, FacetMethod::kPostings) == values);
    CHECK(CountFacets(db, query, FacetMethod::kAuto) == values);
  }
  const auto all = CountFacets(db, Xapian::Query::MatchAll, FacetMethod::kPostings);
  CHECK(all[0].at("xi_jinping") == 5);  // four articles and the hand-made document
  CHECK(all[2].at("sco") == 1);         // "org": no XORIGIN term leaks in
  CHECK(all[2].size() == 3);
  CHECK(all[4].at("gazette_wire") == 3);
}

TEST_CASE("facets: no prefix of the schema extends an entity or source prefix") {
  // CountPostings reads every term starting with a facet's prefix: another
  // prefix starting with it would add its terms to the facet's counts.
  std::vector<std::string_view> prefixes = {schema::kPrefixId,
                                            schema::kPrefixTitle,
                                            schema::kPrefixLanguage,
                                            schema::kPrefixMentionedYear,
                                            schema::kPrefixMentionedDate,
                                            schema::kPrefixOrigin};
  for (const schema::Field& f : schema::Fields()) prefixes.push_back(f.prefix);
  for (const std::string& name : FacetNames()) {
    const FacetSlot slot = FindFacetSlot(name);
    if (slot.term_prefix.empty()) continue;
    for (std::string_view other : prefixes) {
      CAPTURE(other);
      CHECK((other == slot.term_prefix ||
             other.substr(0, slot.term_prefix.size()) != slot.term_prefix));
    }
  }
}

}  // namespace
}  // namespace gazette::internal
