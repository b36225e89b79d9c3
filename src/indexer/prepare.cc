// ArticlePreparer: the work that runs in parallel, one instance per thread.
#include "indexer/prepare.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "gazette/database.h"
#include "gazette/dates.h"
#include "gazette/schema.h"
#include "indexer/content_hash.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

using Clock = std::chrono::steady_clock;

// A stream (a live feed piped in) that has sent whole lines and then nothing
// for this long has them indexed now, not when a slice fills: a feed may take
// hours to send a megabyte. Long enough that a download's hiccups do not
// count as pauses: a stream that pauses is then written in place (see
// IndexTarget::FollowStream), slower than in parts.
constexpr auto kStreamQuiet = std::chrono::seconds(1);

enum class Wait { kReady, kQuiet, kStopped };

// Waits until `fd` has bytes, its end or an error for read() to report; with
// `quiet`, for at most that long. Gives up once `*stop` is set: a read from a
// pipe (`producer | gazette index -`) blocks until the producer writes, which
// would keep a Ctrl-C waiting for it. `stop` is null for regular files, which
// never block.
Wait WaitReadable(int fd, const std::atomic<bool>* stop,
                  std::optional<Clock::duration> quiet = std::nullopt) {
  if (!stop) return Wait::kReady;
  const std::optional<Clock::time_point> until =
      quiet ? std::optional(Clock::now() + *quiet) : std::nullopt;
  pollfd watch{fd, POLLIN, 0};
  while (!stop->load(std::memory_order_relaxed)) {
    auto step = std::chrono::milliseconds(100);
    if (until) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*until - Clock::now());
      if (left.count() <= 0) return Wait::kQuiet;
      step = std::min(step, left);
    }
    const int ready = ::poll(&watch, 1, static_cast<int>(step.count()));
    if (ready > 0 || (ready < 0 && errno != EINTR)) return Wait::kReady;
  }
  return Wait::kStopped;
}

// How long a stream may stay silent before the whole lines it has sent in
// `pending` go on without waiting for more; nullopt when there are none, or
// for a file (`stop` null), which never waits.
std::optional<Clock::duration> StreamPatience(const std::atomic<bool>* stop,
                                              std::string_view pending) {
  if (!stop || pending.find('\n') == std::string_view::npos) return std::nullopt;
  return kStreamQuiet;
}

enum class ReadOutcome { kRead, kFailed, kStopped };

// Reads from `fd` until its end or until `content` holds `limit` bytes;
// `at_end` says which. With `cut_on_pause`, also stops early (at_end false)
// when a stream has sent whole lines and then paused (StreamPatience).
ReadOutcome ReadUpTo(int fd, std::size_t limit, const std::atomic<bool>* stop, std::string& content,
                     bool& at_end, std::string& error, bool cut_on_pause = false) {
  char buffer[1 << 16];
  at_end = false;
  while (content.size() < limit) {
    const std::optional<Clock::duration> patience =
        cut_on_pause ? StreamPatience(stop, content) : std::nullopt;
    switch (WaitReadable(fd, stop, patience)) {
      case Wait::kReady: break;
      case Wait::kQuiet: return ReadOutcome::kRead;
      case Wait::kStopped: return ReadOutcome::kStopped;
    }
    const ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, limit - content.size()));
    if (n == 0) {
      at_end = true;
      return ReadOutcome::kRead;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return ReadOutcome::kFailed;
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return ReadOutcome::kRead;
}

// JSON Lines files bigger than this are read a slice of about this size at
// a time (see PrepareJsonlSlices). A slice is parsed whole before its first
// article goes on, so the writer threads of a fresh build wait for the first
// one: 8 MB kept them idle for the first 0.5 s of a 10k build.
constexpr std::size_t kJsonlSliceBytes = 1u << 20;
// No one article (a text or HTML file, a JSON Lines line) is larger: past it
// an input is rejected rather than read whole into memory (/dev/zero, a
// stray multi-gigabyte log).
constexpr std::size_t kMaxArticleBytes = 64u << 20;
const std::string kTooLarge = fmt::format(
    "larger than {} MB: not one article (JSON Lines of any size is read a line at a time)",
    kMaxArticleBytes >> 20);

