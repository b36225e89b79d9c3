// Index maintenance end to end (issue 6): rebuild and its atomic swap under
// concurrent searches and kill -9, the old-schema refusal, inspect check on a
// damaged index, and the export/import round trip.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "testutil.h"

namespace gazette::testing {
namespace {

namespace fs = std::filesystem;

// A JSONL corpus of `n` articles of 300 words drawn from a 3000-word
// vocabulary, each holding "commonword": big enough that a rebuild takes a
// few seconds.
std::string MakeCorpus(int n) {
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  std::vector<std::string> vocabulary(3000);
  for (std::string& w : vocabulary) {
    const int len = 3 + next() % 7;
    for (int i = 0; i < len; ++i) w += static_cast<char>('a' + (next() >> 8) % 26);
  }
  auto word = [&] { return vocabulary[(next() >> 8) % vocabulary.size()]; };
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string body;
    for (int w = 0; w < 300; ++w) body += word() + " ";
    out += "{\"id\":\"a" + std::to_string(i) + "\",\"title\":\"Story " + std::to_string(i) + " " +
           word() + "\",\"date\":\"2020-01-02\",\"source\":\"Wire\",\"body\":\"" + body +
           "commonword.\"}\n";
  }
  return out;
}

// Starts the gazette binary without waiting for it; output is discarded.
pid_t SpawnGazette(const std::vector<std::string>& args, const std::string& scratch) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, 0);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    std::vector<std::string> all = {GAZETTE_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env = {"HOME=" + scratch, "XDG_CONFIG_HOME=" + scratch + "/config",
                                    "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"};
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

std::vector<std::string> DatabaseFolders(const std::string& db) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(db))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string IndexFixtures(TempDir& dir) {
  const std::string db = dir / "db";
  RunResult indexed = RunGazette({"--db", db, "index", TestData("articles")});
  REQUIRE(indexed.exit_code == 0);
  return db;
}

TEST_CASE("rebuild: swaps in a new database with every article and removes the old one") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  const std::string ids = RunGazette({"--db", db, "inspect", "terms", "id"}).out;
  const std::string old_stub = ReadFile(fs::path(db) / "XAPIANDB");

  RunResult rebuilt = RunGazette({"--db", db, "rebuild"});
  CAPTURE(rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.err.find("rebuilt 42 articles") != std::string::npos);
  CHECK(ReadFile(fs::path(db) / "XAPIANDB") != old_stub);
  CHECK(DatabaseFolders(db).size() == 1);
  CHECK(RunGazette({"--db", db, "inspect", "terms", "id"}).out == ids);
  CHECK(RunGazette({"--db", db, "inspect", "check"}).exit_code == 0);

  // Re-deriving is deterministic: a second rebuild, compacted, changes nothing.
  const std::string after = RunGazette({"--db", db, "export"}).out;
  RunResult compacted = RunGazette({"--db", db, "rebuild", "--compact"});
  CHECK(compacted.exit_code == 0);
  CHECK(compacted.err.find("(0 with changed entities, 0 dropped), compacted") != std::string::npos);
  CHECK(RunGazette({"--db", db, "export"}).out == after);
}

TEST_CASE("rebuild: an index left with no article is swapped for an empty one that indexes again") {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  WriteFile(dir.path() / "in" / "a.txt", "Title: Lone story\n\nThe harbour reopened on Monday.\n");
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "in"}).exit_code == 0);
  fs::remove(dir.path() / "in" / "a.txt");
  REQUIRE(RunGazette({"--db", db, "index", "--prune", dir / "in"}).exit_code == 0);
  const std::string old_stub = ReadFile(fs::path(db) / "XAPIANDB");

  RunResult rebuilt = RunGazette({"--db", db, "rebuild"});
  CAPTURE(rebuilt.err);
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.err.find("rebuilt 0 articles") != std::string::npos);
  CHECK(ReadFile(fs::path(db) / "XAPIANDB") != old_stub);
  CHECK(DatabaseFolders(db).size() == 1);
  CHECK(RunGazette({"--db", db, "inspect", "check"}).exit_code == 0);

  WriteFile(dir.path() / "in" / "b.txt", "Title: Second story\n\nThe harbour closed again.\n");
  REQUIRE(RunGazette({"--db", db, "index", dir / "in"}).exit_code == 0);
  RunResult found = RunGazette({"--db", db, "search", "--format", "ids", "harbour"});
  CHECK(found.exit_code == 0);
  CHECK(found.out == "b.txt\n");
}

