// The first slice end to end: index plain text, search it, and the errors a
// new user meets first.
#include <doctest/doctest.h>

#include "testutil.h"

namespace gazette::testing {
namespace {

TEST_CASE("index then search finds the article whose title matches") {
  TempDir dir;
  WriteFile(dir.path() / "in/sanctions.txt",
            "Ministers agree new sanctions package\n\nThe ministers met in Brussels on Monday.\n");
  WriteFile(dir.path() / "in/harvest.txt",
            "Wheat harvest breaks records\n\nFarmers reported the largest harvest in a decade.\n");
  const std::string db = dir / "db";

  RunResult indexed = RunGazette({"--db", db, "index", dir / "in"});
  CHECK(indexed.exit_code == 0);
  CAPTURE(indexed.err);
  CHECK(indexed.err.find("2 new") != std::string::npos);

  RunResult found = RunGazette({"--db", db, "search", "--format", "ids", "harvest"});
  CHECK(found.exit_code == 0);
  CHECK(found.out == "harvest.txt\n");

  RunResult text = RunGazette({"--db", db, "search", "sanctions"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("1. Ministers agree new sanctions package") != std::string::npos);
}

TEST_CASE("equal scores come newest first, on every page") {
  // Wire copies: the same text under different ids and dates scores the
  // same; the order of ties must not depend on docids (docs/scaling.md).
  TempDir dir;
  std::string lines;
  for (const char* day : {"01", "02", "03", "04", "05"})
    lines += std::string(R"({"id": "copy-)") + day + R"(", "date": "2019-03-)" + day +
             R"(", "title": "Talks resume", "body": "Envoys resumed qqtalks today."})" + "\n";
  lines +=
      R"({"id": "lead", "date": "2018-01-01", "title": "qqtalks", "body": "qqtalks qqtalks."})";
  WriteFile(dir.path() / "wire.jsonl", lines);
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "wire.jsonl"}).exit_code == 0);

  auto page = [&](const char* offset, const char* limit) {
    return RunGazette({"--db", db, "search", "qqtalks", "--format", "ids", "--offset", offset,
                       "--limit", limit})
        .out;
  };
  CHECK(page("0", "10") == "lead\ncopy-05\ncopy-04\ncopy-03\ncopy-02\ncopy-01\n");
  // Pages whose edges cut through the tied copies.
  CHECK(page("0", "2") == "lead\ncopy-05\n");
  CHECK(page("2", "2") == "copy-04\ncopy-03\n");
  CHECK(page("3", "1") == "copy-03\n");
  CHECK(page("1", "5") == "copy-05\ncopy-04\ncopy-03\ncopy-02\ncopy-01\n");
  CHECK(page("5", "3") == "copy-01\n");
  const std::string json = RunGazette({"--db", db, "search", "qqtalks", "--format", "json",
                                       "--offset", "2", "--limit", "2"})
                               .out;
  CHECK(json.find(R"("rank":3)") != std::string::npos);
  CHECK(json.find(R"("rank":4)") != std::string::npos);
}

TEST_CASE("--sort newest and oldest with words: same-day equal scores by id, on every page") {
  // Same-day wire copies indexed in an order that is not their ids' order
  // either way, so that docid order would show.
  TempDir dir;
  std::string lines;
  for (const char* id : {"c", "a", "e", "b", "d"})
    lines += std::string(R"({"id": "copy-)") + id +
             R"(", "date": "2019-03-05", "title": "Talks resume", "body": "Envoys resumed qqtalks."})" +
             "\n";
  lines += R"({"id": "later", "date": "2019-03-06", "title": "t", "body": "qqtalks again."})" "\n";
  lines += R"({"id": "earlier", "date": "2019-03-04", "title": "t", "body": "qqtalks before."})";
  WriteFile(dir.path() / "wire.jsonl", lines);
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "wire.jsonl"}).exit_code == 0);

  auto page = [&](const char* sort, const char* offset, const char* limit) {
    return RunGazette({"--db", db, "search", "qqtalks", "--sort", sort, "--format", "ids",
                       "--offset", offset, "--limit", limit})
        .out;
  };
  CHECK(page("newest", "0", "10") ==
        "later\ncopy-e\ncopy-d\ncopy-c\ncopy-b\ncopy-a\nearlier\n");
  CHECK(page("oldest", "0", "10") ==
        "earlier\ncopy-a\ncopy-b\ncopy-c\ncopy-d\ncopy-e\nlater\n");
  // Pages whose edges cut through the tied copies.
  CHECK(page("newest", "0", "2") == "later\ncopy-e\n");
  CHECK(page("newest", "2", "2") == "copy-d\ncopy-c\n");
  CHECK(page("newest", "4", "1") == "copy-b\n");
  CHECK(page("newest", "5", "5") == "copy-a\nearlier\n");
  CHECK(page("oldest", "3", "2") == "copy-c\ncopy-d\n");
  CHECK(page("oldest", "9", "2").empty());
}

TEST_CASE("a first database killed while Xapian created it is created again") {
  // What kill -9 can leave when it lands inside the very first run's
  // database creation: the folder, a lock file and a table, no iamglass.
  TempDir dir;
  const std::string db = dir / "db";
  WriteFile(dir.path() / "db/idx-000001/flintlock", "");
  WriteFile(dir.path() / "db/idx-000001/postlist.glass", "");
  WriteFile(dir.path() / "in/a.txt", "Harvest report\n\nThe qqharvest was large.\n");
  RunResult indexed = RunGazette({"--db", db, "index", dir / "in"});
  CAPTURE(indexed.err);
  CHECK(indexed.exit_code == 0);
  CHECK(FoundIds(db, "qqharvest") == "a.txt\n");
}

TEST_CASE("search on a missing database prints a one-line hint and exits 2") {
  TempDir dir;
  RunResult result = RunGazette({"--db", dir / "nowhere", "search", "anything"});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(Lines(result.err).size() == 1);
  CHECK(result.err.find("gazette index") != std::string::npos);
}

TEST_CASE("the database defaults to $GAZETTE_DB") {
  TempDir dir;
  WriteFile(dir.path() / "a.txt", "Election results announced\n\nVoters turned out.\n");
  const std::string db = dir / "envdb";
  RunOptions env{"", {"GAZETTE_DB=" + db}};
  CHECK(RunGazette({"index", dir / "a.txt"}, env).exit_code == 0);
  RunResult found = RunGazette({"search", "--format", "ids", "election"}, env);
  CHECK(found.exit_code == 0);
  CHECK(found.out == "a.txt\n");
}

TEST_CASE("gazette --help lists the subcommands") {
  RunResult help = RunGazette({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("index") != std::string::npos);
  CHECK(help.out.find("search") != std::string::npos);
}

TEST_CASE("an unknown flag is a usage error with exit 2") {
  RunResult result = RunGazette({"search", "--no-such-flag"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--no-such-flag") != std::string::npos);
  CHECK(result.err.find("goes after --") == std::string::npos);
  // A query starting with '-' reads as an option: one line says where it goes.
  RunResult query = RunGazette({"count", "-summit"});
  CHECK(query.exit_code == 2);
  CHECK(query.err == "gazette: The following argument was not expected: -summit (a query that "
                     "starts with '-' goes after --: gazette count -- '-summit')\n");
}

}  // namespace
}  // namespace gazette::testing
