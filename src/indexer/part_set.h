// The parts of one fresh build: databases beside the live one that writer
// threads commit batches into, each until it holds about `part_articles`
// articles. Fewer, larger parts make a smaller merged index with fewer
// chunks per posting list, at no more CPU than a part per batch
// (docs/performance.md, "Fewer, larger parts").
#ifndef GAZETTE_SRC_INDEXER_PART_SET_H_
#define GAZETTE_SRC_INDEXER_PART_SET_H_

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gazette/article.h"

namespace gazette::internal {

class PartSet {
 public:
  // Parts go in `db_path`/bulk-NNNNNN, which RemoveDebris clears after a
  // crash. REQUIRES: part_articles > 0.
  PartSet(std::string db_path, std::size_t part_articles);
  // Removes every part.
  ~PartSet();
  PartSet(const PartSet&) = delete;
  PartSet& operator=(const PartSet&) = delete;

  // Builds the documents of batch number `batch` and commits them, in one
  // commit, into a part that is not full and that no other thread is
  // writing, or a new one. Thread-safe. Throws Error{kIo}.
  void Write(std::size_t batch, const std::vector<Article>& articles,
             const std::vector<std::string>& content_hashes);

  // The rest is for after every Write has returned.
  // Deletes the `index`-th article of each batch given, by document id: a
  // part holds many batches, and the id term would also find a later version
  // written into the same part. Throws Xapian::Error.
  struct Copy {
    std::size_t batch;
    std::size_t index;
  };
  void Delete(const std::vector<Copy>& copies);
  // Writes the words of every part, each with its frequency, into the
  // spelling tables of `threads` more parts that hold no document, a share
  // of the words each, on as many threads: the vocabulary once rather than
  // once per batch, packed by the compactor with the rest
  // (docs/performance.md, "Session 11"). After Delete(). Throws
  // Xapian::Error.
  void AddWordsParts(unsigned threads);
  // The parts in the order they were started, then the words parts.
  std::vector<std::string> dirs() const;
  // Parts holding documents.
  std::size_t size() const { return parts_.size(); }

 private:
  struct Part {
    std::size_t number = 0;  // 0, 1, ... in the order started
    std::string dir;
    std::size_t articles = 0;
    bool busy = false;  // a thread is writing it
  };
  // Where a batch went: its articles have consecutive document ids.
  struct Placement {
    std::size_t part;
    Xapian::docid first;
  };

  Part& Acquire();
  // Returns the document id of the batch's first article.
  Xapian::docid WriteInto(Part& part, const std::vector<Article>& articles,
                          const std::vector<std::string>& content_hashes);

  std::string db_path_;
  std::size_t part_articles_;
  std::mutex mutex_;
  // unique_ptr: a thread writes its Part while another starts a new one.
  std::vector<std::unique_ptr<Part>> parts_;
  std::unordered_map<std::size_t, Placement> batches_;
  std::vector<std::string> words_dirs_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_PART_SET_H_
