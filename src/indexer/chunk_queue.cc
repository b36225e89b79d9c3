// ChunkQueue: a bounded reorder buffer between workers and the writer.
#include "indexer/chunk_queue.h"

namespace gazette::internal {

ChunkQueue::ChunkQueue(std::size_t capacity, std::size_t file_count)
    : capacity_(capacity == 0 ? 1 : capacity), file_count_(file_count) {}

bool ChunkQueue::Push(PreparedChunk&& chunk) {
  std::unique_lock lock(mutex_);
  // Only the very chunk the consumer waits for skips the bound: the rest of
  // its file must wait like any other, or one big file piles up whole.
  changed_.wait(
      lock, [&] { return closed_ || held_ + Weight(chunk) <= capacity_ || KeyOf(chunk) == next_; });
  if (closed_) return false;
  held_ += Weight(chunk);
  const Key key = KeyOf(chunk);
  waiting_.emplace(key, std::move(chunk));
  changed_.notify_all();
  return true;
}

std::optional<PreparedChunk> ChunkQueue::PopNext() {
  std::unique_lock lock(mutex_);
  const auto all_done = [&] { return std::get<0>(next_) >= file_count_; };
  changed_.wait(lock, [&] { return closed_ || all_done() || waiting_.count(next_) != 0; });
  if (closed_ || all_done()) return std::nullopt;
  auto node = waiting_.extract(next_);
  PreparedChunk chunk = std::move(node.mapped());
  held_ -= Weight(chunk);
  auto& [file, slice, sequence] = next_;
  if (chunk.last) {
    ++file;
    slice = sequence = 0;
  } else if (chunk.slice_end) {
    ++slice;
    sequence = 0;
  } else {
    ++sequence;
  }
  // Room was freed, and the producer of the new next file may be waiting.
  changed_.notify_all();
  return chunk;
}

void ChunkQueue::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

}  // namespace gazette::internal
