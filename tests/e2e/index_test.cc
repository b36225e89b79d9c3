// `gazette index` end to end: incremental runs, pruning, bad inputs, exit
// codes, the writer lock, and stopping on SIGTERM. See issue 4.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <algorithm>
#include <map>
#include <set>
#include <set>
#include <thread>

#include "testutil.h"

namespace gazette::testing {
namespace {
namespace fs = std::filesystem;

std::string Article(const std::string& title, const std::string& body) {
  return title + "\n\n" + body + "\n";
}

// Every article id (Q term) with its stored content hash (value slot 1).
std::map<std::string, std::string> IdsAndHashes(const std::string& db) {
  Xapian::Database xdb(db);
  std::map<std::string, std::string> out;
  for (auto t = xdb.allterms_begin("Q"); t != xdb.allterms_end("Q"); ++t) {
    Xapian::PostingIterator p = xdb.postlist_begin(*t);
    out[*t] = xdb.get_document(*p).get_value(1);
  }
  return out;
}

Xapian::doccount DocCount(const std::string& db) { return Xapian::Database(db).get_doccount(); }

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A corpus of `n` small distinct articles in `dir`.
void WriteCorpus(const fs::path& dir, int n) {
  for (int i = 0; i < n; ++i) {
    // std::string first: GCC 12 warns (-Wrestrict, falsely) on "literal" +
    // std::to_string() in a release build.
    WriteFile(dir / (std::string("part") + std::to_string(i % 7)) /
                  (std::string("a") + std::to_string(i) + ".txt"),
              Article(std::string("Report number ") + std::to_string(i) + " on trade talks",
                      std::string("Delegates met for round ") + std::to_string(i) +
                          " of negotiations on tariffs, quotas and shipping lanes. "
                          "Observers expected a communique by the end of the week."));
  }
}

TEST_CASE("index: a second run over unchanged files changes nothing") {
  TempDir dir;
  WriteCorpus(dir.path() / "in", 30);
  const std::string db = dir / "db";
  RunResult first = RunGazette({"--db", db, "index", dir / "in"});
  CHECK(first.exit_code == 0);
  CHECK(Contains(first.err, "indexed 30 new, 0 updated, 0 unchanged"));
  const auto before = IdsAndHashes(db);

  RunResult second = RunGazette({"--db", db, "index", "--jobs", "1", dir / "in"});
  CAPTURE(second.err);
  CHECK(second.exit_code == 0);
  CHECK(Contains(second.err, "indexed 0 new, 0 updated, 30 unchanged"));
  CHECK(DocCount(db) == 30);
  CHECK(IdsAndHashes(db) == before);

  Xapian::Database xdb(db);
  CHECK(xdb.get_metadata("gazette.schema_version") == "4");
  CHECK(!xdb.get_metadata("gazette.gazetteer_fingerprint").empty());
  CHECK(!xdb.get_metadata("gazette.last_indexed").empty());
}

TEST_CASE("index: a changed file replaces its article") {
  TempDir dir;
  WriteFile(dir.path() / "in/a.txt", Article("Harvest report", "Wheat yields rose sharply."));
  WriteFile(dir.path() / "in/b.txt", Article("Port strike", "Dockers walked out."));
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "in"}).exit_code == 0);

  WriteFile(dir.path() / "in/a.txt", Article("Harvest report", "Barley yields fell instead."));
  RunResult again = RunGazette({"--db", db, "index", dir / "in"});
  CAPTURE(again.err);
  CHECK(again.exit_code == 0);
  CHECK(Contains(again.err, "indexed 0 new, 1 updated, 1 unchanged"));
  CHECK(DocCount(db) == 2);
  CHECK(FoundIds(db, "barley") == "a.txt\n");
  CHECK(FoundIds(db, "wheat").empty());
}

TEST_CASE("index: --prune removes articles whose file is gone, and only with --prune") {
  TempDir dir;
  WriteCorpus(dir.path() / "in", 5);
  WriteFile(dir.path() / "other/keep.txt", Article("Elsewhere", "A file outside the folder."));
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "in", dir / "other"}).exit_code == 0);
  fs::remove(dir.path() / "in/part1/a1.txt");

  RunResult plain = RunGazette({"--db", db, "index", dir / "in"});
  CHECK(plain.exit_code == 0);
  CHECK(DocCount(db) == 6);

  RunResult pruned = RunGazette({"--db", db, "index", "--prune", dir / "in"});
  CAPTURE(pruned.err);
  CHECK(pruned.exit_code == 0);
  CHECK(Contains(pruned.err, "1 pruned"));
  CHECK(DocCount(db) == 5);  // the file under other/ stays: not a folder given
  CHECK(IdsAndHashes(db).count("Qpart1/a1.txt") == 0);
  CHECK(IdsAndHashes(db).count("Qkeep.txt") == 1);
}

