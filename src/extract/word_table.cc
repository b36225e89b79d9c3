// Linear probing over (hash, id) pairs; words live in one arena.
#include "extract/word_table.h"

namespace gazette::internal {

WordTable::WordTable() : slots_(1024), begins_{0} {}

std::uint32_t WordTable::Hash(std::string_view word) {
  std::uint32_t h = 2166136261u;  // FNV-1a: words are short, so bytewise is fine
  for (unsigned char c : word) h = (h ^ c) * 16777619u;
  return h;
}

std::string_view WordTable::Word(std::uint32_t id) const {
  return std::string_view(arena_).substr(begins_[id - 1], begins_[id] - begins_[id - 1]);
}

std::uint32_t WordTable::Find(std::string_view word) const {
  const std::uint32_t hash = Hash(word);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return 0;
    if (slot.hash == hash && Word(slot.id) == word) return slot.id;
  }
}

std::uint32_t WordTable::Intern(std::string_view word) {
  if (const std::uint32_t id = Find(word)) return id;
  if ((size() + 1) * 2 > slots_.size()) Grow();
  arena_.append(word);
  begins_.push_back(static_cast<std::uint32_t>(arena_.size()));
  const auto id = static_cast<std::uint32_t>(size());
  const std::uint32_t hash = Hash(word);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = Slot{hash, id};
  return id;
}

void WordTable::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace gazette::internal
