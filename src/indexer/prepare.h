// The per-file half of indexing, run on worker threads: read, parse, skip
// what is unchanged, extract, and build Xapian documents ready for the one
// writer. Nothing here writes to the index.
#ifndef GAZETTE_SRC_INDEXER_PREPARE_H_
#define GAZETTE_SRC_INDEXER_PREPARE_H_

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "gazette/document.h"
#include "gazette/extract.h"
#include "gazette/ingest.h"
#include "gazette/problem.h"
#include "indexer/slice_board.h"

namespace gazette::internal {

struct PreparedArticle {
  std::string id_term;
  std::string content_hash;
  // Whether the id was in the index as this worker saw it.
  bool existed = false;
  // nullopt: the stored hash matched, nothing to write (the article is kept
  // for the writer's re-check of an id written twice in one run), or
  // `derived` is set.
  std::optional<Xapian::Document> document;
  // The article's entities and dates are extracted; the document is left for
  // the parts' writer threads to build, since a batch of documents (with
  // every term's positions) takes ten times the memory of its articles.
  bool derived = false;
  // Kept, extraction done, beside a document too: the index may turn to
  // parts (index_target.h) while this article waits in the queue.
  Article article;
  std::uint64_t input_bytes = 0;  // this article's share of its file
};

// A run of one file's articles, in input order. Big JSONL files come in
// several chunks so that memory stays bounded, and in several slices, each
// of one or more chunks, so that several workers can prepare them.
struct PreparedChunk {
  std::size_t file_index = 0;
  std::size_t slice = 0;         // 0, 1, ... within the file
  std::size_t sequence = 0;      // 0, 1, ... within the slice
  bool slice_end = false;        // the slice's final chunk; the next is slice + 1's
  bool last = false;             // the file's final chunk
  bool skipped = false;          // binary: not read as articles
  bool stream_paused = false;    // of a slice a stream sent before pausing
  std::uint64_t file_bytes = 0;  // set on the final chunk
  std::vector<Problem> problems;
  std::vector<PreparedArticle> articles;
};

// One per worker thread: holds a DocumentBuilder and a read-only view of the
// index for the unchanged check. Not thread-safe.
class ArticlePreparer {
 public:
  // `db_path` must already exist. With `index_was_empty`, no lookups. While
  // `*defer_documents` is set, articles new to the index come out `derived`,
  // without a document. Once `*stop_requested` is set, a wait for a pipe's
  // next bytes ends, and the file with it.
  ArticlePreparer(std::string db_path, bool index_was_empty, const ReadOptions& read,
                  const EntityExtractor& extractor,
                  const std::atomic<bool>* defer_documents = nullptr,
                  const std::atomic<bool>* stop_requested = nullptr);

  // Prepares every article of `input`, calling `emit` with chunks of at most
  // `chunk_articles` articles; stops early when `emit` returns false. The
  // slices of a big JSON Lines file may be handed to idle workers through
  // `board` (nullptr: all prepared here).
  void PrepareFile(const InputFile& input, std::size_t file_index, std::size_t chunk_articles,
                   const std::function<bool(PreparedChunk&&)>& emit, SliceBoard* board = nullptr);
  // Prepares a slice another worker cut, ending with its slice_end chunk.
  bool PrepareSlice(const JsonlSlice& slice, std::size_t chunk_articles,
                    const std::function<bool(PreparedChunk&&)>& emit);

  // Extracts and builds the document for `article` regardless of what is
  // stored.
  Xapian::Document Build(Article& article, const std::string& content_hash);
  // Extracts only, for the parts' writer threads.
  void Derive(Article& article) const;
  // The document of an article Derive() has seen.
  Xapian::Document BuildDerived(const Article& article, const std::string& content_hash);

 private:
  // A big JSON Lines file or stream, read from `fd` and parsed a slice at a
  // time so that memory does not grow with it; `pending` is what was read
  // of it already, `pending_paused` whether the stream paused after it; a
  // wait on `fd` ends once `*stop` is set (null: never). Returns false when
  // `emit` asked to stop, or the wait did.
  bool PrepareJsonlSlices(const InputFile& input, int fd, const std::atomic<bool>* stop,
                          std::string pending, bool pending_paused, std::size_t file_index,
                          std::size_t chunk_articles,
                          const std::function<bool(PreparedChunk&&)>& emit, SliceBoard* board);
  // Prepares `read`'s articles into `chunk`, emitting full chunks on the way.
  bool PrepareRead(ReadResult read, const InputFile& input, std::uint64_t bytes,
                   std::size_t chunk_articles, PreparedChunk& chunk,
                   const std::function<bool(PreparedChunk&&)>& emit);
  // The stored hash of `id_term` in this worker's view; "" when absent.
  std::optional<std::string> StoredHash(const std::string& id_term);
  PreparedArticle Prepare(Article article, std::uint64_t input_bytes);

  std::string db_path_;
  bool index_was_empty_;
  const std::atomic<bool>* defer_documents_;
  const std::atomic<bool>* stop_requested_;
  ReadOptions read_;
  const EntityExtractor& extractor_;   // shared by every worker: thread-safe
  std::filesystem::path working_dir_;  // absolute; empty if unknown
  std::optional<Xapian::Database> snapshot_;
  DocumentBuilder builder_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_PREPARE_H_