TEST_CASE("index: bad inputs are reported one by one and the good ones indexed") {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  WriteFile(in / "good.txt", Article("Summit opens", "Leaders arrived on Monday."));
  WriteFile(in / "empty.txt", "");
  WriteFile(in / "invalid-utf8.txt", Article("Bad bytes", "Here \xff\xfe is not UTF-8."));
  WriteFile(in / "binary.txt", std::string("\x00\x01\x02GZ\x00\x00 binary", 14));
  WriteFile(in / "lines.jsonl",
            "{\"id\": \"j1\", \"title\": \"Line one\", \"body\": \"Fine.\"}\n"
            "not json at all\n"
            "{\"id\": \"j3\", \"title\": \"Line three\", \"body\": \"Fine too.\"}\n");
  WriteFile(in / "locked.txt", Article("Locked away", "Nobody may read this."));
  WriteFile(in / "notes.md", "# not an article type: skipped by extension\n");
  WriteFile(in / ".hidden.txt", Article("Hidden", "Skipped."));
  fs::permissions(in / "locked.txt", fs::perms::none);
  // Root reads anything: then the unreadable-file part cannot be checked.
  const bool can_lock = ::access((in / "locked.txt").c_str(), R_OK) != 0;

  const std::string db = dir / "db";
  RunResult result = RunGazette({"--db", db, "index", in.string()});
  CAPTURE(result.err);
  CHECK(result.exit_code == 1);
  CHECK(Contains(result.err, "empty.txt: "));
  CHECK(Contains(result.err, "invalid-utf8.txt: "));
  CHECK(Contains(result.err, "binary.txt: skipped: binary file"));
  CHECK(Contains(result.err, "lines.jsonl"));
  CHECK(!Contains(result.err, "notes.md"));
  const auto ids = IdsAndHashes(db);
  CHECK(ids.count("Qgood.txt") == 1);
  CHECK(ids.count("Qbinary.txt") == 0);
  CHECK(ids.count("Qempty.txt") == 0);
  if (can_lock) {
    CHECK(Contains(result.err, "locked.txt: cannot read: Permission denied"));
    CHECK(ids.count("Qlocked.txt") == 0);
  } else {
    MESSAGE("running as root: the unreadable-file check is skipped");
  }
  fs::permissions(in / "locked.txt", fs::perms::owner_all);
}

TEST_CASE("index: exit codes") {
  TempDir dir;
  WriteFile(dir.path() / "ok.txt", Article("Fine", "All good."));
  const std::string db = dir / "db";
  CHECK(RunGazette({"--db", db, "index", dir / "ok.txt"}).exit_code == 0);
  CHECK(RunGazette({"--db", db, "index", dir / "missing.txt"}).exit_code == 1);
  CHECK(RunGazette({"--db", db, "index", "--format", "pdf", dir / "ok.txt"}).exit_code == 2);
  CHECK(RunGazette({"--db", db, "index", "--batch-size", "0", dir / "ok.txt"}).exit_code == 2);
  CHECK(RunGazette({"--db", db, "index"}).exit_code == 2);
}

TEST_CASE("index: --date and --source fill articles that give none") {
  TempDir dir;
  WriteFile(dir.path() / "bare.txt", Article("No header here", "Just a body."));
  WriteFile(dir.path() / "dated.txt",
            "Title: Has its own\nDate: 2019-06-14\nSource: Own Desk\n\nBody text.\n");
  const std::string db = dir / "db";
  RunResult result = RunGazette({"--db", db, "index", "--date", "2020-01-02", "--source",
                                 "Night Desk", dir / "bare.txt", dir / "dated.txt"});
  CAPTURE(result.err);
  REQUIRE(result.exit_code == 0);
  Xapian::Database xdb(db);
  auto date_of = [&](const std::string& id) {
    return xdb.get_document(*xdb.postlist_begin("Q" + id)).get_value(0);
  };
  CHECK(date_of("bare.txt") == "20200102");
  CHECK(date_of("dated.txt") == "20190614");
  CHECK(xdb.get_termfreq("XSOURCEnight_desk") == 1);
  CHECK(xdb.get_termfreq("XSOURCEown_desk") == 1);
  CHECK(RunGazette({"--db", db, "index", "--date", "05/06/2019", dir / "bare.txt"}).exit_code == 2);
}

TEST_CASE("index: stdin text gets a content-hash id and indexes once") {
  TempDir dir;
  const std::string db = dir / "db";
  RunOptions input{Article("From a pipe", "Read from standard input."), {}};
  CHECK(RunGazette({"--db", db, "index", "-"}, input).exit_code == 0);
  RunResult again = RunGazette({"--db", db, "index", "-"}, input);
  CHECK(Contains(again.err, "0 new, 0 updated, 1 unchanged"));
  CHECK(DocCount(db) == 1);
}

TEST_CASE("index: a symlinked file in a folder is named by its link, not its target") {
  TempDir dir;
  fs::create_directories(dir.path() / "in" / "wire");
  fs::create_directories(dir.path() / "elsewhere");
  WriteFile(dir.path() / "in" / "own.txt", Article("Own story", "Written here."));
  WriteFile(dir.path() / "elsewhere" / "shared.txt", Article("Shared story", "Written elsewhere."));
  fs::create_symlink("../../elsewhere/shared.txt", dir.path() / "in" / "wire" / "shared.txt");
  fs::create_symlink("../own.txt", dir.path() / "in" / "wire" / "again.txt");
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "in"}).exit_code == 0);
  // Each link is an article of its own, with its path in the folder as id.
  CHECK(RunGazette({"--db", db, "inspect", "terms", "id"}).out ==
        "     1  Qown.txt\n     1  Qwire/again.txt\n     1  Qwire/shared.txt\n");
}

TEST_CASE("index: a legacy-encoded page is read in the charset it declares") {
  TempDir dir;
  WriteFile(dir.path() / "latin.html",
            "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 diplomacy</title></head>"
            "<body><p>Leaders met at a caf\xe9 in S\xe3o Paulo on Monday \x96 talks went on.</p>"
            "</body></html>");
  WriteFile(dir.path() / "koi.html",
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
            "<title>\xf0\xd5\xd4\xc9\xce in Beijing</title></head>"
            "<body><p>\xf0\xd5\xd4\xc9\xce met leaders in Beijing on Monday.</p></body></html>");
  const std::string db = dir / "db";
  RunResult run = RunGazette({"--db", db, "index", dir / "latin.html", dir / "koi.html"});
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(!Contains(run.err, "U+FFFD"));
  CHECK(FoundIds(db, "café") == "latin.html\n");
  CHECK(FoundIds(db, "\"São Paulo\"") == "latin.html\n");
  // The Cyrillic name resolves through the gazetteer like any other alias.
  CHECK(FoundIds(db, "leader:putin") == "koi.html\n");
}

