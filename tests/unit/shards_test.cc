// Several indexes and shards searched as one: the same hits, order, totals
// and facets as one index holding the same articles (docs/scaling.md).
// Remote shards are covered end to end by tests/e2e/shards_test.py.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/schema.h"
#include "gazette/search.h"
#include "search/facets.h"
#include "search/remote_facets.h"
#include "search_fixture.h"

namespace gazette::testing {
namespace {
namespace fs = std::filesystem;

// A scratch folder of on-disk indexes, removed at the end.
class Scratch {
 public:
  Scratch() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("gazette-shards-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

  // An index at `name` holding `articles`, in this order.
  std::string Index(const std::string& name, const std::vector<Article>& articles) {
    const std::string path = *this / name;
    fs::create_directories(fs::path(path).parent_path());
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
    w.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    DocumentBuilder builder;
    for (const Article& a : articles)
      w.replace_document(schema::IdTerm(a.id), builder.Build(a, "h", &w));
    w.commit();
    return path;
  }

  // A sharded index at `name`: shard-00.. as gazette lays them out (each a
  // folder whose stub names its idx-000001), article i in shard i % n.
  std::string Sharded(const std::string& name, const std::vector<Article>& articles, int n) {
    std::string top;
    for (int k = 0; k < n; ++k) {
      const std::string shard = name + "/shard-0" + std::to_string(k);
      std::vector<Article> part;
      for (std::size_t i = k; i < articles.size(); i += n) part.push_back(articles[i]);
      Index(shard + "/idx-000001", part);
      Stub(shard + "/XAPIANDB", "auto idx-000001\n");
      top += "auto shard-0" + std::to_string(k) + "\n";
    }
    Stub(name + "/XAPIANDB", top);
    return *this / name;
  }

  // A stub file at `name` with these lines.
  std::string Stub(const std::string& name, const std::string& lines) {
    std::ofstream(*this / name) << lines;
    return *this / name;
  }

 private:
  fs::path dir_;
};

// A TCP port nothing listens on: connecting is refused at once.
unsigned ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), size) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string ErrorOf(const std::vector<std::string>& paths, const OpenOptions& options = {}) {
  try {
    Database::Open(paths, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Everything a user sees of a search, facets included, as one string.
std::string Rendered(const SearchResult& r) {
  std::string out = std::to_string(r.total) + (r.total_exact ? " exact\n" : " about\n");
  for (const Hit& h : r.hits) out += std::to_string(h.rank) + " " + h.article.id + "\n";
  for (const auto& [name, entries] : r.facets) {
    out += name + ":";
    for (const FacetEntry& e : entries)
      out += " " + e.value + "/" + e.id + "=" + std::to_string(e.count);
    out += "\n";
  }
  return out;
}

const char* const kQueries[] = {"summit", "trade OR talks", "", "leader:putin", "summit -trade"};

std::vector<std::string> HitIds(Database& db, const std::string& text, SortOrder sort) {
  SearchOptions options;
  options.limit = 100;
  options.sort = sort;
  std::vector<std::string> ids;
  for (const Hit& hit :
       Search(db, BuildQuery(db, Gazetteer::Builtin(), text, {}, kFixtureNow), options).hits)
    ids.push_back(hit.article.id);
  return ids;
}

Article Copy(const std::string& id) {
  Article a;
  a.id = id;
  a.title = "Grain deal extended";
  a.body = "The grain deal was extended for sixty days.";
  a.published = MakeDay(2023, 5, 17);
  a.language = "en";
  return a;
}

TEST_CASE("shards: articles tied on score and date come in id order, whatever the docids") {
  Scratch scratch;
  // Wire copies: the same text and day under three ids, in no id order.
  for (const std::vector<std::string>& order :
       {std::vector<std::string>{"b", "c", "a"}, {"c", "a", "b"}}) {
    std::vector<Article> copies;
    for (const std::string& id : order) copies.push_back(Copy(id));
    Database db = Database::Open(scratch.Index("one-" + order[0], copies));
    CAPTURE(order);
    // Newest first reverses the whole date-then-id order.
    CHECK(HitIds(db, "grain", SortOrder::kRelevance) == std::vector<std::string>{"c", "b", "a"});
    CHECK(HitIds(db, "", SortOrder::kNewest) == std::vector<std::string>{"c", "b", "a"});
    CHECK(HitIds(db, "", SortOrder::kOldest) == std::vector<std::string>{"a", "b", "c"});
  }
}

TEST_CASE("shards: three shards in a stub search exactly like one index") {
  Scratch scratch;
  Gazetteer gazetteer;
  gazetteer.MergeTsv(kFixtureGazetteer, "fixture");
  const std::vector<Article> articles = FixtureArticles(gazetteer);
  Database one = Database::Open(scratch.Index("one", articles));
  Database sharded = Database::Open(scratch.Sharded("sharded", articles, 3));
  CHECK(!sharded.has_remote());
  for (const char* text : kQueries) {
    for (SortOrder sort : {SortOrder::kAuto, SortOrder::kNewest, SortOrder::kOldest}) {
      SearchOptions options;
      options.limit = 4;
      options.facets = FacetNames();
      options.facet_limit = 2;
      options.sort = sort;
      CAPTURE(text);
      CAPTURE(static_cast<int>(sort));
      CHECK(Rendered(Search(sharded, BuildQuery(sharded, gazetteer, text, {}, kFixtureNow), options,
                            gazetteer)) ==
            Rendered(Search(one, BuildQuery(one, gazetteer, text, {}, kFixtureNow), options,
                            gazetteer)));
    }
  }
}

TEST_CASE("shards: per-slot facet counts, joined or by position, equal the local counter's") {
  Scratch scratch;
  Gazetteer gazetteer;
  gazetteer.MergeTsv(kFixtureGazetteer, "fixture");
  const std::vector<Article> articles = FixtureArticles(gazetteer);
  Database db = Database::Open(scratch.Sharded("sharded", articles, 3));
  std::vector<internal::FacetSlot> facets;
  for (const std::string& name : FacetNames()) facets.push_back(internal::FindFacetSlot(name));
  for (const char* text : kQueries) {
    const ParsedQuery query = BuildQuery(db, gazetteer, text, {}, kFixtureNow);
    Xapian::Enquire enquire(db.xapian());
    enquire.set_query(query.query);
    internal::FacetSpy spy(facets, db.xapian().size());
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.xapian().get_doccount());
    spy.CountValues(db.xapian());
    // Few matches: joined slots split; many: position slots summed.
    for (Xapian::doccount matches : {Xapian::doccount{1}, internal::kJoinedSlotMaxMatches + 1}) {
      internal::SlotFacetCounter slots(facets, db.xapian(), matches);
      slots.Count(query.query, db.xapian());
      for (std::size_t i = 0; i < facets.size(); ++i) {
        for (std::size_t limit : {1, 2, 100}) {
          CAPTURE(text);
          CAPTURE(matches);
          CAPTURE(facets[i].name);
          CAPTURE(limit);
          SearchResult local, by_slots;
          local.facets.emplace_back(facets[i].name,
                                    internal::TopEntries(spy, i, limit, gazetteer, db.xapian()));
          by_slots.facets.emplace_back(facets[i].name,
                                       slots.TopEntries(i, limit, gazetteer, db.xapian()));
          CHECK(Rendered(by_slots) == Rendered(local));
        }
      }
    }
  }
}

TEST_CASE("shards: several paths open as one index") {
  Scratch scratch;
  const std::string a = scratch.Index("a", {Copy("a1"), Copy("a2")});
  const std::string b = scratch.Index("b", {Copy("b1")});
  Database db = Database::Open({a, b}, {});
  CHECK(db.xapian().get_doccount() == 3);
  CHECK(db.path() == a + ", " + b);
  CHECK(HitIds(db, "", SortOrder::kOldest) == std::vector<std::string>{"a1", "a2", "b1"});
}

TEST_CASE("shards: a shard that does not answer fails the open, naming it") {
  Scratch scratch;
  scratch.Sharded("db", {Copy("a"), Copy("b")}, 2);
  const std::string remote = "remote 127.0.0.1:" + std::to_string(ClosedPort());
  const std::string stub =
      scratch.Stub("all.stub", "auto db/shard-00\n" + remote + "\nauto db/shard-01\n");
  const std::string error = ErrorOf({stub});
  CAPTURE(error);
  CHECK(error.starts_with(stub + ": shard " + remote + " does not answer: Couldn't connect"));
  CHECK(error.ends_with("; search the other shards with --partial"));
  CHECK(error.find('\n') == std::string::npos);
}

TEST_CASE("shards: partial skips the shards that do not answer, and names each") {
  Scratch scratch;
  scratch.Sharded("db", {Copy("a"), Copy("b"), Copy("c")}, 2);
  const std::string remote = "remote 127.0.0.1:" + std::to_string(ClosedPort());
  const std::string stub =
      scratch.Stub("all.stub", "# two local, one remote, one gone\nauto db/shard-00\n" + remote +
                                   "\nauto db/shard-01\nauto db/shard-07\n");
  Database db = Database::Open({stub}, OpenOptions{.partial = true});
  CHECK(db.xapian().get_doccount() == 3);
  CHECK(!db.has_remote());  // the remote one was skipped: local counting stays exact
  REQUIRE(db.skipped().size() == 2);
  CHECK(db.skipped()[0].shard == remote);
  CHECK(db.skipped()[0].reason.starts_with("Couldn't connect"));
  CHECK(db.skipped()[1].shard == scratch / "db/shard-07");
  CHECK(HitIds(db, "", SortOrder::kOldest) == std::vector<std::string>{"a", "b", "c"});
  // Without --partial the missing folder is named too.
  const std::string error =
      ErrorOf({scratch.Stub("gone.stub", "auto db/shard-07\nauto db/shard-00\n")});
  CHECK(error.find("shard " + scratch / "db/shard-07" + " cannot be opened") != std::string::npos);
}

TEST_CASE("shards: partial with no shard answering still fails") {
  Scratch scratch;
  const std::string stub =
      scratch.Stub("dead.stub", "remote 127.0.0.1:" + std::to_string(ClosedPort()) + "\n");
  CHECK(ErrorOf({stub}, OpenOptions{.partial = true})
            .starts_with("no shard of " + stub + " answers"));
}

TEST_CASE("shards: a stub line Xapian would refuse names the file and line, not the text") {
  Scratch scratch;
  for (const char* line : {"secret-token", "remote :", "remote 127.0.0.1:0", "remote 127.0.0.1",
                           "remote [::1]", "chert old"}) {
    CAPTURE(line);
    const std::string stub = scratch.Stub("bad.stub", std::string("# ok\n") + line + "\n");
    CHECK(ErrorOf({stub}) ==
          stub + ":2: not a shard line (auto PATH, remote HOST:PORT, remote :PROGRAM ARGS)");
  }
}

TEST_CASE("shards: a shard of an older schema is refused, naming the shard") {
  Scratch scratch;
  const std::string top = scratch.Sharded("db", {Copy("a"), Copy("b")}, 2);
  {
    Xapian::WritableDatabase old(scratch / "db/shard-01/idx-000001", Xapian::DB_OPEN);
    old.set_metadata(std::string(schema::kMetaSchemaVersion), "1");
    old.commit();
  }
  CHECK(ErrorOf({top}) == scratch / "db/shard-01" + " uses index schema 1, this gazette needs " +
                              std::to_string(schema::kSchemaVersion) + ": run `gazette rebuild`");
  CHECK(ErrorOf({top}, OpenOptions{.allow_old_schema = true}).empty());
}

}  // namespace
}  // namespace gazette::testing
