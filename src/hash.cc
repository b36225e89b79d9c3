#include "hash.h"

#include <fmt/format.h>

namespace gazette::internal {

std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string HexHash(std::string_view bytes) {
  return fmt::format("{:016x}", Fnv1a64(bytes));
}

}  // namespace gazette::internal