TEST_CASE("index --encoding: text saved in a legacy charset is read in it") {
  TempDir dir;
  // "Путин" and "Москве" in windows-1251, in a plain text file.
  WriteFile(dir.path() / "in" / "cyr.txt",
            "Title: \xcf\xf3\xf2\xe8\xed in Moscow\n\n\xcf\xf3\xf2\xe8\xed met leaders in "
            "\xcc\xee\xf1\xea\xe2\xe5 on Monday.\n");
  WriteFile(dir.path() / "in" / "plain.txt", Article("Plain UTF-8 café", "Talks in São Paulo."));
  const std::string db = dir / "db";
  RunResult bad = RunGazette({"--db", db, "index", "--encoding", "no-such-charset", dir / "in"});
  CHECK(bad.exit_code == 2);
  CHECK(Contains(bad.err, "--encoding no-such-charset: not a charset iconv knows"));

  RunResult run = RunGazette({"--db", db, "index", "--encoding", "windows-1251", dir / "in"});
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(!Contains(run.err, "U+FFFD"));
  CHECK(FoundIds(db, "Москве") == "cyr.txt\n");
  CHECK(FoundIds(db, "leader:putin") == "cyr.txt\n");
  CHECK(FoundIds(db, "café") == "plain.txt\n");  // UTF-8 stays UTF-8
}

TEST_CASE("index: a second writer waits --wait seconds, then exits 2 naming the lock") {
  TempDir dir;
  WriteFile(dir.path() / "a.txt", Article("Locked out", "The index is busy."));
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "a.txt"}).exit_code == 0);

  Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);
  const auto start = std::chrono::steady_clock::now();
  RunResult blocked = RunGazette({"--db", db, "index", "--wait", "1", dir / "a.txt"});
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CAPTURE(blocked.err);
  CHECK(blocked.exit_code == 2);
  CHECK(Contains(blocked.err, "locked by another writer"));
  CHECK(waited >= 1.0);
  // Readers are not blocked by a writer.
  CHECK(FoundIds(db, "busy") == "a.txt\n");
  holder.close();
  CHECK(RunGazette({"--db", db, "index", "--wait", "1", dir / "a.txt"}).exit_code == 0);
}

// Starts gazette in the background; stdout and stderr go to files in `dir`,
// stdin is `stdin_fd` when given.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& dir, int stdin_fd = -1) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int err = open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int out = open((dir / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (stdin_fd >= 0) dup2(stdin_fd, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<std::string> copy = args;
    std::vector<char*> argv = {const_cast<char*>(GAZETTE_BINARY)};
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(GAZETTE_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

// A run that cannot end before the test stops it: gazette reads `-` from a
// pipe the test holds open, after `head` of `input` and never the rest. A
// run over files alone could finish (3,000 small files take 0.4 s) before
// a loaded machine lets the test send its signal.
class HeldStdin {
 public:
  HeldStdin() { REQUIRE(pipe2(fds_, O_CLOEXEC) == 0); }
  ~HeldStdin() {
    for (int fd : fds_)
      if (fd >= 0) close(fd);
  }
  pid_t Start(const std::vector<std::string>& args, const fs::path& dir) {
    const pid_t pid = Spawn(args, dir, fds_[0]);
    close(fds_[0]);
    fds_[0] = -1;
    return pid;
  }
  // The producer ends: gazette reads the end of its input.
  void CloseInput() {
    close(fds_[1]);
    fds_[1] = -1;
  }
  // Blocks until gazette has read all but a pipe's buffer of it.
  void Write(std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = write(fds_[1], text.data(), text.size());
      if (n < 0 && errno == EINTR) continue;
      REQUIRE(n > 0);
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

 private:
  int fds_[2] = {-1, -1};
};

// `n` JSON Lines articles with ids, each about 500 bytes.
std::string JsonlCorpus(int first, int n) {
  std::string out;
  const std::string filler(400, 'z');
  for (int i = first; i < first + n; ++i)
    out += R"({"id": "piped-)" + std::to_string(i) + R"(", "title": "Piped report )" +
           std::to_string(i) + R"(", "body": "Talks on tariffs, round )" + std::to_string(i) +
           " " + filler + R"("})" + "\n";
  return out;
}

// Sends SIGTERM to the `gazette` Spawn() started in `dir`, waits for it, and
// returns what it wrote on stderr; it must exit 143, within 30 s.
std::string Terminate(pid_t pid, const fs::path& dir) {
  kill(pid, SIGTERM);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 3000 && !exited; ++i) {
    exited = waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) {
    FAIL_CHECK("gazette was still running 30 s after SIGTERM");
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  const std::string err = ReadFile(dir / "stderr");
  CAPTURE(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 143);
  return err;
}

