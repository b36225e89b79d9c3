// tools/bench/search_bench.cc: in-process query latency on one gazette index,
// through gazette's library (BuildQuery + Search) and through a raw Xapian
// driver (QueryParser + Enquire + get_data, what `quest` does), plus the cost
// of exact facets and of loading the built-in gazetteer. tools/bench/run
// calls it with the query mix it wrote; by hand:
//
//   search_bench --db DB --queries QUERIES.json [--repeat 200] [--json OUT]
//   search_bench --db DB --queries QUERIES.json --facet-methods
//   search_bench --db DB --queries QUERIES.json --breakdown
//   search_bench --db DB --queries QUERIES.json --once NAME --driver D --times N
//
// --facet-methods times only the counting of each facets query, once per
// way FacetSpy can count (value streams, term postings, the automatic
// choice), and the raw spy, for docs/performance.md "Exact facets".
// --breakdown splits a top-10 query into its parts (CPU medians): parsing
// with and without spelling, Search with and without snippets, matching,
// decoding the document data, snippets.
//
// --once runs the query NAME through driver D (gazette, gazette_nosnippet,
// xapian) twice to warm up, then N times, and prints nothing else: for
// tools/bench/instructions, which counts each run's instructions under
// callgrind (repeatable where timings are not).
// QUERIES.json is a list of {"name", "gazette": query text, "xapian": the raw
// driver's query text or null, "facets": [field...] (optional), "limit"}.
// Runs alternate between the two drivers so that load on a shared machine
// falls on both alike. Prints a table on stderr and, with --json, writes
// {"gazetteer": {...}, "wall"/"cpu": {driver: {query: [seconds...]}} with
// drivers gazette, xapian, xapian_snippets (the raw driver plus a snippet of
// each hit's body, the same work as gazette's) and gazette_nosnippet (gazette
// without snippets, what `--format ids` asks, the same work as xapian's),
//  "matches": {driver: {query: n}}, "facets_agree": bool}.
#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"
#include "gazette/schema.h"
#include "gazette/search.h"
#include "search/facets.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct BenchQuery {
  std::string name;
  std::string gazette;
  std::string xapian;  // empty: the raw driver cannot express it
  std::vector<std::string> facets;
  std::size_t limit = 10;
};

// A multi-valued facet counter as the Xapian notes give it (§2, option A):
// the plain way to count facets with the raw library, for comparison.
class RawFacetSpy : public Xapian::MatchSpy {
 public:
  RawFacetSpy(Xapian::valueno slot, bool multi) : slot_(slot), multi_(multi) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string v = doc.get_value(slot_);
    if (v.empty()) return;
    if (!multi_) {
      ++counts_[v];
      return;
    }
    for (std::size_t b = 0, e; b < v.size(); b = e + 1) {
      e = v.find(gazette::schema::kValueSeparator, b);
      if (e == std::string::npos) e = v.size();
      if (e > b) ++counts_[v.substr(b, e - b)];
    }
  }
  const std::unordered_map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  bool multi_;
  std::unordered_map<std::string, Xapian::doccount> counts_;
};

// The raw driver: quest's QueryParser set up as gazette's (English stemmer,
// STEM_SOME, AND, and FLAG_AUTO_SYNONYMS, by which the index's stems are
// found: src/db/stem_table.h), with boolean prefixes for the entity fields and
// a plain string range on the date slot ("date:20190101..20201231").
class RawDriver {
 public:
  static constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

  explicit RawDriver(const std::string& path)
      : db_(path), dates_(gazette::schema::kSlotDate, "date:") {
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_database(db_);
    for (const gazette::schema::Field& f : gazette::schema::Fields())
      if (f.type == gazette::schema::FieldType::kEntity)
        parser_.add_boolean_prefix(std::string(f.name), std::string(f.prefix), false);
    parser_.add_rangeprocessor(&dates_);
  }