TEST_CASE("rebuild: an alias added in a user gazetteer is found with no source file left") {
  TempDir dir;
  fs::copy(TestData("articles"), dir.path() / "articles");
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "articles"}).exit_code == 0);
  fs::remove_all(dir.path() / "articles");
  const std::string term = "XPLACElakeside_villa";
  CHECK(RunGazette({"--db", db, "inspect", "terms", term}).out.empty());

  WriteFile(dir.path() / "mine.tsv", "lakeside_villa\tplace\tLakeside Villa\tlakeside villa\tCH\tvenue\n");
  const std::string user = dir / "mine.tsv";
  RunResult dry = RunGazette({"--db", db, "--gazetteer", user, "rebuild", "--dry-run"});
  CAPTURE(dry.out);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("    + place:lakeside_villa\n") != std::string::npos);
  CHECK(RunGazette({"--db", db, "--gazetteer", user, "inspect"}).out.find("rebuild to apply") !=
        std::string::npos);

  RunResult rebuilt = RunGazette({"--db", db, "--gazetteer", user, "rebuild"});
  CHECK(rebuilt.exit_code == 0);
  CHECK(RunGazette({"--db", db, "inspect", "terms", term}).out == "     1  " + term + "\n");
  CHECK(RunGazette({"--db", db, "--gazetteer", user, "inspect"}).out.find("(the current one)") !=
        std::string::npos);
}

TEST_CASE("rebuild --dry-run reports and writes nothing") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  const std::string stub = ReadFile(fs::path(db) / "XAPIANDB");
  const std::vector<std::string> folders = DatabaseFolders(db);
  REQUIRE(folders.size() == 1);
  RunResult dry = RunGazette({"--db", db, "rebuild", "--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("would rebuild 42 articles") != std::string::npos);
  CHECK(dry.out.find("facets (articles before -> after)") != std::string::npos);
  CHECK(ReadFile(fs::path(db) / "XAPIANDB") == stub);
  CHECK(DatabaseFolders(db) == folders);
}

TEST_CASE("rebuild: an index with an old schema is refused by search until rebuilt") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  const std::string exported = RunGazette({"--db", db, "export"}).out;
  {
    // Schema 2 stored the article as JSON, which is what export writes;
    // rebuild must read that form.
    std::map<std::string, std::string> json_by_id;
    for (const std::string& line : Lines(exported))
      json_by_id[nlohmann::json::parse(line).at("id")] = line;
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
      Xapian::Document doc = w.get_document(*it);
      const std::string data = doc.get_data();
      REQUIRE(data.starts_with("id="));
      const std::string id = data.substr(3, data.find('\n') - 3);
      REQUIRE(json_by_id.count(id) == 1);
      doc.set_data(json_by_id[id]);
      w.replace_document(*it, doc);
    }
    w.set_metadata("gazette.schema_version", "2");
    w.commit();
  }
  RunResult refused = RunGazette({"--db", db, "search", "summit"});
  CHECK(refused.exit_code == 2);
  CHECK(Lines(refused.err).size() == 1);
  CHECK(refused.err.find("run `gazette rebuild`") != std::string::npos);
  // What a user runs to find out why: inspect and export still read it.
  CHECK(RunGazette({"--db", db, "inspect"}).exit_code == 0);
  CHECK(RunGazette({"--db", db, "export"}).exit_code == 0);

  CHECK(RunGazette({"--db", db, "rebuild"}).exit_code == 0);
  RunResult found = RunGazette({"--db", db, "search", "--format", "ids", "summit"});
  CHECK(found.exit_code == 0);
  CHECK(!found.out.empty());
  CHECK(RunGazette({"--db", db, "export"}).out == exported);
}

