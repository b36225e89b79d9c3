// tools/bench/write_path_bench.cc: what Xapian 1.4's own write path costs per
// article, for gazette's schema and for cheaper ones: the floor under issue 4's
// 2,000 articles/s (docs/performance.md, "The floor: Xapian's own write path").
// Not a test: run it by hand, and note `uptime` with the figures.
//
//   write_path_bench [--corpus PATH.jsonl] [--count 3000] [--repeat 3]
//                    [--variant NAME] [--commit-every N]
//
// The default corpus, /tmp/gazette-bench-corpus-10000.jsonl, is what
// tools/bench/index_bench writes (gen_corpus.py --seed 1 --count 10000 --jsonl).
//
// Reads the first --count articles with gazette's JSON Lines reader and
// extracts entities and dates (timed on its own line). Then, per run and
// variant: (a) builds every document, (b) adds them all to a fresh glass
// database in a temp dir, (c) commits. Times are CPU time of this thread, on
// which Xapian does all its writing, so other load on the machine inflates
// them less than wall time; medians over --repeat runs, variants taking turns
// within a run. "compact" is Xapian's compactor over the result, which
// gazette's bulk path runs to merge its batches; it is not in the sum.
// --variant runs one variant alone (for perf). --commit-every N commits every
// N documents as (b) adds them, as gazette's writer threads commit their
// parts (every 250); by default (b) adds them all and (c) commits once.
#include <fmt/format.h>
#include <time.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "db/spelling.h"
#include "gazette/article_json.h"
#include "gazette/document.h"
#include "gazette/extract.h"
#include "gazette/gazetteer.h"
#include "gazette/ingest.h"
#include "gazette/schema.h"
#include "indexer/content_hash.h"
#include "indexer/prepare.h"

namespace {

namespace fs = std::filesystem;
using gazette::Article;

struct Args {
  std::string corpus = "/tmp/gazette-bench-corpus-10000.jsonl";
  std::size_t count = 3000;
  int repeat = 3;
  std::string only;
  std::size_t commit_every = 0;
};

enum class Schema { kGazette, kText, kDataOnly };

struct Variant {
  const char* name;
  Schema schema;
  Xapian::TermGenerator::stem_strategy stemming = Xapian::TermGenerator::STEM_SOME;
  bool positions = true;
  bool spelling = false;  // kGazette only
};

// kText: the free text as src/schema/document.cc indexes it (title with prefix
// S, title again unprefixed at kTitleWeight, body) plus the id term; no
// values, no data, no spelling. kDataOnly: the id term and the article JSON,
// the cost every document pays whatever its terms.
const Variant kVariants[] = {
    {"gazette", Schema::kGazette, {}, true, true},
    {"gazette nospell", Schema::kGazette, {}, true, false},
    {"stem_some+pos", Schema::kText, Xapian::TermGenerator::STEM_SOME, true},
    {"stem_all_z+pos", Schema::kText, Xapian::TermGenerator::STEM_ALL_Z, true},
    {"stem_none+pos", Schema::kText, Xapian::TermGenerator::STEM_NONE, true},
    {"stem_some nopos", Schema::kText, Xapian::TermGenerator::STEM_SOME, false},
    {"stem_none nopos", Schema::kText, Xapian::TermGenerator::STEM_NONE, false},
    {"bare data only", Schema::kDataOnly},
};

double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double WallSeconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double Median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

std::uint64_t DirBytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) bytes += entry.file_size();
  return bytes;
}

class Builder {
 public:
  explicit Builder(const Variant& variant) : variant_(variant) {
    generator_.set_stemmer(Xapian::Stem("english"));
    generator_.set_stemming_strategy(variant.stemming);
  }

  Xapian::Document Build(const Article& article, const std::string& content_hash) {
    if (variant_.schema == Schema::kGazette) return gazette_.Build(article, content_hash);
    Xapian::Document doc;
    doc.add_boolean_term(gazette::schema::IdTerm(article.id));
    if (variant_.schema == Schema::kDataOnly) {
      doc.set_data(gazette::ArticleToJson(article).dump());
      return doc;
    }
    generator_.set_document(doc);
    Index(article.title, 1, std::string(gazette::schema::kPrefixTitle));
    Index(article.title, gazette::schema::kTitleWeight, "");
    generator_.increase_termpos(100);
    Index(article.body, 1, "");
    return doc;
  }

