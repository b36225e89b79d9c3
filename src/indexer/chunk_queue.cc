// ChunkQueue: a bounded reorder buffer between workers and the writer.
#include "indexer/chunk_queue.h"

namespace gazette::internal {

ChunkQueue::ChunkQueue(std::size_t capacity, std::size_t file_count)
    : capacity_(capacity == 0 ? 1 : capacity), file_count_(file_count) {}

bool ChunkQueue::Push(PreparedChunk&& chunk) {
  std::unique_lock lock(mutex_);
  // Only the very chunk the consumer waits for skips the bound: the rest of
  // its file must wait like any other, or one big file piles up whole.
  changed_.wait(lock, [&] {
    return closed_ || held_ + Weight(chunk) <= capacity_ ||
           (chunk.file_index == next_file_ && chunk.sequence == next_sequence_);
  });
  if (closed_) return false;
  held_ += Weight(chunk);
  const auto key = std::make_pair(chunk.file_index, chunk.sequence);
  waiting_.emplace(key, std::move(chunk));
  changed_.notify_all();
  return true;
}

std::optional<PreparedChunk> ChunkQueue::PopNext() {
  std::unique_lock lock(mutex_);
  const auto key = [&] { return std::make_pair(next_file_, next_sequence_); };
  changed_.wait(lock,
                [&] { return closed_ || next_file_ >= file_count_ || waiting_.count(key()) != 0; });
  if (closed_ || next_file_ >= file_count_) return std::nullopt;
  auto node = waiting_.extract(key());
  PreparedChunk chunk = std::move(node.mapped());
  held_ -= Weight(chunk);
  if (chunk.last) {
    ++next_file_;
    next_sequence_ = 0;
  } else {
    ++next_sequence_;
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