// Waits up to 10 s for a build in parts to start its part `name`.
void WaitForPart(const fs::path& db, const std::string& name) {
  for (int i = 0; i < 400 && !fs::exists(db / name); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
}

// The interrupted command, run again with all of `stdin_text`, skips the
// `committed` articles as unchanged and ends with all `total`.
void CheckRerunCompletes(const std::vector<std::string>& args, const std::string& stdin_text,
                         const std::string& db, Xapian::doccount committed,
                         Xapian::doccount total) {
  RunResult rerun = RunGazette(args, RunOptions{stdin_text, {}});
  CAPTURE(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(Contains(rerun.err, std::to_string(committed) + " unchanged"));
  CHECK(DocCount(db) == total);
}

bool HasParts(const fs::path& db) {
  for (const auto& entry : fs::directory_iterator(db))
    if (entry.path().filename().string().starts_with("bulk-")) return true;
  return false;
}

TEST_CASE("index: SIGTERM commits what is done, exits 143, and a re-run completes") {
  TempDir dir;
  constexpr int kArticles = 3000;
  const std::string input = JsonlCorpus(0, kArticles);
  const std::string db = dir / "db";
  // --no-bulk: batches are committed in place as they go, so a search sees
  // them during the run.
  const std::vector<std::string> args = {"--db",         db,   "index",     "--jobs", "1",
                                         "--batch-size", "50", "--no-bulk", "-"};
  HeldStdin stdin_pipe;
  const pid_t pid = stdin_pipe.Start(args, dir.path());
  // More than a slice (1 MB), so that its articles are indexed while gazette
  // waits for the rest.
  stdin_pipe.Write(std::string_view(input).substr(0, input.size() * 9 / 10));
  // Wait for the first commits, and search while the writer works.
  bool searched = false;
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    if (fs::exists(dir.path() / "db/XAPIANDB") && DocCount(db) >= 100) {
      RunResult search = RunGazette({"--db", db, "search", "--format", "ids", "tariffs"});
      searched = search.exit_code == 0 && !search.out.empty();
      break;
    }
  }
  CHECK(searched);
  // Stopped while it waits on the pipe for more.
  const std::string err = Terminate(pid, dir.path());
  CAPTURE(err);
  CHECK(Contains(err, "interrupted"));
  const Xapian::doccount committed = DocCount(db);
  CHECK(committed >= 100);
  CHECK(committed < kArticles);
  CHECK(Contains(err, "indexed " + std::to_string(committed) + " new"));

  CheckRerunCompletes(args, input, db, committed, kArticles);
}

TEST_CASE("index: SIGTERM during a fresh build merges what is done and exits 143") {
  TempDir dir;
  constexpr int kFiles = 3000, kPiped = 10;
  WriteCorpus(dir.path() / "in", kFiles);
  const std::string db = dir / "db";
  const std::vector<std::string> args = {"--db",         db,   "index",       "--jobs", "1",
                                         "--batch-size", "50", "--part-size", "100",  dir / "in",
                                         "-"};
  HeldStdin stdin_pipe;
  const pid_t pid = stdin_pipe.Start(args, dir.path());
  // A fresh build writes parts beside the live one until the end, two
  // batches to a part here; the piped articles never come.
  WaitForPart(db, "bulk-000004");
  CHECK(DocCount(db) == 0);
  const std::string err = Terminate(pid, dir.path());
  CAPTURE(err);
  const Xapian::doccount committed = DocCount(db);
  CHECK(committed >= 150);
  CHECK(committed <= kFiles);
  CHECK(Contains(err, "indexed " + std::to_string(committed) + " new"));
  CHECK(!HasParts(db));

  CheckRerunCompletes(args, JsonlCorpus(0, kPiped), db, committed, kFiles + kPiped);
}

TEST_CASE("index: SIGTERM during a large addition merges what is done and exits 143") {
  TempDir dir;
  constexpr int kBefore = 200, kFiles = 3000, kPiped = 10;
  WriteCorpus(dir.path() / "in", kBefore);
  const std::string db = dir / "db";
  REQUIRE(RunGazette({"--db", db, "index", dir / "in"}).exit_code == 0);
  WriteCorpus(dir.path() / "in", kFiles);
  const std::vector<std::string> args = {
      "--db",        db,    "index",        "--jobs", "1",       "--batch-size", "50",
      "--part-size", "100", "--bulk-after", "100",    dir / "in", "-"};
  HeldStdin stdin_pipe;
  const pid_t pid = stdin_pipe.Start(args, dir.path());
  WaitForPart(db, "bulk-000004");
  // The first 100 new articles were committed in place; the rest wait in
  // parts for the merge.
  CHECK(DocCount(db) == kBefore + 100);
  const std::string err = Terminate(pid, dir.path());
  CAPTURE(err);
  const Xapian::doccount committed = DocCount(db);
  CHECK(committed >= kBefore + 100 + 150);
  CHECK(committed <= kFiles);
  CHECK(Contains(err, "indexed " + std::to_string(committed - kBefore) + " new"));
  CHECK(!HasParts(db));
  RunResult check = RunGazette({"--db", db, "inspect", "check"});
  CAPTURE(check.out);
  CHECK(check.exit_code == 0);

  CheckRerunCompletes(args, JsonlCorpus(0, kPiped), db, committed, kFiles + kPiped);
}

// Waits up to 30 s for a search for `query` to list `count` ids.
std::string WaitForIds(const std::string& db, const std::string& query, std::size_t count) {
  std::string ids;
  for (int i = 0; i < 600 && Lines(ids).size() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ids = FoundIds(db, query);
  }
  return ids;
}

TEST_CASE("index -: a live feed's articles are searchable while it waits for more") {
  // A feed sends a few lines, then nothing: they must not wait for a
  // megabyte, nor for the feed's end. --bulk-after 2 would send the rest of
  // a run's new articles to parts, seen only at its end; a feed stays in place.
  TempDir dir;
  for (const bool fresh : {true, false}) {
    CAPTURE(fresh);
    const std::string db = dir / (fresh ? "fresh" : "grown");
    if (!fresh)
      REQUIRE(RunGazette({"--db", db, "index", "-"}, RunOptions{JsonlCorpus(0, 3), {}})
                  .exit_code == 0);
    HeldStdin feed;
    const pid_t pid = feed.Start({"--db", db, "index", "--bulk-after", "2", "-"}, dir.path());
    feed.Write(JsonlCorpus(100, 4));
    CHECK(Lines(WaitForIds(db, "tariffs", fresh ? 4 : 7)).size() == (fresh ? 4 : 7));
    feed.Write(JsonlCorpus(200, 2));
    CHECK(Contains(WaitForIds(db, "tariffs", fresh ? 6 : 9), "piped-201"));
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);  // the feed has not ended
    feed.CloseInput();
    waitpid(pid, &status, 0);
    const std::string err = ReadFile(dir.path() / "stderr");
    CAPTURE(err);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(Contains(err, "indexed 6 new"));
    CHECK(DocCount(db) == (fresh ? 6u : 9u));
    // The words of what came live are in the spelling table too.
    CHECK(Contains(RunGazette({"--db", db, "search", "tarifs"}).out, "tariffs"));
    CHECK(RunGazette({"--db", db, "inspect", "check"}).exit_code == 0);
  }
}