bool IsJsonl(const std::string& path, Format format) {
  if (format != Format::kAuto) return format == Format::kJsonl;
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".JSONL" || ext == ".NDJSON";
}

// --prune matches origins by absolute path, so the stored origin must not
// depend on the directory gazette was started from. `working_dir` is taken
// once a run: fs::absolute asks the kernel for it at every file.
std::string AbsoluteOrigin(const std::string& path, const std::filesystem::path& working_dir) {
  if (path == "-" || working_dir.empty()) return path;
  return (working_dir / path).lexically_normal().string();
}

std::filesystem::path WorkingDir() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::current_path(ec);
  return ec ? std::filesystem::path() : dir;
}

}  // namespace

ArticlePreparer::ArticlePreparer(std::string db_path, bool index_was_empty, const ReadOptions& read,
                                 const EntityExtractor& extractor,
                                 const std::atomic<bool>* defer_documents,
                                 const std::atomic<bool>* stop_requested)
    : db_path_(std::move(db_path)),
      index_was_empty_(index_was_empty),
      defer_documents_(defer_documents),
      stop_requested_(stop_requested),
      read_(read),
      extractor_(extractor),
      working_dir_(WorkingDir()) {}

void ArticlePreparer::PrepareFile(const InputFile& input, std::size_t file_index,
                                  std::size_t chunk_articles,
                                  const std::function<bool(PreparedChunk&&)>& emit,
                                  SliceBoard* board) {
  PreparedChunk chunk;
  chunk.file_index = file_index;
  const auto reject = [&](const std::string& why) {
    chunk.problems.push_back(Problem{input.path, 0, why, true});
    chunk.last = true;
    emit(std::move(chunk));
  };
  const bool is_stdin = input.path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return reject(std::string("cannot read: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() {
      if (fd != STDIN_FILENO) ::close(fd);
    }
  } closer{fd};
  // The first slice tells a JSON Lines stream (read a slice at a time, of
  // any size) from one article (read whole, up to kMaxArticleBytes); a pipe
  // or stdin has no size to tell it by.
  std::string content, error;
  bool at_end = false;
  if (input.size > 0) content.reserve(std::min<std::uint64_t>(input.size, kJsonlSliceBytes));
  // Only stdin and pipes can block (they are listed with no size).
  const std::atomic<bool>* stop = is_stdin || input.size == 0 ? stop_requested_ : nullptr;
  // False when the file is done with: rejected, or the run stopped.
  const auto read_up_to = [&](std::size_t limit, bool cut_on_pause) {
    switch (ReadUpTo(fd, limit, stop, content, at_end, error, cut_on_pause)) {
      case ReadOutcome::kRead: return true;
      case ReadOutcome::kFailed: reject("cannot read: " + error); return false;
      case ReadOutcome::kStopped: return false;
    }
    return false;
  };
  if (!read_up_to(kJsonlSliceBytes, true)) return;
  if (!at_end &&
      (IsJsonl(input.path, read_.format) ||
       (read_.format == Format::kAuto && DetectFormat(input.path, content) == Format::kJsonl))) {
    // Short of a slice without its end: the stream paused.
    const bool paused = content.size() < kJsonlSliceBytes;
    PrepareJsonlSlices(input, fd, stop, std::move(content), paused, file_index, chunk_articles,
                       emit, board);
    return;
  }
  if (!at_end && !read_up_to(kMaxArticleBytes, false)) return;
  if (!at_end) return reject(kTooLarge);
  const std::uint64_t file_bytes = content.size();
  if (LooksBinary(content)) {
    chunk.file_bytes = file_bytes;
    chunk.skipped = true;
    chunk.problems.push_back(Problem{input.path, 0, "skipped: binary file", false});
    chunk.last = true;
    emit(std::move(chunk));
    return;
  }
  ReadResult read = ReadArticles(content, input.path, input.id_hint, read_);
  content = std::string();  // the articles hold what is needed
  if (!PrepareRead(std::move(read), input, file_bytes, chunk_articles, chunk, emit)) return;
  // Set only now: a file of many articles has sent chunks already, and the
  // reader counts the bytes of the last one.
  chunk.file_bytes = file_bytes;
  chunk.last = true;
  emit(std::move(chunk));
}

