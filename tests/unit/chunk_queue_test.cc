// The queue between indexing workers and the writer: input order whatever
// the finishing order, bounded memory, and no deadlock on a full queue.
#include "indexer/chunk_queue.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <tuple>
#include <vector>

namespace gazette::internal {
namespace {

PreparedChunk Chunk(std::size_t file, std::size_t sequence, bool last, std::size_t articles) {
  PreparedChunk chunk;
  chunk.file_index = file;
  chunk.sequence = sequence;
  chunk.last = last;
  chunk.articles.resize(articles);
  return chunk;
}

TEST_CASE("chunk queue: pops in file and sequence order, whatever the push order") {
  ChunkQueue queue(100, 3);
  REQUIRE(queue.Push(Chunk(2, 0, true, 1)));
  REQUIRE(queue.Push(Chunk(0, 1, true, 1)));
  REQUIRE(queue.Push(Chunk(1, 0, true, 1)));
  REQUIRE(queue.Push(Chunk(0, 0, false, 1)));
  std::vector<std::pair<std::size_t, std::size_t>> order;
  while (auto chunk = queue.PopNext()) order.emplace_back(chunk->file_index, chunk->sequence);
  CHECK(order == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {0, 1}, {1, 0}, {2, 0}});
}

PreparedChunk SliceChunk(std::size_t slice, std::size_t sequence, bool slice_end) {
  PreparedChunk chunk = Chunk(0, sequence, false, 1);
  chunk.slice = slice;
  chunk.slice_end = slice_end;
  return chunk;
}

TEST_CASE("chunk queue: a file's slices come in order, each to its end, then the next file") {
  // Workers sharing a JSON Lines file finish its slices in any order; a
  // slice's length in chunks is known only at its slice_end chunk.
  ChunkQueue queue(100, 2);
  PreparedChunk file_end = Chunk(0, 0, true, 0);
  file_end.slice = 3;
  REQUIRE(queue.Push(Chunk(1, 0, true, 1)));
  REQUIRE(queue.Push(std::move(file_end)));
  REQUIRE(queue.Push(SliceChunk(2, 0, true)));
  REQUIRE(queue.Push(SliceChunk(1, 1, true)));
  REQUIRE(queue.Push(SliceChunk(0, 1, false)));
  REQUIRE(queue.Push(SliceChunk(1, 0, false)));
  REQUIRE(queue.Push(SliceChunk(0, 2, true)));
  REQUIRE(queue.Push(SliceChunk(0, 0, false)));
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> order;
  while (auto chunk = queue.PopNext())
    order.emplace_back(chunk->file_index, chunk->slice, chunk->sequence);
  CHECK(order == std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>{
                     {0, 0, 0}, {0, 0, 1}, {0, 0, 2}, {0, 1, 0}, {0, 1, 1}, {0, 2, 0}, {0, 3, 0},
                     {1, 0, 0}});
}

TEST_CASE("chunk queue: a full queue still takes the chunk the writer needs next") {
  // Capacity 2 is filled by file 1; file 0 must still get in, or the writer
  // (waiting for file 0) and file 1's producer would wait for each other.
  ChunkQueue queue(2, 2);
  REQUIRE(queue.Push(Chunk(1, 0, true, 2)));
  std::thread producer([&] { CHECK(queue.Push(Chunk(0, 0, true, 5))); });
  auto first = queue.PopNext();
  producer.join();
  REQUIRE(first);
  CHECK(first->file_index == 0);
  CHECK(queue.PopNext()->file_index == 1);
  CHECK(!queue.PopNext());
}

TEST_CASE("chunk queue: one big file's later chunks wait for room too") {
  // A JSON Lines file of 100k articles is one file: if every chunk of the
  // file the writer is on got in regardless, a writer slower than the
  // workers would let the whole file pile up in memory (850 MB at 100k).
  ChunkQueue queue(2, 1);
  std::atomic<int> pushed = 0;
  std::thread producer([&] {
    for (std::size_t s = 0; s < 10; ++s) {
      CHECK(queue.Push(Chunk(0, s, s == 9, 1)));
      ++pushed;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(pushed.load() <= 3);  // capacity 2, and the one the writer needs next
  for (std::size_t s = 0; s < 10; ++s) {
    auto chunk = queue.PopNext();
    REQUIRE(chunk);
    CHECK(chunk->sequence == s);
  }
  producer.join();
  CHECK(!queue.PopNext());
}

TEST_CASE("chunk queue: a producer waits for room, and close releases everyone") {
  ChunkQueue queue(1, 3);
  REQUIRE(queue.Push(Chunk(0, 0, true, 1)));
  std::thread blocked([&] { CHECK(!queue.Push(Chunk(2, 0, true, 1))); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  queue.Close();
  blocked.join();
  CHECK(!queue.PopNext());
}

}  // namespace
}  // namespace gazette::internal
