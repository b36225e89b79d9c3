// IndexPaths(): list the inputs, prepare them on worker threads, and apply the
// results in input order on this thread (see chunk_queue.h), which hands them
// to the index target (see index_target.h).
#include "gazette/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "gazette/extract.h"
#include "gazette/schema.h"
#include "gazette/version.h"
#include "indexer/chunk_queue.h"
#include "indexer/index_target.h"
#include "indexer/prepare.h"
#include "indexer/slice_board.h"
#include "indexer/thread_count.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;
using internal::PreparedArticle;
using internal::PreparedChunk;

// Big JSONL files are cut into chunks of this many articles; the queue holds
// up to kQueueArticlesPerJob per worker (about 30 KB each as documents).
constexpr std::size_t kChunkArticles = 64;
constexpr std::size_t kQueueArticlesPerJob = 256;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);

bool StopRequested(const IndexOptions& options) {
  return options.stop_requested && options.stop_requested->load(std::memory_order_relaxed);
}

// Runs the workers; the first exception any of them throws is kept for the
// writer thread to rethrow, since an exception cannot cross threads itself.
class WorkerPool {
 public:
  WorkerPool(unsigned jobs, const std::string& db_path, const IndexOptions& options,
             const EntityExtractor& extractor, const std::vector<InputFile>& files,
             bool index_was_empty, const std::atomic<bool>* defer_documents,
             internal::ChunkQueue& queue)
      : queue_(queue) {
    for (unsigned i = 0; i < jobs; ++i) {
      threads_.emplace_back([&, index_was_empty, defer_documents] {
        Run(db_path, options, extractor, files, index_was_empty, defer_documents);
      });
    }
  }
  // Closing first: when the writer throws, workers may be waiting for room.
  ~WorkerPool() {
    Close();
    Join();
  }

  void Close() {
    queue_.Close();
    board_.Close();
  }

  void Join() {
    for (std::thread& t : threads_)
      if (t.joinable()) t.join();
  }
  void RethrowFailure() {
    std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void Run(const std::string& db_path, const IndexOptions& options,
           const EntityExtractor& extractor, const std::vector<InputFile>& files,
           bool index_was_empty, const std::atomic<bool>* defer_documents) {
    try {
      internal::ArticlePreparer preparer(db_path, index_was_empty, options.read, extractor,
                                         defer_documents, options.stop_requested);
      const auto emit = [&](PreparedChunk&& chunk) { return queue_.Push(std::move(chunk)); };
      while (!StopRequested(options)) {
        // Counted open before taking a file, so that no worker finds none
        // open while another is about to open the last one.
        internal::OpenFileGuard open(board_);
        const std::size_t i = next_file_++;
        if (i >= files.size()) break;
        preparer.PrepareFile(files[i], i, kChunkArticles, emit, &board_);
      }
      // No file left: help with the slices of those still being read.
      while (!StopRequested(options)) {
        std::optional<internal::JsonlSlice> slice = board_.WaitForSlice();
        if (!slice || !preparer.PrepareSlice(*slice, kChunkArticles, emit)) break;
      }
      // The writer may be waiting for the rest of a file this worker gave up
      // on (a pipe with nothing to read): it is not coming.
      if (StopRequested(options)) Close();
    } catch (const Xapian::Error& e) {
      Fail(std::make_exception_ptr(
          Error(ErrorKind::kIo, db_path + ": cannot read the index: " + e.get_msg())));
    } catch (const std::exception&) {
      Fail(std::current_exception());
    }
  }
  void Fail(std::exception_ptr failure) {
    {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = failure;
    }
    Close();
  }

  internal::ChunkQueue& queue_;
  internal::SliceBoard board_;
  std::atomic<std::size_t> next_file_{0};
  std::mutex mutex_;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

// The writer's side: applies prepared articles, counts, reports progress.
class Applier {
 public:
  Applier(internal::IndexTarget& target, const std::string& db_path, const IndexOptions& options,
          const EntityExtractor& extractor, const IndexCallbacks& callbacks, IndexReport& report)
      : target_(target),
        fallback_(db_path, target.was_empty(), options.read, extractor),
        callbacks_(callbacks),
        report_(report) {}

  void OnProblem(const Problem& p, bool skipped) {
    if (skipped)
      ++report_.skipped;
    else if (p.rejected)
      ++report_.rejected;
    else
      ++report_.warnings;
    if (callbacks_.on_problem) callbacks_.on_problem(p);
  }

  void Apply(PreparedArticle& prepared) {
    if (!prepared.derived && !prepared.document) {
      // A worker's view predates this run's writes; only ids written in this
      // run can have changed under it.
      if (!target_.WrittenThisRun(prepared.id_term) ||
          target_.StoredHash(prepared.id_term) == prepared.content_hash) {
        ++report_.unchanged;
        return;
      }
      fallback_.Derive(prepared.article);
      prepared.derived = true;
    }
    // Whichever way the worker prepared it: the target may have started its
    // parts since, and an id may have been written since the worker looked.
    if (target_.ToParts(prepared.id_term, prepared.existed)) {
      Count(target_.Write(prepared.id_term, prepared.content_hash, std::move(prepared.article),
                          prepared.input_bytes));
      return;
    }
    if (!prepared.document)
      prepared.document = fallback_.BuildDerived(prepared.article, prepared.content_hash);
    Count(target_.Write(prepared.id_term, prepared.content_hash, std::move(*prepared.document),
                        prepared.input_bytes, prepared.existed));
  }

  void Count(internal::IndexTarget::Outcome outcome) {
    using Outcome = internal::IndexTarget::Outcome;
    switch (outcome) {
      case Outcome::kAdded: ++report_.added; break;
      case Outcome::kUpdated: ++report_.updated; break;
      case Outcome::kUnchanged: ++report_.unchanged; break;
    }
  }

  void Progress(IndexProgress& progress, bool force) {
    const auto now = Clock::now();
    if (!callbacks_.on_progress || (!force && now - last_progress_ < kProgressInterval)) return;
    last_progress_ = now;
    progress.articles_done = report_.added + report_.updated + report_.unchanged;
    callbacks_.on_progress(progress);
  }

 private:
  internal::IndexTarget& target_;
  internal::ArticlePreparer fallback_;
  const IndexCallbacks& callbacks_;
  IndexReport& report_;
  Clock::time_point last_progress_{};
};

// The absolute folders given, each ending in '/', for --prune. Folders that do
// not exist are left out: a typo or an unmounted disk must not empty the index.
std::vector<std::string> PruneRoots(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> roots;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) continue;
    std::string root = fs::absolute(path, ec).lexically_normal().string();
    if (root.empty() || root.back() != '/') root += '/';
    roots.push_back(root);
  }
  return roots;
}

}  // namespace

