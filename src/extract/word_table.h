// Interned folded words: a flat open-addressing hash table, because looking up
// every word of every article is the extractor's hottest loop and
// std::unordered_map's node chasing made it a quarter of the run time.
#ifndef GAZETTE_SRC_EXTRACT_WORD_TABLE_H_
#define GAZETTE_SRC_EXTRACT_WORD_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {

class WordTable {
 public:
  WordTable();

  // The id of `word`, adding it when new. Ids are dense, from 1.
  std::uint32_t Intern(std::string_view word);
  // The id of `word`, or 0 when absent.
  std::uint32_t Find(std::string_view word) const;
  std::size_t size() const { return begins_.size() - 1; }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id = 0;  // 0: empty
  };
  static std::uint32_t Hash(std::string_view word);
  std::string_view Word(std::uint32_t id) const;
  void Grow();

  std::vector<Slot> slots_;            // a power of two, at most half full
  std::string arena_;                  // every word, back to back
  std::vector<std::uint32_t> begins_;  // by id, into arena_; one past the end last
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_EXTRACT_WORD_TABLE_H_
