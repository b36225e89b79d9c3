// extract_bench: entity extraction throughput on one core, and the time to
// load the built-in gazetteer. Not a test: run it by hand, on a quiet machine.
//   build/tools/bench/extract_bench [DIR...]   (default: the seeds and
//   tests/data/articles under the source root)
// Reads every regular file in the folders, repeats them to ~50 MB, runs
// Extract over all of it 5 times and prints the median MB/s, both per second
// of this thread's CPU time (what one core does, steady on a busy machine)
// and per second of wall time.
#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gazette/extract.h"
#include "gazette/gazetteer.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kTargetBytes = 50 << 20;
constexpr int kRuns = 5;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::vector<gazette::Article> ReadCorpus(const std::vector<std::string>& dirs) {
  std::vector<gazette::Article> articles;
  for (const std::string& dir : dirs) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      gazette::Article article;
      article.body = text.str();
      const std::size_t newline = article.body.find('\n');
      article.title = article.body.substr(0, newline);
      article.body.erase(0, newline == std::string::npos ? article.body.size() : newline + 1);
      articles.push_back(std::move(article));
    }
  }
  return articles;
}

}  // namespace

int main(int argc, char** argv) {
  const double load_start = ThreadCpuSeconds();
  const gazette::Gazetteer& gazetteer = gazette::Gazetteer::Builtin();
  const double load_seconds = ThreadCpuSeconds() - load_start;
  const double resolve_start = ThreadCpuSeconds();
  const bool resolved = gazetteer.Resolve(gazette::EntityKind::kLeader, "putin") != nullptr;
  const double resolve_seconds = ThreadCpuSeconds() - resolve_start;
  const double matcher_start = ThreadCpuSeconds();
  const gazette::EntityExtractor extractor(gazetteer);
  const double matcher_seconds = ThreadCpuSeconds() - matcher_start;

  std::vector<std::string> dirs(argv + 1, argv + argc);
  if (dirs.empty()) {
    const std::string root = GAZETTE_SOURCE_ROOT;
    dirs = {root + "/../shared/seeds", root + "/../../shared/seeds", root + "/tests/data/articles"};
  }
  const std::vector<gazette::Article> corpus = ReadCorpus(dirs);
  if (corpus.empty()) {
    fmt::print(stderr, "extract_bench: no articles found\n");
    return 2;
  }
  std::vector<gazette::Article> articles;
  std::size_t bytes = 0;
  while (bytes < kTargetBytes) {
    for (const gazette::Article& article : corpus) {
      articles.push_back(article);
      bytes += article.title.size() + 1 + article.body.size();
    }
  }
  std::vector<double> cpu_rates;
  std::vector<double> wall_rates;
  std::size_t mentions = 0;
  const double megabytes = static_cast<double>(bytes) / 1e6;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = Clock::now();
    const double cpu_start = ThreadCpuSeconds();
    for (gazette::Article& article : articles) extractor.Extract(article);
    cpu_rates.push_back(megabytes / (ThreadCpuSeconds() - cpu_start));
    wall_rates.push_back(megabytes / SecondsSince(start));
  }
  for (const gazette::Article& article : articles)
    for (gazette::EntityKind kind : gazette::kAllEntityKinds)
      mentions += article.mentions(kind).size();
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::sort(wall_rates.begin(), wall_rates.end());
  fmt::print(
      "gazetteer (CPU time): {} entities loaded in {:.2f} ms; first Resolve {:.2f} ms ({}); "
      "matcher built in {:.2f} ms\n",
      gazetteer.entities().size(), load_seconds * 1e3, resolve_seconds * 1e3,
      resolved ? "ok" : "FAILED", matcher_seconds * 1e3);
  fmt::print("extract: {} articles, {:.1f} MB, {} entity mentions per pass\n", articles.size(),
             megabytes, mentions);
  fmt::print("extract: median {:.1f} MB/s of CPU time over {} runs (min {:.1f}, max {:.1f})\n",
             cpu_rates[kRuns / 2], kRuns, cpu_rates.front(), cpu_rates.back());
  fmt::print("extract: median {:.1f} MB/s of wall time (min {:.1f}, max {:.1f})\n",
             wall_rates[kRuns / 2], wall_rates.front(), wall_rates.back());
  return 0;
}