// Every word of the spelling table with its frequency.
std::map<std::string, Xapian::doccount> Spellings(const std::string& db) {
  Xapian::Database xdb(db);
  std::map<std::string, Xapian::doccount> out;
  for (auto w = xdb.spellings_begin(); w != xdb.spellings_end(); ++w) out[*w] = w.get_termfreq();
  return out;
}

// Every key of the synonym table (a stem) with its words.
std::map<std::string, std::set<std::string>> Stems(const std::string& db) {
  Xapian::Database xdb(db);
  std::map<std::string, std::set<std::string>> out;
  for (auto key = xdb.synonym_keys_begin(); key != xdb.synonym_keys_end(); ++key)
    for (auto word = xdb.synonyms_begin(*key); word != xdb.synonyms_end(*key); ++word)
      out[*key].insert(*word);
  return out;
}

TEST_CASE("index: a fresh build holds what batches committed in place hold") {
  TempDir dir;
  const std::string bulk = dir / "bulk", in_place = dir / "in-place";
  const std::string articles = TestData("articles");
  // One writer thread, so the parts fall the same way every time: two
  // batches of 2 fill a part of 3.
  RunResult a = RunGazette({"--db", bulk, "index", "--jobs", "1", "--batch-size", "2",
                            "--part-size", "3", articles});
  RunResult b = RunGazette({"--db", in_place, "index", "--batch-size", "7", "--no-bulk", articles});
  CAPTURE(a.err);
  CAPTURE(b.err);
  REQUIRE(a.exit_code == b.exit_code);
  CHECK(Lines(a.err).back().substr(0, 40) == Lines(b.err).back().substr(0, 40));
  CHECK(DocCount(bulk) > 40);
  CHECK(IdsAndHashes(bulk) == IdsAndHashes(in_place));
  CHECK(Spellings(bulk) == Spellings(in_place));
  const auto stems = Stems(bulk);
  CHECK(stems == Stems(in_place));
  // The words of a stem, body and title apart; no key for a number.
  CHECK(stems.at("Ztalk") == std::set<std::string>{"talked", "talks"});
  CHECK(stems.at("Zsummit") == std::set<std::string>{"summit", "summits"});
  CHECK(stems.at("ZSsummit").count("Ssummit") == 1);
  CHECK(stems.count("Z2019") == 0);
  CHECK(RunGazette({"--db", bulk, "export"}).out == RunGazette({"--db", in_place, "export"}).out);
  CHECK(Xapian::Database(bulk).get_metadata("gazette.gazetteer_fingerprint") ==
        Xapian::Database(in_place).get_metadata("gazette.gazetteer_fingerprint"));
  // The facet counter weighs how many parts were merged (docs/schema.md).
  const Xapian::doccount batches = (DocCount(bulk) + 1) / 2;
  CHECK(Xapian::Database(bulk).get_metadata("gazette.merged_parts") ==
        std::to_string((batches + 1) / 2));
  CHECK(Xapian::Database(in_place).get_metadata("gazette.merged_parts").empty());
  RunResult check = RunGazette({"--db", bulk, "inspect", "check"});
  CAPTURE(check.out);
  CHECK(check.exit_code == 0);
  // Only the merged database is left, and the next run updates it in place.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(bulk)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"XAPIANDB", "idx-000002"});
  WriteFile(dir.path() / "late.txt", Article("Late arrival", "A straggler qqlatearrival."));
  CHECK(RunGazette({"--db", bulk, "index", dir / "late.txt"}).exit_code == 0);
  CHECK(FoundIds(bulk, "qqlatearrival") == "late.txt\n");
  // A rebuild writes parts as a fresh build does (here one batch, so one)
  // and says how many it merged.
  REQUIRE(RunGazette({"--db", bulk, "rebuild"}).exit_code == 0);
  CHECK(Xapian::Database(bulk).get_metadata("gazette.merged_parts") == "1");
  // It makes the spellings and stems again from the words: those that
  // batches in place added, the late article's included.
  CHECK(RunGazette({"--db", in_place, "index", dir / "late.txt"}).exit_code == 0);
  CHECK(IdsAndHashes(bulk) == IdsAndHashes(in_place));
  CHECK(Spellings(bulk) == Spellings(in_place));
  const auto rebuilt = Stems(bulk);
  CHECK(rebuilt.at("Zqqlatearriv") == std::set<std::string>{"qqlatearrival"});
  CHECK(rebuilt == Stems(in_place));
}

