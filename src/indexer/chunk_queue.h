// Hands prepared chunks from the worker threads to the one writer in input
// order, whatever order the workers finish in. Applying in input order keeps a
// run deterministic: an id given twice ends with its last version, and a
// crash leaves a prefix of the input committed.
#ifndef GAZETTE_SRC_INDEXER_CHUNK_QUEUE_H_
#define GAZETTE_SRC_INDEXER_CHUNK_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

#include "indexer/prepare.h"

namespace gazette::internal {

class ChunkQueue {
 public:
  // `capacity`: articles (or empty chunks) held at once before producers
  // wait; it bounds memory. `file_count`: when the consumer is done.
  ChunkQueue(std::size_t capacity, std::size_t file_count);

  // Blocks while the queue is full, except for the chunk the consumer needs
  // next: that one is always taken, so the consumer never waits on a
  // producer that waits on it. Returns false once the queue is closed.
  bool Push(PreparedChunk&& chunk);

  // The next chunk in (file, slice, sequence) order, blocking until it arrives;
  // nullopt when every file is done or the queue is closed.
  std::optional<PreparedChunk> PopNext();

  // Wakes everyone; later pushes are refused and pops return nullopt.
  void Close();

 private:
  static std::size_t Weight(const PreparedChunk& chunk) {
    return chunk.articles.empty() ? 1 : chunk.articles.size();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  using Key = std::tuple<std::size_t, std::size_t, std::size_t>;  // file, slice, sequence
  static Key KeyOf(const PreparedChunk& chunk) {
    return {chunk.file_index, chunk.slice, chunk.sequence};
  }

  std::map<Key, PreparedChunk> waiting_;
  std::size_t capacity_;
  std::size_t held_ = 0;
  std::size_t file_count_;
  Key next_{0, 0, 0};
  bool closed_ = false;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_CHUNK_QUEUE_H_