TEST_CASE("inspect check: a sound index passes, a damaged document is listed with exit 1") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  RunResult ok = RunGazette({"--db", db, "inspect", "check"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("ok: 42 documents") != std::string::npos);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    Xapian::Document garbled = w.get_document(3);
    garbled.set_data("{not json");
    w.replace_document(3, garbled);
    Xapian::Document stripped = w.get_document(5);
    stripped.remove_term(*stripped.termlist_begin());  // an id-less word or Q term
    w.replace_document(5, stripped);
    w.commit();
  }
  RunResult damaged = RunGazette({"--db", db, "inspect", "check"});
  CAPTURE(damaged.out);
  CHECK(damaged.exit_code == 1);
  CHECK(damaged.out.find("problem: document 3: data does not parse") != std::string::npos);
  CHECK(damaged.out.find("problem: document 5 (id ") != std::string::npos);
  CHECK(damaged.out.find("damaged:") != std::string::npos);

  RunResult json = RunGazette({"--db", db, "inspect", "check", "--format", "json"});
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("\"ok\": false") != std::string::npos);
}

TEST_CASE("export then import into an empty index then export is byte-identical") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  RunResult first = RunGazette({"--db", db, "export"});
  REQUIRE(first.exit_code == 0);
  REQUIRE(Lines(first.out).size() == 42);
  WriteFile(dir.path() / "dump.jsonl", first.out);

  const std::string copy = dir / "copy";
  RunResult imported = RunGazette({"--db", copy, "import", dir / "dump.jsonl"});
  CAPTURE(imported.err);
  CHECK(imported.exit_code == 0);
  RunResult second = RunGazette({"--db", copy, "export"});
  CHECK(second.exit_code == 0);
  CHECK(second.out == first.out);

  const std::string piped = dir / "piped";
  CHECK(RunGazette({"--db", piped, "import", "-"}, RunOptions{first.out, {}}).exit_code == 0);
  CHECK(RunGazette({"--db", piped, "export"}).out == first.out);

  // A query restricts the export to the matching articles, in the same order.
  RunResult some = RunGazette({"--db", db, "export", "summit"});
  CHECK(some.exit_code == 0);
  CHECK(!some.out.empty());
  CHECK(Lines(some.out).size() < 42);
}