TEST_CASE("index: an id given twice in one run keeps its last version, bulk or not") {
  TempDir dir;
  WriteFile(dir.path() / "in.jsonl",
            R"({"id": "x", "title": "First draft", "body": "qqfirstdraft text"}
{"id": "b", "title": "Bee", "body": "Bee story."}
{"id": "c", "title": "Sea", "body": "Sea story."}
{"id": "b", "title": "Bee", "body": "Bee story."}
{"id": "x", "title": "Final text", "body": "qqfinaltext text"}
)");
  for (const std::string mode : {"--bulk", "--no-bulk"}) {
    CAPTURE(mode);
    const std::string db = dir / ("db" + mode);
    std::vector<std::string> args = {"--db", db, "index", "--batch-size", "2", dir / "in.jsonl"};
    if (mode == "--no-bulk") args.push_back(mode);
    RunResult run = RunGazette(args);
    CAPTURE(run.err);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.err, "indexed 3 new, 1 updated, 1 unchanged"));
    CHECK(DocCount(db) == 3);
    CHECK(FoundIds(db, "qqfinaltext") == "x\n");
    CHECK(FoundIds(db, "qqfirstdraft").empty());
  }
}

TEST_CASE("index: parts of any size and any number of writers hold the same articles") {
  TempDir dir;
  const std::string articles = TestData("articles");
  const std::string in_place = dir / "in-place";
  REQUIRE(RunGazette({"--db", in_place, "index", "--no-bulk", articles}).exit_code == 0);
  const std::string expected = RunGazette({"--db", in_place, "export"}).out;
  REQUIRE(!expected.empty());
  const int batches = (std::count(expected.begin(), expected.end(), '\n') + 4) / 5;
  for (const int part_size : {1, 12, 10000}) {
    CAPTURE(part_size);
    const std::string db = dir / ("parts-" + std::to_string(part_size));
    RunResult run = RunGazette({"--db", db, "index", "--jobs", "3", "--batch-size", "5",
                                "--part-size", std::to_string(part_size), articles});
    CAPTURE(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(RunGazette({"--db", db, "export"}).out == expected);
    // A part is full after the batch that reaches the part size; a new one
    // starts only when every open part is busy, so at most 3 are not full.
    const int parts = std::stoi(Xapian::Database(db).get_metadata("gazette.merged_parts"));
    const int per_part = (part_size + 4) / 5;
    CAPTURE(parts);
    CHECK(parts >= (batches + per_part) / (per_part + 1));
    CHECK(parts <= std::min(batches, batches / per_part + 3));
  }
}

TEST_CASE("index: an id changed twice in one run is kept once, in its last version") {
  TempDir dir;
  WriteFile(dir.path() / "in.jsonl",
            R"({"id": "x", "title": "First draft", "body": "qqfirstdraft text"}
{"id": "b", "title": "Bee", "body": "Bee story."}
{"id": "c", "title": "Sea", "body": "Sea story."}
{"id": "d", "title": "Dee", "body": "Dee story."}
{"id": "x", "title": "Second draft", "body": "qqseconddraft text"}
{"id": "e", "title": "Eee", "body": "Eee story."}
{"id": "f", "title": "Eff", "body": "Eff story."}
{"id": "x", "title": "Final text", "body": "qqfinaltext text"}
)");
  const std::string in_place = dir / "in-place";
  REQUIRE(RunGazette({"--db", in_place, "index", "--no-bulk", dir / "in.jsonl"}).exit_code == 0);
  const std::string expected = RunGazette({"--db", in_place, "export"}).out;
  CHECK(Contains(expected, "Final text"));
  // Batches of 2 put the three versions of x in batches 0, 2 and 3: in one
  // part (10000), in parts of their own (1), or two in one part (3).
  for (const std::string part_size : {"10000", "1", "3"}) {
    CAPTURE(part_size);
    const std::string db = dir / ("parts-" + part_size);
    RunResult run = RunGazette({"--db", db, "index", "--jobs", "1", "--batch-size", "2",
                                "--part-size", part_size, dir / "in.jsonl"});
    CAPTURE(run.err);
    CHECK(run.exit_code == 0);
    CHECK(Contains(run.err, "indexed 6 new, 2 updated, 0 unchanged"));
    CHECK(DocCount(db) == 6);
    CHECK(FoundIds(db, "qqfinaltext") == "x\n");
    CHECK(FoundIds(db, "qqseconddraft OR qqfirstdraft").empty());
    CHECK(RunGazette({"--db", db, "export"}).out == expected);
  }
}

// What a second run over `folder` changes: 40 articles added, 4 changed, one
// changed twice by another file giving its id, one added and changed in that
// file, 3 files removed.
void ChangeCorpus(const fs::path& folder) {
  WriteCorpus(folder, 70);
  for (int i : {0, 8, 16, 24}) {
    WriteFile(folder / (std::string("part") + std::to_string(i % 7)) /
                  (std::string("a") + std::to_string(i) + ".txt"),
              Article("Revised report", std::string("qqrevised version ") + std::to_string(i)));
  }
  WriteFile(folder / "twice.jsonl",
            R"({"id": "part3/a3.txt", "title": "Draft", "body": "qqdraftversion"}
{"id": "new-twice", "title": "Qqnewdraft", "body": "qqnewdraft"}
{"id": "part3/a3.txt", "title": "Final", "body": "qqfinalversion"}
{"id": "new-twice", "title": "Final", "body": "qqnewfinal"}
)");
  for (int i : {5, 6, 13}) {
    fs::remove(folder / (std::string("part") + std::to_string(i % 7)) /
               (std::string("a") + std::to_string(i) + ".txt"));
  }
}

// The stubs of the index and of its shards, which name the live databases.
std::string ReadStubs(const std::string& db) {
  std::string stubs;
  for (const auto& entry : fs::recursive_directory_iterator(db))
    if (entry.path().filename() == "XAPIANDB") stubs += ReadFile(entry.path());
  return stubs;
}

// Summed over the shards.
int MergedParts(const std::string& db) {
  int parts = 0;
  for (const auto& entry : fs::recursive_directory_iterator(db)) {
    if (entry.path().filename() != "XAPIANDB" || !Contains(ReadFile(entry.path()), "idx-"))
      continue;
    const std::string n =
        Xapian::Database(entry.path().parent_path().string()).get_metadata("gazette.merged_parts");
    parts += n.empty() ? 1 : std::stoi(n);
  }
  return parts;
}

TEST_CASE("index: a big run into an index that holds articles ends as one in place would") {
  TempDir dir;
  // The same corpus and changes in two folders, one per index; with one
  // writer, the first 10 new or changed files go in place in both, the rest
  // in parts merged with the index, or in place.
  for (const std::string shards : {"1", "3"}) {
    CAPTURE(shards);
    std::map<std::string, std::string> exports;
    std::map<std::string, std::string> summaries;
    std::map<std::string, std::map<std::string, Xapian::doccount>> spellings;
    std::map<std::string, std::map<std::string, std::set<std::string>>> stems;
    for (const std::string mode : {"parts", "in-place"}) {
      const fs::path folder = dir.path() / (mode + shards) / "in";
      const std::string db = (dir.path() / (mode + shards) / "db").string();
      WriteCorpus(folder, 30);
      REQUIRE(RunGazette({"--db", db, "index", "--shards", shards, folder}).exit_code == 0);
      const std::string stubs_before = ReadStubs(db);
      const int parts_before = MergedParts(db);
      ChangeCorpus(folder);
      std::vector<std::string> args = {"--db", db, "index", "--prune", "--jobs", "1",
                                       "--batch-size", "4", "--part-size", "9"};
      // The first 10 new or changed articles in place, the rest in parts.
      if (mode == "parts") {
        args.insert(args.end(), {"--bulk-after", "10"});
      } else {
        args.push_back("--no-bulk");
      }
      args.push_back(folder);
      RunResult run = RunGazette(args);
      CAPTURE(run.err);
      REQUIRE(run.exit_code == 0);
      summaries[mode] = Lines(run.err).back().substr(0, 50);
      CHECK(Contains(run.err, "indexed 41 new, 7 updated, 23 unchanged"));
      CHECK(Contains(run.err, "3 pruned"));
      CHECK(DocCount(db) == 68);
      CHECK(FoundIds(db, "qqfinalversion") == "part3/a3.txt\n");
      CHECK(FoundIds(db, "qqnewfinal") == "new-twice\n");
      CHECK(FoundIds(db, "qqdraftversion OR qqnewdraft").empty());
      CHECK(Lines(FoundIds(db, "revised")).size() == 4);
      RunResult check = RunGazette({"--db", db, "inspect", "check"});
      CAPTURE(check.out);
      CHECK(check.exit_code == 0);
      std::string exported = RunGazette({"--db", db, "export"}).out;
      // The origins name the copy's folder.
      for (std::size_t at; (at = exported.find(mode + shards + "/in")) != std::string::npos;)
        exported.replace(at, mode.size() + shards.size() + 3, "IN");
      exports[mode] = exported;
      spellings[mode] = Spellings(db);
      stems[mode] = Stems(db);
      // Merged, the live databases are new folders, and their postings come
      // in more chunks (docs/schema.md); in place, neither.
      CHECK((ReadStubs(db) != stubs_before) == (mode == "parts"));
      CHECK((MergedParts(db) > parts_before) == (mode == "parts"));
    }
    CHECK(summaries["parts"] == summaries["in-place"]);
    CHECK(exports["parts"] == exports["in-place"]);
    // The superseded draft of a new article is dropped from its part before
    // the part's words are read; in place, its one word stays (docs/schema.md).
    CHECK(spellings["in-place"].erase("qqnewdraft") == 1);
    CHECK(stems["in-place"].erase("Zqqnewdraft") == 1);
    CHECK(stems["in-place"].erase("ZSqqnewdraft") == 1);
    CHECK(spellings["parts"] == spellings["in-place"]);
    CHECK(stems["parts"] == stems["in-place"]);
  }
}

// About 10 MB of JSON Lines, many slices (prepare.cc reads 1 MB at a time),
// with a broken line 2500.
std::string BigJsonl() {
  std::string content;
  const std::string filler(3900, 'x');
  for (int line = 1; line <= 2600; ++line) {
    if (line == 2500) {
      content += "{not json\n";
      continue;
    }
    content += R"({"title": "Line )" + std::to_string(line) + R"(", "body": "qqline)" +
               std::to_string(line) + " " + filler + R"("})" + "\n";
  }
  return content;
}