  // Top `limit` hits with their data, or with facets every match counted.
  // With `snippets`, also what gazette does with each hit's data: find the
  // body after the field lines and make a 200-character snippet of it (the
  // flags of search/snippet.cc), so that the rest of the gap is gazette's own.
  // The field lines themselves cost ~1 us a hit to split; not counted.
  Xapian::doccount Run(const BenchQuery& q, std::deque<RawFacetSpy>* spies = nullptr,
                       bool snippets = false) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser_.parse_query(q.xapian, kFlags));
    if (spies)
      for (RawFacetSpy& spy : *spies) enquire.add_matchspy(&spy);
    Xapian::MSet mset = enquire.get_mset(0, q.limit, spies ? db_.get_doccount() : 0);
    std::size_t bytes = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      bytes += data.size();
      if (!snippets) continue;
      // Schema 3's data: "field=value" lines, a blank line, the body.
      const std::size_t blank = data.find("\n\n");
      if (blank == std::string::npos) continue;
      bytes += mset.snippet(data.substr(blank + 2), 200, stemmer_, 0, "\x02", "\x03", "…")
                   .size();
    }
    sink_ += bytes;
    return mset.get_matches_estimated();
  }

  Xapian::doccount Count(const BenchQuery& q) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser_.parse_query(q.xapian, kFlags));
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
  }

  static std::deque<RawFacetSpy> Spies(const BenchQuery& q) {
    std::deque<RawFacetSpy> spies;
    for (const std::string& name : q.facets) {
      const gazette::schema::Field* f = gazette::schema::FindField(name);
      if (f && f->facet_slot)
        spies.emplace_back(*f->facet_slot, f->type == gazette::schema::FieldType::kEntity);
    }
    return spies;
  }

 private:
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::RangeProcessor dates_;
  Xapian::Stem stemmer_{"english"};
  std::size_t sink_ = 0;
};

struct Args {
  std::string db, queries, json;
  int repeat = 200;
  bool facet_methods = false;
  bool breakdown = false;
  std::string once, driver = "gazette";
  int times = 0;
};

// The gazette driver: a whole top-`limit` search as `gazette search` makes
// it. Without snippets: what `--format ids` asks, which shows no suggestion
// either.
gazette::SearchResult GazetteRun(gazette::Database& db, const gazette::Gazetteer& gazetteer,
                                 const BenchQuery& q, std::int64_t now, bool snippets = true) {
  const gazette::ParsedQuery parsed = gazette::BuildQuery(
      db, gazetteer, q.gazette, {}, now, snippets ? gazette::Suggest::kYes : gazette::Suggest::kNo);
  gazette::SearchOptions options;
  options.limit = q.limit;
  options.facets = q.facets;
  if (!snippets) options.snippet_length = 0;
  return gazette::Search(db, parsed, options, gazetteer);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--db")
      args.db = next();
    else if (a == "--queries")
      args.queries = next();
    else if (a == "--json")
      args.json = next();
    else if (a == "--repeat")
      args.repeat = std::stoi(next());
    else if (a == "--facet-methods")
      args.facet_methods = true;
    else if (a == "--breakdown")
      args.breakdown = true;
    else if (a == "--once")
      args.once = next();
    else if (a == "--driver")
      args.driver = next();
    else if (a == "--times")
      args.times = std::stoi(next());
    else
      throw std::runtime_error("unknown argument " + a);
  }
  if (args.db.empty() || args.queries.empty())
    throw std::runtime_error(
        "usage: search_bench --db DB --queries QUERIES.json [--repeat N] [--json OUT]");
  return args;
}

std::vector<BenchQuery> LoadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  const nlohmann::json json = nlohmann::json::parse(in);
  std::vector<BenchQuery> queries;
  for (const auto& q : json) {
    BenchQuery b;
    b.name = q.at("name");
    b.gazette = q.at("gazette");
    if (q.contains("xapian") && q["xapian"].is_string()) b.xapian = q["xapian"];
    if (q.contains("facets")) b.facets = q["facets"].get<std::vector<std::string>>();
    b.limit = q.value("limit", std::size_t{10});
    queries.push_back(std::move(b));
  }
  return queries;
}

