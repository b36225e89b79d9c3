// Stable 64-bit content hashes (FNV-1a): the same bytes give the same hash on
// every machine and build, which std::hash does not promise. Used to skip
// unchanged inputs and to shorten over-long ids.
#ifndef GAZETTE_SRC_HASH_H_
#define GAZETTE_SRC_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::internal {

std::uint64_t Fnv1a64(std::string_view bytes,
                      std::uint64_t seed = 0xcbf29ce484222325ULL);
// 16 lowercase hex digits of Fnv1a64(bytes).
std::string HexHash(std::string_view bytes);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_HASH_H_
