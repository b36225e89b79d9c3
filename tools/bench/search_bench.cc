// tools/bench/search_bench.cc: search latency against a raw Xapian driver,
// exact facet cost, and gazetteer load time, on a synthetic corpus.
//   search_bench DB_DIR [N_ARTICLES=100000]
// Builds DB_DIR once (a plain glass database, reused when present), then
// prints medians. Results go to docs/performance.md, section "Search".
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"
#include "gazette/schema.h"
#include "gazette/search.h"

namespace {

using Clock = std::chrono::steady_clock;

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double TimeMedian(int runs, const std::function<void()>& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    times.push_back(Millis(Clock::now() - start));
  }
  return Median(times);
}

// Synthetic news: a Zipf-like vocabulary, "common" in every other article
// (the half-corpus facet query), entities drawn from the built-in gazetteer.
void BuildCorpus(const std::string& path, int n) {
  const gazette::Gazetteer& g = gazette::Gazetteer::Builtin();
  std::vector<const gazette::Entity*> by_kind[4];
  for (const gazette::Entity& e : g.entities()) by_kind[static_cast<int>(e.kind)].push_back(&e);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 5000; ++i) vocabulary.push_back(fmt::format("w{}x{}", i, i % 7));
  for (const char* w : {"summit", "trade", "sanctions", "election", "talks", "energy", "security"})
    vocabulary.insert(vocabulary.begin(), w);
  std::mt19937 rng(42);
  std::vector<double> weights;
  for (std::size_t i = 0; i < vocabulary.size(); ++i) weights.push_back(1.0 / double(i + 1));
  std::discrete_distribution<int> zipf(weights.begin(), weights.end());
  auto words = [&](int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += vocabulary[zipf(rng)] + (i % 12 == 11 ? ". " : " ");
    return text;
  };
  auto mentions = [&](int kind, int count) {
    std::vector<gazette::Mention> list;
    const auto& pool = by_kind[kind];
    for (int i = 0; i < count && !pool.empty(); ++i) {
      const gazette::Entity* e = pool[std::min<std::size_t>(zipf(rng), pool.size() - 1)];
      if (std::none_of(list.begin(), list.end(), [&](auto& m) { return m.id == e->id; }))
        list.push_back({e->id, e->name, 1, 0, ""});
    }
    return list;
  };
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  db.set_metadata(std::string(gazette::schema::kMetaSchemaVersion),
                  std::to_string(gazette::schema::kSchemaVersion));
  gazette::DocumentBuilder builder;
  for (int i = 0; i < n; ++i) {
    gazette::Article a;
    a.id = fmt::format("doc{}", i);
    a.title = words(8);
    a.body = words(120) + (i % 2 == 0 ? " common" : "");
    a.published = gazette::MakeDay(2015 + i % 11, 1 + i % 12, 1 + i % 28);
    a.source = fmt::format("Outlet {}", i % 12);
    a.language = "en";
    a.leaders = mentions(0, 4);
    a.people = mentions(1, 2);
    a.organizations = mentions(2, 2);
    a.places = mentions(3, 3);
    db.add_document(builder.Build(a, "h", i % 100 == 0 ? &db : nullptr));
    if (i % 5000 == 4999) db.commit();
  }
  db.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: search_bench DB_DIR [N_ARTICLES]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int n = argc > 2 ? std::stoi(argv[2]) : 100000;

  auto start = Clock::now();
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  fmt::print("built-in gazetteer: {} entities parsed in {:.1f} ms\n", gazetteer.entities().size(),
             Millis(Clock::now() - start));
  start = Clock::now();
  gazette::Gazetteer copy = gazette::Gazetteer::LoadWithUserFiles({});
  fmt::print("LoadWithUserFiles (copy of the built-in): {:.1f} ms\n", Millis(Clock::now() - start));

  if (!std::filesystem::exists(path)) {
    start = Clock::now();
    BuildCorpus(path, n);
    fmt::print("built {} articles in {:.1f} s\n", n, Millis(Clock::now() - start) / 1000);
  }
  gazette::Database db = gazette::Database::Open(path);
  Xapian::Database raw(path);
  fmt::print("index: {} articles\n\n", raw.get_doccount());

  const std::vector<std::string> queries = {"summit", "trade sanctions", "\"security talks\"",
                                            "energy OR election", "w12x5", "summit -trade"};
  constexpr int kRuns = 41;
  fmt::print("{:<22} {:>10} {:>10} {:>7} {:>12} {:>7}\n", "top-10 query", "gazette", "xapian", "ratio",
             "xapian+snip", "ratio");
  for (const std::string& q : queries) {
    const double ours = TimeMedian(kRuns, [&] {
      const gazette::ParsedQuery parsed = gazette::BuildQuery(db, gazetteer, q, {}, 0);
      gazette::SearchOptions options;
      (void)gazette::Search(db, parsed, options, gazetteer);
    });
    // The raw driver: what quest does, plus reading each hit's data; then the
    // same plus a snippet per hit, as gazette shows one.
    auto raw_search = [&](bool snippets) {
      Xapian::QueryParser qp;
      qp.set_stemmer(Xapian::Stem("english"));
      qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      qp.set_database(raw);
      qp.set_default_op(Xapian::Query::OP_AND);
      Xapian::Enquire enquire(raw);
      enquire.set_query(qp.parse_query(q));
      Xapian::MSet mset = enquire.get_mset(0, 10);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string data = it.get_document().get_data();
        if (snippets) (void)mset.snippet(data, 200, Xapian::Stem("english"), Xapian::MSet::SNIPPET_EXHAUSTIVE);
      }
    };
    const double theirs = TimeMedian(kRuns, [&] { raw_search(false); });
    const double with_snippets = TimeMedian(kRuns, [&] { raw_search(true); });
    fmt::print("{:<22} {:>10.2f} {:>10.2f} {:>7.2f} {:>12.2f} {:>7.2f}\n", q, ours, theirs, ours / theirs,
               with_snippets, ours / with_snippets);
  }

  const gazette::ParsedQuery half = gazette::BuildQuery(db, gazetteer, "common", {}, 0);
  gazette::SearchOptions facets;
  facets.limit = 0;
  facets.facets = {"leader", "person", "org", "place", "source"};
  const gazette::SearchResult result = gazette::Search(db, half, facets, gazetteer);
  const double facet_ms = TimeMedian(11, [&] { (void)gazette::Search(db, half, facets, gazetteer); });
  gazette::SearchOptions count_only;
  count_only.limit = 0;
  const double count_ms = TimeMedian(11, [&] { (void)gazette::Search(db, half, count_only, gazetteer); });
  fmt::print("\nfacets leader,person,org,place,source over {} matches: {:.1f} ms (exact count alone {:.1f} ms)\n",
             result.total, facet_ms, count_ms);
  return 0;
}