// Whether gazette's facet entries carry the raw spies' counts.
bool FacetsAgree(const gazette::SearchResult& result, const std::deque<RawFacetSpy>& spies) {
  if (result.facets.size() != spies.size()) return false;
  for (std::size_t i = 0; i < spies.size(); ++i) {
    for (const gazette::FacetEntry& e : result.facets[i].second) {
      auto it = spies[i].counts().find(e.id);
      if (it == spies[i].counts().end() || it->second != e.count) return false;
    }
  }
  return true;
}

// Enquire + spy + counting, without hits or display names: the part of a
// facets query that depends on how the values are read.
int FacetMethods(const Args& args) {
  const std::vector<BenchQuery> queries = LoadQueries(args.queries);
  gazette::Database db = gazette::Database::Open(args.db);
  Xapian::Database& xdb = db.xapian();
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  const int runs = std::max(5, args.repeat / 10);
  fmt::print("{:<10} {:>8} {:>22} {:>22} {:>22} {:>22}\n", "query", "matches", "values ms (CPU)",
             "postings ms (CPU)", "auto ms (CPU)", "raw spy ms (CPU)");
  for (const BenchQuery& q : queries) {
    if (q.facets.empty()) continue;
    const gazette::ParsedQuery parsed = gazette::BuildQuery(db, gazetteer, q.gazette, {}, 0);
    std::vector<gazette::internal::FacetSlot> slots;
    for (const std::string& name : q.facets)
      slots.push_back(gazette::internal::FindFacetSlot(name));
    Xapian::doccount matches = 0;
    auto time = [&](const std::function<void()>& f) {
      std::vector<double> wall, cpu;
      for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        const double cpu_start = CpuSeconds();
        f();
        cpu.push_back((CpuSeconds() - cpu_start) * 1e3);
        wall.push_back(Seconds(Clock::now() - start) * 1e3);
      }
      return fmt::format("{:.1f} ({:.1f})", Median(wall), Median(cpu));
    };
    auto with = [&](gazette::internal::FacetMethod method) {
      return time([&] {
        gazette::internal::FacetSpy spy(slots);
        Xapian::Enquire enquire(xdb);
        enquire.set_query(parsed.query);
        enquire.add_matchspy(&spy);
        matches = enquire.get_mset(0, 0, xdb.get_doccount()).get_matches_estimated();
        spy.CountValues(xdb, method);
      });
    };
    const std::string values = with(gazette::internal::FacetMethod::kValues);
    const std::string postings = with(gazette::internal::FacetMethod::kPostings);
    const std::string automatic = with(gazette::internal::FacetMethod::kAuto);
    RawDriver raw(args.db);
    const std::string spy = q.xapian.empty() ? "n/a" : time([&] {
      std::deque<RawFacetSpy> spies = RawDriver::Spies(q);
      raw.Run(q, &spies);
    });
    fmt::print("{:<10} {:>8} {:>22} {:>22} {:>22} {:>22}\n", q.name, matches, values, postings,
               automatic, spy);
  }
  return 0;
}

