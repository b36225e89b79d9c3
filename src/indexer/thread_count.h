// How many threads a pool of workers gets: the preparers of `gazette index`,
// and the writer threads of a build in parts (index and rebuild alike).
#ifndef GAZETTE_SRC_INDEXER_THREAD_COUNT_H_
#define GAZETTE_SRC_INDEXER_THREAD_COUNT_H_

#include <algorithm>
#include <thread>

namespace gazette::internal {

// `requested` (`--jobs`), or one a core when 0. Each thread holds a database
// handle and a document builder: past a few dozen they only cost memory and
// file descriptors, hence at most 64.
inline unsigned ThreadCount(unsigned requested) {
  const unsigned threads = requested ? requested : std::thread::hardware_concurrency();
  return std::clamp(threads, 1u, 64u);
}

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_THREAD_COUNT_H_