TEST_CASE("rebuild: searches running in a loop meanwhile all succeed with full results") {
  TempDir dir;
  const std::string db = dir / "db";
  WriteFile(dir.path() / "corpus.jsonl", MakeCorpus(1000));
  REQUIRE(RunGazette({"--db", db, "index", dir / "corpus.jsonl"}).exit_code == 0);
  const fs::path stop = dir.path() / "stop";
  const fs::path log = dir.path() / "searches.log";

  const pid_t searcher = fork();
  if (searcher == 0) {
    // The child only runs searches and records each outcome: no doctest here.
    std::string outcomes;
    do {
      RunResult r = RunGazette({"--db", db, "search", "--format", "ids", "-n", "5000", "commonword"});
      outcomes += (r.exit_code == 0 && Lines(r.out).size() == 1000) ? "ok\n" : "FAIL " + r.err + "\n";
      WriteFile(log, outcomes);
    } while (!fs::exists(stop));
    _exit(0);
  }
  RunResult rebuilt = RunGazette({"--db", db, "rebuild"});
  // Two searches that began after the swap too, against the new database,
  // counted rather than timed: a loaded machine may run one a second.
  const std::size_t done_at_swap = Lines(ReadFile(log)).size();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (Lines(ReadFile(log)).size() < done_at_swap + 3 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriteFile(stop, "");
  int status = 0;
  waitpid(searcher, &status, 0);
  CHECK(rebuilt.exit_code == 0);
  const std::vector<std::string> outcomes = Lines(ReadFile(log));
  MESSAGE(outcomes.size(), " searches during and after the rebuild; ", rebuilt.err);
  CHECK(outcomes.size() >= 3);
  for (const std::string& outcome : outcomes) CHECK(outcome == "ok");
}

TEST_CASE("rebuild: killed with SIGKILL mid-way leaves the old index live; a re-run succeeds") {
  TempDir dir;
  const std::string db = dir / "db";
  WriteFile(dir.path() / "corpus.jsonl", MakeCorpus(1000));
  REQUIRE(RunGazette({"--db", db, "index", dir / "corpus.jsonl"}).exit_code == 0);
  const std::string stub = ReadFile(fs::path(db) / "XAPIANDB");
  const std::string before = RunGazette({"--db", db, "search", "--format", "ids", "-n", "5000",
                                         "commonword"}).out;

  // The rebuild writes parts first, as a fresh `gazette index` does, and
  // merges them into a new folder only at the end.
  const std::vector<std::string> live = DatabaseFolders(db);
  REQUIRE(live.size() == 1);
  const std::string part = "bulk-000001";
  const pid_t rebuild = SpawnGazette({"--db", db, "rebuild"}, dir.path().string());
  // Wait until the first part is being written, then kill.
  const fs::path building = fs::path(db) / part / "postlist.glass";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(building) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  int status = 0;
  REQUIRE(waitpid(rebuild, &status, WNOHANG) == 0);  // still running: killed mid-way
  kill(rebuild, SIGKILL);
  waitpid(rebuild, &status, 0);
  CHECK(WIFSIGNALED(status));

  CHECK(ReadFile(fs::path(db) / "XAPIANDB") == stub);
  CHECK(RunGazette({"--db", db, "search", "--format", "ids", "-n", "5000", "commonword"}).out ==
        before);
  RunResult check = RunGazette({"--db", db, "inspect", "check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("note: " + part + ": left by an interrupted run") != std::string::npos);

  RunResult again = RunGazette({"--db", db, "rebuild"});
  CHECK(again.exit_code == 0);
  CHECK(DatabaseFolders(db).size() == 1);
  CHECK(!fs::exists(fs::path(db) / part));
  CHECK(RunGazette({"--db", db, "search", "--format", "ids", "-n", "5000", "commonword"}).out ==
        before);
}

TEST_CASE("inspect: stats, doc, terms and entities, as text and JSON") {
  TempDir dir;
  const std::string db = IndexFixtures(dir);
  RunResult stats = RunGazette({"--db", db, "inspect"});
  CHECK(stats.exit_code == 0);
  CHECK(stats.out.find("articles      42\n") != std::string::npos);
  CHECK(stats.out.find("schema        4\n") != std::string::npos);
  RunResult json = RunGazette({"--db", db, "inspect", "stats", "--format", "json"});
  CHECK(json.out.find("\"articles\": 42") != std::string::npos);

  const std::string id = Lines(FoundIds(db, "summit")).at(0);
  RunResult doc = RunGazette({"--db", db, "inspect", "doc", id});
  CHECK(doc.exit_code == 0);
  CHECK(doc.out.find("id        " + id + "\n") != std::string::npos);
  CHECK(doc.out.find("  Q        Q" + id + ":0") != std::string::npos);
  RunResult doc_json = RunGazette({"--db", db, "inspect", "doc", id, "--format", "json"});
  CHECK(doc_json.out.find("\"Q\": [") != std::string::npos);
  CHECK(RunGazette({"--db", db, "inspect", "doc", "no-such-id"}).exit_code == 2);

  RunResult ids = RunGazette({"--db", db, "inspect", "terms", "id"});
  CHECK(Lines(ids.out).size() == 42);
  RunResult entities = RunGazette({"--db", db, "inspect", "entities", "--kind", "org"});
  CHECK(entities.exit_code == 0);
  CHECK(RunGazette({"--db", db, "inspect", "entities", "--kind", "bogus"}).exit_code == 2);
}

}  // namespace
}  // namespace gazette::testing