// Where a top-10 query's time goes, part by part (thread CPU ms, medians).
int Breakdown(const Args& args) {
  const std::vector<BenchQuery> queries = LoadQueries(args.queries);
  gazette::Database db = gazette::Database::Open(args.db);
  Xapian::Database& xdb = db.xapian();
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  const int runs = std::max(11, args.repeat);
  auto cpu_ms = [&](const std::function<void()>& f) {
    std::vector<double> cpu;
    for (int r = 0; r < runs; ++r) {
      const double start = CpuSeconds();
      f();
      cpu.push_back((CpuSeconds() - start) * 1e3);
    }
    return Median(cpu);
  };
  fmt::print("{:<8} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "query",
             "BuildQuery", "QP alone", "Search", "no snippet", "match+data", "decode x10",
             "snip exh.", "snip 0", "suggest/w");
  const Xapian::Stem stemmer("english");
  for (const BenchQuery& q : queries) {
    if (!q.facets.empty()) continue;
    const gazette::ParsedQuery parsed = gazette::BuildQuery(db, gazetteer, q.gazette, {}, 0);
    gazette::SearchOptions options;
    gazette::SearchOptions no_snippet;
    no_snippet.snippet_length = 0;
    Xapian::QueryParser qp;  // gazette's parser settings without spelling or fields
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(xdb);
    qp.set_default_op(Xapian::Query::OP_AND);
    Xapian::Enquire enquire(xdb);
    enquire.set_query(parsed.query);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    std::vector<std::string> data;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      data.push_back(it.get_document().get_data());
    std::vector<std::string> bodies;
    for (const std::string& d : data) bodies.push_back(d.substr(d.find("\n\n") + 2));
    const std::string first_word = q.gazette.substr(0, q.gazette.find(' '));
    const std::string word = first_word.empty() || first_word[0] == '"' ? "summit" : first_word;
    fmt::print(
        "{:<8} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} "
        "{:>10.3f}\n",
        q.name, cpu_ms([&] { (void)gazette::BuildQuery(db, gazetteer, q.gazette, {}, 0); }),
        cpu_ms([&] { (void)qp.parse_query(q.gazette, RawDriver::kFlags); }),
        cpu_ms([&] { (void)gazette::Search(db, parsed, options, gazetteer); }),
        cpu_ms([&] { (void)gazette::Search(db, parsed, no_snippet, gazetteer); }), cpu_ms([&] {
          Xapian::Enquire e(xdb);
          e.set_query(parsed.query);
          Xapian::MSet m = e.get_mset(0, 10);
          for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
        }),
        cpu_ms([&] {
          std::size_t n = 0;
          for (const std::string& d : data) n += gazette::ArticleFromData(d).title.size();
          if (n == 0) fmt::print("");
        }),
        cpu_ms([&] {
          for (const std::string& b : bodies)
            (void)mset.snippet(b, 200, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE);
        }),
        cpu_ms([&] {
          for (const std::string& b : bodies) (void)mset.snippet(b, 200, stemmer, 0);
        }),
        cpu_ms([&] { (void)xdb.get_spelling_suggestion(word); }));
  }
  return 0;
}

// One query, one driver, warmed up then run `times` times (--once).
int Once(const Args& args) {
  const std::vector<BenchQuery> queries = LoadQueries(args.queries);
  const auto q = std::find_if(queries.begin(), queries.end(),
                              [&](const BenchQuery& b) { return b.name == args.once; });
  if (q == queries.end()) throw std::runtime_error("no query named " + args.once);
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  gazette::Database db = gazette::Database::Open(args.db);
  RawDriver raw(args.db);
  const std::int64_t now = gazette::QueryNow();
  std::function<void()> run;
  if (args.driver == "gazette" || args.driver == "gazette_nosnippet") {
    const bool snippets = args.driver == "gazette";
    run = [&, snippets] { (void)GazetteRun(db, gazetteer, *q, now, snippets); };
  } else if (args.driver == "xapian" && !q->xapian.empty()) {
    run = [&] {
      std::deque<RawFacetSpy> spies = RawDriver::Spies(*q);
      (void)raw.Run(*q, q->facets.empty() ? nullptr : &spies);
    };
  } else {
    throw std::runtime_error("no driver " + args.driver + " for " + q->name);
  }
  // Warmed up twice: Database loads the spelling table on the second ask.
  for (int r = 0; r < args.times + 2; ++r) run();
  return 0;
}