 private:
  void Index(const std::string& text, unsigned wdf, const std::string& prefix) {
    if (variant_.positions) {
      generator_.index_text(text, wdf, prefix);
    } else {
      generator_.index_text_without_positions(text, wdf, prefix);
    }
  }

  const Variant& variant_;
  Xapian::TermGenerator generator_;
  gazette::DocumentBuilder gazette_;
};

struct Run {
  double build = 0, add = 0, commit = 0, wall = 0;  // seconds for all articles
  std::uint64_t bytes = 0;
};

// One pass of (a), (b), (c) for `variant` into a fresh database at `dir`.
// The "gazette" variant counts spellings per database, as the writer threads
// did until session 11; they now write none ("gazette nospell"), since a
// fresh build adds the words once, in its words parts.
Run RunOnce(const Variant& variant, const std::vector<Article>& articles,
            const std::vector<std::string>& hashes, const fs::path& dir, std::size_t commit_every) {
  Run run;
  Builder builder(variant);
  gazette::internal::SpellingCounts spellings;
  const bool spelling = variant.spelling;
  std::vector<Xapian::Document> docs;
  docs.reserve(articles.size());
  const double wall = WallSeconds();
  double start = CpuSeconds();
  for (std::size_t i = 0; i < articles.size(); ++i) {
    docs.push_back(builder.Build(articles[i], hashes[i]));
    if (spelling) spellings.Add(docs.back());
  }
  run.build = CpuSeconds() - start;
  Xapian::WritableDatabase db(
      dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
  start = CpuSeconds();
  std::size_t added = 0;
  for (const Xapian::Document& doc : docs) {
    db.add_document(doc);
    if (commit_every != 0 && ++added % commit_every == 0) db.commit();
  }
  run.add = CpuSeconds() - start;
  start = CpuSeconds();
  if (spelling) spellings.FlushTo(db);
  db.commit();
  run.commit = CpuSeconds() - start;
  run.wall = WallSeconds() - wall;
  db.close();
  run.bytes = DirBytes(dir);
  return run;
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc)
      throw std::runtime_error(
          "usage: write_path_bench [--corpus F] [--count N] [--repeat R] [--variant NAME] "
          "[--commit-every N]");
    const std::string value = argv[++i];
    if (a == "--corpus") {
      args.corpus = value;
    } else if (a == "--count") {
      args.count = std::stoul(value);
    } else if (a == "--variant") {
      args.only = value;
    } else if (a == "--commit-every") {
      args.commit_every = std::stoul(value);
    } else if (a == "--repeat") {
      args.repeat = std::stoi(value);
    } else {
      throw std::runtime_error("unknown option " + a);
    }
  }
  if (!args.only.empty() && std::none_of(std::begin(kVariants), std::end(kVariants),
                                         [&](const Variant& v) { return args.only == v.name; }))
    throw std::runtime_error("no variant named " + args.only);
  if (args.count == 0 || args.repeat < 1) throw std::runtime_error("--count, --repeat: >= 1");
  return args;
}

// The first `count` lines of the corpus, read as `gazette index` reads them.
std::vector<Article> ReadCorpus(const Args& args) {
  std::ifstream in(args.corpus, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + args.corpus +
                             " (make it with tools/bench/gen_corpus.py --jsonl)");
  std::string content, line;
  for (std::size_t n = 0; n < args.count && std::getline(in, line); ++n) content += line + '\n';
  gazette::ReadOptions options;
  options.format = gazette::Format::kJsonl;
  gazette::ReadResult read = gazette::ReadArticles(content, args.corpus, "bench", options);
  if (!read.problems.empty())
    fmt::print(stderr, "write_path_bench: {} problems reading the corpus\n", read.problems.size());
  return std::move(read.articles);
}

struct Summary {
  double build, add, commit, sum;  // medians, seconds for all the articles
  double wall_per_cpu;             // median wall time over CPU time
};

Summary Summarize(const std::vector<Run>& runs) {
  std::vector<double> build, add, commit, sum, wall;
  for (const Run& run : runs) {
    build.push_back(run.build);
    add.push_back(run.add);
    commit.push_back(run.commit);
    sum.push_back(run.build + run.add + run.commit);
    wall.push_back(run.wall / sum.back());
  }
  return {Median(build), Median(add), Median(commit), Median(sum), Median(wall)};
}