IndexReport IndexPaths(const std::string& db_path, const IndexOptions& options,
                       const Gazetteer& gazetteer, const IndexCallbacks& callbacks) {
  const auto start = Clock::now();
  IndexReport report;
  const InputList inputs = ListInputs(options.paths);

  internal::WriterOptions writer_options;
  writer_options.wait_seconds = options.wait_seconds;
  writer_options.batch_articles = options.batch_articles ? options.batch_articles : 1;
  writer_options.batch_bytes = std::max<std::uint64_t>(options.batch_megabytes, 1) << 20;
  writer_options.stop_requested = options.stop_requested;
  internal::IndexTarget target(db_path, options, writer_options,
                               {gazetteer.Fingerprint(), std::string(Version())});
  report.gazetteer_changed = !target.was_empty() && !target.previous_fingerprint().empty() &&
                             target.previous_fingerprint() != gazetteer.Fingerprint();

  const EntityExtractor extractor(gazetteer);
  Applier applier(target, db_path, options, extractor, callbacks, report);
  report.skipped = inputs.skipped;
  for (const Problem& p : inputs.problems) applier.OnProblem(p, false);

  IndexProgress progress;
  progress.files_total = inputs.files.size();
  for (const InputFile& f : inputs.files) progress.bytes_total += f.size;

  const unsigned jobs = internal::ThreadCount(options.jobs);
  internal::ChunkQueue queue(kQueueArticlesPerJob * jobs, inputs.files.size());
  WorkerPool workers(jobs, db_path, options, extractor, inputs.files, target.was_empty(),
                     target.defer_documents(), queue);
  while (std::optional<PreparedChunk> chunk = queue.PopNext()) {
    for (const Problem& p : chunk->problems) applier.OnProblem(p, chunk->skipped);
    if (chunk->stream_paused) target.FollowStream();
    for (PreparedArticle& prepared : chunk->articles) {
      if (StopRequested(options)) break;
      applier.Apply(prepared);
    }
    if (StopRequested(options)) break;
    if (chunk->stream_paused && chunk->slice_end) target.CommitInPlace();
    if (chunk->last) {
      ++progress.files_done;
      progress.bytes_done += chunk->file_bytes;
      report.bytes += chunk->file_bytes;
    }
    progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    applier.Progress(progress, false);
  }
  workers.Close();
  workers.Join();
  workers.RethrowFailure();

  report.interrupted = StopRequested(options);
  if (options.prune && !report.interrupted) {
    for (const std::string& root : PruneRoots(options.paths))
      report.pruned += target.PruneMissing(root);
  }
  target.Finish();
  report.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  progress.elapsed_seconds = report.elapsed_seconds;
  applier.Progress(progress, true);
  return report;
}

}  // namespace gazette
