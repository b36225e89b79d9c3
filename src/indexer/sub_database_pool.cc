#include "indexer/sub_database_pool.h"

namespace gazette::internal {

SubDatabasePool::SubDatabasePool(unsigned threads) : capacity_(threads + 1) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

SubDatabasePool::~SubDatabasePool() {
  {
    // Reached with jobs queued only when the build failed: drop them.
    std::lock_guard lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void SubDatabasePool::Submit(SubDatabaseJob job) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < capacity_ || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  queue_.push_back(std::move(job));
  ++in_flight_;
  changed_.notify_all();
}

void SubDatabasePool::Drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return in_flight_ == 0; });
  if (failure_) std::rethrow_exception(failure_);
}

void SubDatabasePool::Run() {
  for (;;) {
    SubDatabaseJob job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();  // room for a producer
    }
    std::exception_ptr failure;
    try {
      Write(job);
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    if (failure && !failure_) failure_ = failure;
    --in_flight_;
    changed_.notify_all();
  }
}

void SubDatabasePool::Write(SubDatabaseJob& job) {
  job.parts->Write(job.batch, job.articles, job.content_hashes);
  job.articles.clear();
}

}  // namespace gazette::internal
