// SliceBoard: big JSON Lines files shared among idle workers.
#include "indexer/slice_board.h"

namespace gazette::internal {

void SliceBoard::BeginFile() {
  std::lock_guard lock(mutex_);
  ++open_files_;
}

void SliceBoard::EndFile() {
  std::lock_guard lock(mutex_);
  --open_files_;
  changed_.notify_all();  // the last file closing releases the idle
}

bool SliceBoard::Offer(JsonlSlice& slice) {
  std::lock_guard lock(mutex_);
  // Each idle worker takes one slice; those handed and not yet taken are
  // spoken for.
  if (closed_ || idle_ <= handed_.size()) return false;
  handed_.push_back(std::move(slice));
  changed_.notify_all();
  return true;
}

std::optional<JsonlSlice> SliceBoard::WaitForSlice() {
  std::unique_lock lock(mutex_);
  ++idle_;
  changed_.wait(lock, [&] { return closed_ || !handed_.empty() || open_files_ == 0; });
  --idle_;
  // A slice handed over is prepared even after Close(): its chunks are
  // then refused by the queue, which is how the worker learns to stop.
  if (handed_.empty()) return std::nullopt;
  JsonlSlice slice = std::move(handed_.front());
  handed_.pop_front();
  return slice;
}

void SliceBoard::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

}  // namespace gazette::internal