bool ArticlePreparer::PrepareJsonlSlices(const InputFile& input, int fd,
                                         const std::atomic<bool>* stop, std::string pending,
                                         bool pending_paused, std::size_t file_index,
                                         std::size_t chunk_articles,
                                         const std::function<bool(PreparedChunk&&)>& emit,
                                         SliceBoard* board) {
  std::size_t slice_index = 0;
  int line_offset = 0;
  // The file's final chunk comes after its last slice, on its own.
  const auto finish = [&](std::uint64_t file_bytes, std::optional<Problem> problem) {
    PreparedChunk chunk;
    chunk.file_index = file_index;
    chunk.slice = slice_index;
    chunk.file_bytes = file_bytes;
    if (problem) chunk.problems.push_back(std::move(*problem));
    chunk.last = true;
    return emit(std::move(chunk));
  };
  std::string block(kJsonlSliceBytes, '\0');
  std::uint64_t total = pending.size();
  bool more = true;
  bool paused = pending_paused;
  while (more) {
    if (!paused) {
      switch (WaitReadable(fd, stop, StreamPatience(stop, pending))) {
        case Wait::kReady: break;
        case Wait::kQuiet: paused = true; break;
        case Wait::kStopped: return false;
      }
    }
    if (!paused) {
      const ssize_t n = ::read(fd, block.data(), block.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        return finish(
            0, Problem{input.path, 0, std::string("cannot read: ") + std::strerror(errno), true});
      more = n > 0;
      total += static_cast<std::uint64_t>(n);
      pending.append(block.data(), static_cast<std::size_t>(n));
    }
    if (pending.empty()) break;
    // A slice ends at a line's end, except for a last line with none.
    const std::size_t cut = more ? pending.rfind('\n') : pending.size();
    if (cut == std::string::npos && pending.size() > kMaxArticleBytes)
      return finish(0, Problem{input.path, line_offset + 1,
                               fmt::format("a line longer than {} MB: not one article",
                                           kMaxArticleBytes >> 20),
                               true});
    if (cut == std::string::npos || (more && !paused && pending.size() < kJsonlSliceBytes))
      continue;
    std::string rest = pending.substr(more ? cut + 1 : cut);
    pending.resize(pending.size() - rest.size());
    JsonlSlice slice{input, file_index, slice_index++, line_offset, std::move(pending), paused};
    pending = std::move(rest);
    line_offset += static_cast<int>(std::count(slice.content.begin(), slice.content.end(), '\n'));
    if ((!board || !board->Offer(slice)) && !PrepareSlice(slice, chunk_articles, emit))
      return false;
    paused = false;
  }
  return finish(total, std::nullopt);
}

bool ArticlePreparer::PrepareSlice(const JsonlSlice& slice, std::size_t chunk_articles,
                                   const std::function<bool(PreparedChunk&&)>& emit) {
  PreparedChunk chunk;
  chunk.file_index = slice.file_index;
  chunk.slice = slice.slice;
  chunk.stream_paused = slice.stream_paused;
  if (!internal::Trim(slice.content).empty()) {
    ReadOptions options = read_;
    options.format = Format::kJsonl;
    options.line_offset = slice.line_offset;
    ReadResult read = ReadArticles(slice.content, slice.input.path, slice.input.id_hint, options);
    if (!PrepareRead(std::move(read), slice.input, slice.content.size(), chunk_articles, chunk,
                     emit))
      return false;
  }
  chunk.slice_end = true;
  return emit(std::move(chunk));
}

bool ArticlePreparer::PrepareRead(ReadResult read, const InputFile& input, std::uint64_t bytes,
                                  std::size_t chunk_articles, PreparedChunk& chunk,
                                  const std::function<bool(PreparedChunk&&)>& emit) {
  for (Problem& p : read.problems) chunk.problems.push_back(std::move(p));
  const std::string origin = AbsoluteOrigin(input.path, working_dir_);
  const std::uint64_t share = read.articles.empty() ? 0 : bytes / read.articles.size();
  for (std::size_t i = 0; i < read.articles.size(); ++i) {
    Article& article = read.articles[i];
    // An origin the input declared (gazette's export, docs/maintenance.md) is
    // kept; the reader's default, the input path, is made absolute.
    if (article.origin == input.path && article.origin != "-") article.origin = origin;
    try {
      chunk.articles.push_back(Prepare(std::move(article), share));
    } catch (const nlohmann::json::exception& e) {
      // Readers should have refused it (e.g. invalid UTF-8); one bad article
      // must not stop the run.
      chunk.problems.push_back(
          Problem{input.path, 0, std::string("cannot index: ") + e.what(), true});
    }
    if (chunk.articles.size() >= chunk_articles) {
      PreparedChunk next;
      next.file_index = chunk.file_index;
      next.slice = chunk.slice;
      next.sequence = chunk.sequence + 1;
      next.stream_paused = chunk.stream_paused;
      if (!emit(std::move(chunk))) return false;
      chunk = std::move(next);
    }
  }
  return true;
}

PreparedArticle ArticlePreparer::Prepare(Article article, std::uint64_t input_bytes) {
  PreparedArticle prepared;
  prepared.id_term = schema::IdTerm(article.id);
  prepared.content_hash = ContentHash(article);
  prepared.input_bytes = input_bytes;
  const std::optional<std::string> stored = StoredHash(prepared.id_term);
  prepared.existed = stored.has_value();
  if (stored && *stored == prepared.content_hash) {
    prepared.article = std::move(article);
    return prepared;
  }
  // An article the index holds is replaced in place, even in a build in
  // parts (index_target.h).
  if (!prepared.existed && defer_documents_ && defer_documents_->load(std::memory_order_relaxed)) {
    Derive(article);
    prepared.derived = true;
  } else {
    prepared.document = Build(article, prepared.content_hash);
  }
  prepared.article = std::move(article);
  return prepared;
}

void ArticlePreparer::Derive(Article& article) const { DeriveArticleFields(extractor_, article); }

Xapian::Document ArticlePreparer::BuildDerived(const Article& article,
                                               const std::string& content_hash) {
  return builder_.Build(article, content_hash);
}

Xapian::Document ArticlePreparer::Build(Article& article, const std::string& content_hash) {
  // Extraction runs after the content hash is taken, so what it finds never
  // makes an unchanged input look changed.
  Derive(article);
  return BuildDerived(article, content_hash);
}

std::optional<std::string> ArticlePreparer::StoredHash(const std::string& id_term) {
  if (index_was_empty_) return std::nullopt;
  for (int attempt = 0;; ++attempt) {
    try {
      if (!snapshot_) snapshot_.emplace(db_path_);
      Xapian::PostingIterator it = snapshot_->postlist_begin(id_term);
      if (it == snapshot_->postlist_end(id_term)) return std::nullopt;
      return snapshot_->get_document(*it).get_value(schema::kSlotContentHash);
    } catch (const Xapian::DatabaseModifiedError&) {
      // The writer committed twice since this view was opened: any newer
      // view is as good, since the writer re-checks ids it wrote itself.
      // Opening can itself lose that race while the writer commits small
      // batches back to back, so the view is opened afresh each time.
      snapshot_.reset();
      if (attempt >= Database::kRetriesWhileWriting) throw;
      Database::WaitForWriter(attempt);
    }
  }
}

}  // namespace gazette::internal
