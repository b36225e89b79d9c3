// Writer threads for a fresh build: each job is one bounded batch of
// articles, committed into one of the build's parts (part_set.h), which the
// compactor later merges. The batches run on every core at once
// (xapian-notes §10–11; Recoll's parallel indexer).
#ifndef GAZETTE_SRC_INDEXER_SUB_DATABASE_POOL_H_
#define GAZETTE_SRC_INDEXER_SUB_DATABASE_POOL_H_

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gazette/article.h"
#include "indexer/part_set.h"

namespace gazette::internal {

// Articles with their content hashes, extraction done: the writer thread
// builds each document just before adding it.
struct SubDatabaseJob {
  PartSet* parts = nullptr;  // the build's, which outlives the job
  std::size_t batch = 0;     // 0, 1, ... in input order
  std::vector<Article> articles;
  std::vector<std::string> content_hashes;
};

class SubDatabasePool {
 public:
  // `threads` writers; at most `threads + 1` jobs wait, which bounds memory.
  explicit SubDatabasePool(unsigned threads);
  ~SubDatabasePool();
  SubDatabasePool(const SubDatabasePool&) = delete;
  SubDatabasePool& operator=(const SubDatabasePool&) = delete;

  // Blocks while the queue is full. Rethrows a writer's failure.
  void Submit(SubDatabaseJob job);
  // Waits until every submitted job is written; rethrows the first failure.
  void Drain();
  unsigned threads() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void Run();
  static void Write(SubDatabaseJob& job);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SubDatabaseJob> queue_;
  std::size_t capacity_;
  std::size_t in_flight_ = 0;  // queued or being written
  bool closing_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_SUB_DATABASE_POOL_H_