// Derives entities and dates `repeat` times; returns the median CPU seconds.
double Extract(const std::vector<Article>& raw, int repeat, std::vector<Article>& articles) {
  const gazette::EntityExtractor extractor(gazette::Gazetteer::Builtin());
  std::vector<double> runs;
  for (int r = 0; r < repeat; ++r) {
    articles = raw;
    const double start = CpuSeconds();
    for (Article& a : articles) gazette::DeriveArticleFields(extractor, a);
    runs.push_back(CpuSeconds() - start);
  }
  return Median(runs);
}

void PrintRow(const char* name, const Summary& s, double n, const fs::path& dir,
              const fs::path& tmp) {
  const fs::path compacted = tmp / "compacted";
  const double start = CpuSeconds();
  Xapian::Database(dir.string()).compact(compacted.string());
  const double compact = CpuSeconds() - start;
  fmt::print(
      "{:<16} {:>7.0f} {:>7.0f} {:>7.0f} {:>7.0f} {:>9.0f} {:>6.2f} {:>8.1f} {:>9.1f} {:>7.0f}\n",
      name, s.build / n * 1e6, s.add / n * 1e6, s.commit / n * 1e6, s.sum / n * 1e6, n / s.sum,
      s.wall_per_cpu, static_cast<double>(DirBytes(dir)) / 1e6,
      static_cast<double>(DirBytes(compacted)) / 1e6, compact / n * 1e6);
  fs::remove_all(compacted);
}

int Main(const Args& args) {
  const std::vector<Article> raw = ReadCorpus(args);
  const double n = static_cast<double>(raw.size());
  std::vector<std::string> hashes;
  std::size_t text_bytes = 0;
  for (const Article& a : raw) {
    hashes.push_back(gazette::internal::ContentHash(a));
    text_bytes += a.title.size() + a.body.size();
  }
  std::vector<Article> articles;
  const double extract = Extract(raw, args.repeat, articles);

  const fs::path tmp = fs::temp_directory_path() / fmt::format("write-path-bench-{}", getpid());
  fs::create_directories(tmp);
  std::vector<std::vector<Run>> runs(std::size(kVariants));
  for (int r = 0; r < args.repeat; ++r) {
    for (std::size_t v = 0; v < std::size(kVariants); ++v)
      if (args.only.empty() || args.only == kVariants[v].name)
        runs[v].push_back(
            RunOnce(kVariants[v], articles, hashes, tmp / std::to_string(v), args.commit_every));
  }

  fmt::print(
      "write_path_bench: {} articles ({:.1f} MB of title + body) from {}; {} runs;\n"
      "medians of this thread's CPU time, microseconds per article\n",
      raw.size(), static_cast<double>(text_bytes) / 1e6, args.corpus, args.repeat);
  fmt::print("extract (DeriveArticleFields, gazette only): {:.0f} us\n\n", extract / n * 1e6);
  fmt::print("{:<16} {:>7} {:>7} {:>7} {:>7} {:>9} {:>6} {:>8} {:>9} {:>7}\n", "variant", "build",
             "add", "commit", "sum", "art/CPUs", "wall/", "DB MB", "compacted", "compact");
  fmt::print("{:<16} {:>7} {:>7} {:>7} {:>7} {:>9} {:>6} {:>8} {:>9} {:>7}\n", "", "us", "us", "us",
             "us", "", "CPU", "as built", "MB", "us");
  for (std::size_t v = 0; v < std::size(kVariants); ++v)
    if (!runs[v].empty())
      PrintRow(kVariants[v].name, Summarize(runs[v]), n, tmp / std::to_string(v), tmp);
  if (runs[0].empty()) return 0;
  const Summary gazette = Summarize(runs[0]);
  fmt::print("\ngazette with extraction: {:.0f} us, {:.0f} articles per CPU second\n",
             (gazette.sum + extract) / n * 1e6, n / (gazette.sum + extract));
  fs::remove_all(tmp);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(ParseArgs(argc, argv));
  } catch (const std::exception& e) {
    fmt::print(stderr, "write_path_bench: {}\n", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "write_path_bench: {}\n", e.get_description());
    return 2;
  }
}