TEST_CASE("index: JSON Lines on stdin is read a slice at a time, with its line numbers") {
  // It used to be read whole into memory first (504 MB peak for 142 MB).
  TempDir dir;
  const std::string db = dir / "db";
  RunResult run = RunGazette({"--db", db, "index", "-"}, RunOptions{BigJsonl(), {}});
  CAPTURE(run.err.substr(0, 400));
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.err, "-:2500: invalid JSON"));
  CHECK(Contains(run.err, "indexed 2599 new"));
  CHECK(Lines(FoundIds(db, "qqline2600")).size() == 1);
}

TEST_CASE("index: an endless input is rejected by name, and the rest indexed") {
  // Read whole, /dev/zero used to grow until std::bad_alloc.
  TempDir dir;
  WriteFile(dir.path() / "ok.txt", "Harbour report\n\nThe qqharbour reopened.\n");
  const std::string db = dir / "db";
  RunResult run = RunGazette({"--db", db, "index", "/dev/zero", dir / "ok.txt"});
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.err, "/dev/zero: larger than 64 MB"));
  CHECK(FoundIds(db, "qqharbour") == "ok.txt\n");
}

TEST_CASE("index: a JSON Lines file too big to read at once keeps its line numbers") {
  TempDir dir;
  const std::string content = BigJsonl();
  WriteFile(dir.path() / "big.jsonl", content);
  const std::string db = dir / "db";
  RunResult run = RunGazette({"--db", db, "index", dir / "big.jsonl"});
  CAPTURE(run.err.substr(0, 400));
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.err, "big.jsonl:2500: invalid JSON"));
  CHECK(Contains(run.err, "indexed 2599 new"));
  // Ids of lines without one are `file:line`, counted across slices.
  CHECK(FoundIds(db, "qqline2600") == "big.jsonl:2600\n");
}

