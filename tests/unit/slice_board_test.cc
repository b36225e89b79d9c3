// The board through which an idle indexing worker takes slices of a JSON
// Lines file another worker reads: a slice goes only to a worker already
// waiting, and waiting ends when no file is left open.
#include "indexer/slice_board.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

namespace gazette::internal {
namespace {

JsonlSlice Slice(std::size_t index, std::string content) {
  JsonlSlice slice;
  slice.input.path = "feed.jsonl";
  slice.slice = index;
  slice.content = std::move(content);
  return slice;
}

// Tries `attempt` for up to 5 s; polling, since the board tells no one
// when a worker starts waiting.
template <typename Attempt>
bool Eventually(Attempt attempt) {
  for (int i = 0; i < 500; ++i) {
    if (attempt()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST_CASE("slice board: with no worker waiting, the reader keeps its slice") {
  SliceBoard board;
  OpenFileGuard open(board);
  JsonlSlice slice = Slice(0, "{}\n");
  CHECK(!board.Offer(slice));
  CHECK(slice.content == "{}\n");  // untouched, for the reader to prepare
}

TEST_CASE("slice board: a waiting worker gets one slice, and is busy for the next") {
  SliceBoard board;
  OpenFileGuard open(board);
  std::optional<JsonlSlice> taken;
  std::thread idle([&] { taken = board.WaitForSlice(); });
  JsonlSlice first = Slice(0, "{\"a\":1}\n");
  // Refused until the worker is inside WaitForSlice.
  CHECK(Eventually([&] { return board.Offer(first); }));
  // Its one worker is spoken for, whether it has woken up yet or not.
  JsonlSlice second = Slice(1, "{\"b\":2}\n");
  CHECK(!board.Offer(second));
  CHECK(second.content == "{\"b\":2}\n");
  idle.join();
  REQUIRE(taken);
  CHECK(taken->slice == 0);
  CHECK(taken->content == "{\"a\":1}\n");
}

TEST_CASE("slice board: waiting ends when the last open file is done, or on close") {
  SliceBoard board;
  board.BeginFile();
  std::optional<JsonlSlice> got = Slice(7, "x");
  std::thread idle([&] { got = board.WaitForSlice(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  board.EndFile();
  idle.join();
  CHECK(!got);

  SliceBoard closing;
  OpenFileGuard open(closing);
  std::thread waiter([&] { got = closing.WaitForSlice(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  closing.Close();
  waiter.join();
  CHECK(!got);
  JsonlSlice slice = Slice(0, "{}\n");
  CHECK(!closing.Offer(slice));
}

}  // namespace
}  // namespace gazette::internal
