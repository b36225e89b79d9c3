// Lets the worker threads share one big JSON Lines file. The worker that
// opened it reads and cuts it into slices (it alone knows where each starts
// and at which line); it hands a slice to a worker that has run out of files
// of its own, and prepares the slice itself when none has. Without this, a
// run over one JSONL file of 100k articles left every core but one idle.
#ifndef GAZETTE_SRC_INDEXER_SLICE_BOARD_H_
#define GAZETTE_SRC_INDEXER_SLICE_BOARD_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "gazette/ingest.h"

namespace gazette::internal {

// Whole lines of one file, and where they stand in it.
struct JsonlSlice {
  InputFile input;
  std::size_t file_index = 0;
  std::size_t slice = 0;  // 0, 1, ... within the file
  int line_offset = 0;    // lines before this slice
  std::string content;
  // Cut early because a stream paused (prepare.cc): its articles are to be
  // searchable before more comes.
  bool stream_paused = false;
};

class SliceBoard {
 public:
  // A worker about to open a file says so first, and when done with it (a
  // guard below), so that idle workers wait for slices only while some file
  // may still yield one.
  void BeginFile();
  void EndFile();

  // Hands `slice` to a waiting idle worker; false (slice untouched) when no
  // worker is idle, for the caller to prepare it. A slice is only ever
  // handed to a worker already waiting, so it is taken at once: no slice
  // waits behind a later one, which the chunk queue's order needs.
  bool Offer(JsonlSlice& slice);

  // For a worker with no file left: blocks for the next slice handed over;
  // nullopt once no file is open and none is waiting, or after Close().
  std::optional<JsonlSlice> WaitForSlice();

  // Releases every waiting worker (a failure, or the run is stopped).
  void Close();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<JsonlSlice> handed_;
  std::size_t open_files_ = 0;
  std::size_t idle_ = 0;  // workers inside WaitForSlice
  bool closed_ = false;
};

// Keeps a file counted as open while its worker reads it, exceptions and all.
class OpenFileGuard {
 public:
  explicit OpenFileGuard(SliceBoard& board) : board_(board) { board_.BeginFile(); }
  ~OpenFileGuard() { board_.EndFile(); }
  OpenFileGuard(const OpenFileGuard&) = delete;
  OpenFileGuard& operator=(const OpenFileGuard&) = delete;

 private:
  SliceBoard& board_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_SLICE_BOARD_H_