int Run(const Args& args) {
  if (args.facet_methods) return FacetMethods(args);
  if (args.breakdown) return Breakdown(args);
  if (!args.once.empty()) return Once(args);
  nlohmann::json out;
  // First thing in the process, as in every `gazette` command: the cold parse.
  const auto load_start = Clock::now();
  const double load_cpu = CpuSeconds();
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  out["gazetteer"] = {{"entities", gazetteer.entities().size()},
                      {"wall_ms", Seconds(Clock::now() - load_start) * 1e3},
                      {"cpu_ms", (CpuSeconds() - load_cpu) * 1e3}};

  const std::vector<BenchQuery> queries = LoadQueries(args.queries);
  gazette::Database db = gazette::Database::Open(args.db);
  RawDriver raw(args.db);
  const std::int64_t now = gazette::QueryNow();

  auto gazette_run = [&](const BenchQuery& q, bool snippets = true) {
    return GazetteRun(db, gazetteer, q, now, snippets);
  };
  auto raw_run = [&](const BenchQuery& q) {
    if (q.facets.empty()) return raw.Run(q);
    std::deque<RawFacetSpy> spies = RawDriver::Spies(q);
    return raw.Run(q, &spies);
  };

  bool facets_agree = true;
  for (const BenchQuery& q : queries) {  // warm up; record what each answers
    const gazette::ParsedQuery parsed = gazette::BuildQuery(db, gazetteer, q.gazette, {}, now);
    out["matches"]["gazette"][q.name] = gazette::CountMatches(db, parsed);
    const gazette::SearchResult result = gazette_run(q);
    if (q.xapian.empty()) continue;
    out["matches"]["xapian"][q.name] = raw.Count(q);
    if (!q.facets.empty()) {
      std::deque<RawFacetSpy> spies = RawDriver::Spies(q);
      raw.Run(q, &spies);
      facets_agree = facets_agree && FacetsAgree(result, spies);
    } else {
      raw_run(q);
    }
  }
  out["facets_agree"] = facets_agree;

  std::map<std::string, std::map<std::string, std::vector<double>>> walls, cpus;
  auto time_one = [&](const std::string& driver, const std::string& name,
                      const std::function<void()>& f) {
    const auto start = Clock::now();
    const double cpu_start = CpuSeconds();
    f();
    cpus[driver][name].push_back(CpuSeconds() - cpu_start);
    walls[driver][name].push_back(Seconds(Clock::now() - start));
  };
  for (const BenchQuery& q : queries) {
    // Facets over half the index take milliseconds: fewer runs suffice.
    const int runs = q.facets.empty() ? args.repeat : std::max(5, args.repeat / 10);
    for (int r = 0; r < runs; ++r) {
      time_one("gazette", q.name, [&] { (void)gazette_run(q); });
      if (q.xapian.empty()) continue;
      time_one("xapian", q.name, [&] { (void)raw_run(q); });
      if (!q.facets.empty()) continue;
      time_one("xapian_snippets", q.name, [&] { (void)raw.Run(q, nullptr, true); });
      time_one("gazette_nosnippet", q.name, [&] { (void)gazette_run(q, false); });
    }
  }
  out["wall"] = walls;
  out["cpu"] = cpus;

  fmt::print(stderr, "built-in gazetteer: {} entities, first load {:.2f} ms ({:.2f} ms CPU)\n",
             gazetteer.entities().size(), out["gazetteer"]["wall_ms"].get<double>(),
             out["gazetteer"]["cpu_ms"].get<double>());
  fmt::print(stderr, "{:<10} {:>9} {:>11} {:>11} {:>7} {:>16} {:>7}\n", "query", "matches",
             "gazette ms", "xapian ms", "ratio", "+json+snippet ms", "ratio");
  for (const BenchQuery& q : queries) {
    const double g = Median(walls["gazette"][q.name]) * 1e3;
    const double x = Median(walls["xapian"][q.name]) * 1e3;
    const double xs = Median(walls["xapian_snippets"][q.name]) * 1e3;
    fmt::print(stderr, "{:<10} {:>9} {:>11.3f} {:>11.3f} {:>7.2f} {:>16.3f} {:>7.2f}\n", q.name,
               out["matches"]["gazette"][q.name].get<std::uint64_t>(), g, x, x > 0 ? g / x : 0, xs,
               xs > 0 ? g / xs : 0);
  }
  fmt::print(stderr, "facets: gazette's counts equal the raw spies': {}\n",
             facets_agree ? "yes" : "NO");
  if (!args.json.empty()) {
    std::ofstream(args.json) << out.dump() << '\n';
  }
  return facets_agree ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(ParseArgs(argc, argv));
  } catch (const std::exception& e) {
    fmt::print(stderr, "search_bench: {}\n", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "search_bench: {}\n", e.get_description());
    return 2;
  }
}