// About 6 MB of JSON Lines: lines without an id (named file:line), an id
// given again four slices later with new text, and a broken line.
std::string SlicedJsonl() {
  std::string content;
  const std::string filler(3900, 'y');
  for (int line = 1; line <= 1600; ++line) {
    if (line == 1200) {
      content += "{broken\n";
    } else if (line == 10 || line == 1500) {
      content += R"({"id": "wire-1", "title": "Version at line )" + std::to_string(line) +
                 R"(", "body": "qqversion)" + std::to_string(line) + " " + filler + R"("})" + "\n";
    } else {
      content += R"({"title": "Line )" + std::to_string(line) + R"(", "body": "qqline)" +
                 std::to_string(line) + " " + filler + R"("})" + "\n";
    }
  }
  return content;
}

TEST_CASE("index: workers sharing one JSON Lines file index what one worker does") {
  // An idle worker prepares slices that another cut (slice_board.h); the
  // writer must still apply them in file order, with their line numbers.
  TempDir dir;
  WriteFile(dir.path() / "feed.jsonl", SlicedJsonl());
  std::map<std::string, std::string> exports, errors;
  for (const std::string jobs : {"1", "4"}) {
    const std::string db = dir / ("db" + jobs);
    RunResult run = RunGazette({"--db", db, "index", "--jobs", jobs, dir / "feed.jsonl"});
    CAPTURE(run.err.substr(0, 400));
    CHECK(run.exit_code == 1);
    CHECK(Contains(run.err, "feed.jsonl:1200: invalid JSON"));
    CHECK(Contains(run.err, "indexed 1598 new"));
    CHECK(FoundIds(db, "qqline1600") == "feed.jsonl:1600\n");
    CHECK(FoundIds(db, "qqversion1500") == "wire-1\n");
    CHECK(FoundIds(db, "qqversion10").empty());
    exports[jobs] = RunGazette({"--db", db, "export"}).out;
    // A second run finds the same, however it is shared out: every line
    // unchanged but wire-1's two versions, written again in file order.
    RunResult again = RunGazette({"--db", db, "index", "--jobs", jobs, dir / "feed.jsonl"});
    CAPTURE(again.err);
    CHECK(Contains(again.err, "0 new, 2 updated, 1597 unchanged"));
    CHECK(FoundIds(db, "qqversion1500") == "wire-1\n");
  }
  CHECK(Lines(exports["4"]).size() == 1598);
  CHECK(exports["4"] == exports["1"]);
}

TEST_CASE("index --shards: articles spread over shards that search as one index") {
  TempDir dir;
  const std::string single = dir / "single", sharded = dir / "sharded";
  const std::string articles = TestData("articles");
  REQUIRE(RunGazette({"--db", single, "index", articles}).exit_code == 0);
  RunResult built = RunGazette({"--db", sharded, "index", "--shards", "3", articles});
  CAPTURE(built.err);
  REQUIRE(built.exit_code == 0);

  const std::string stub = ReadFile(fs::path(sharded) / "XAPIANDB");
  CHECK(stub == "auto shard-00\nauto shard-01\nauto shard-02\n");
  Xapian::doccount total = 0;
  for (const char* shard : {"shard-00", "shard-01", "shard-02"}) {
    const Xapian::doccount n = DocCount((fs::path(sharded) / shard).string());
    CHECK(n > 0);
    total += n;
  }
  CHECK(total == DocCount(single));
  CHECK(IdsAndHashes(sharded) == IdsAndHashes(single));
  for (const std::string query : {"summit", "leader:putin", "org:sco"}) {
    CAPTURE(query);
    CHECK(RunGazette({"--db", sharded, "count", query}).out ==
          RunGazette({"--db", single, "count", query}).out);
  }

  // Unchanged on a second run; a changed article replaces itself in its shard.
  RunResult again = RunGazette({"--db", sharded, "index", articles});
  CAPTURE(again.err);
  CHECK(Contains(again.err, "0 new, 0 updated, " + std::to_string(total) + " unchanged"));
  WriteFile(dir.path() / "extra.jsonl",
            R"({"id": "shard-probe", "title": "Probe one", "body": "qqprobeone"})");
  REQUIRE(RunGazette({"--db", sharded, "index", dir / "extra.jsonl"}).exit_code == 0);
  WriteFile(dir.path() / "extra.jsonl",
            R"({"id": "shard-probe", "title": "Probe two", "body": "qqprobetwo"})");
  RunResult update = RunGazette({"--db", sharded, "index", dir / "extra.jsonl"});
  CHECK(Contains(update.err, "0 new, 1 updated"));
  CHECK(DocCount(sharded) == total + 1);
  CHECK(FoundIds(sharded, "qqprobetwo") == "shard-probe\n");

  RunResult reshard = RunGazette({"--db", sharded, "index", "--shards", "2", articles});
  CHECK(reshard.exit_code == 2);
  CHECK(Contains(reshard.err, "has 3 shards, not 2"));
}

}  // namespace
}  // namespace gazette::testing
