// Invariant checks shared by the fuzz targets. They abort rather than throw:
// libFuzzer (and the replay driver) then report the input as a crash, which
// is the only signal a fuzzer understands.
#ifndef GAZETTE_TESTS_FUZZ_FUZZ_CHECK_H_
#define GAZETTE_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A fixed "now" (2026-01-01T00:00:00Z) so that a saved input replays the same
// way next year: the date parser refuses dates far in the future of `now`.
inline constexpr std::int64_t kFuzzNow = 1767225600;

#define FUZZ_CHECK(condition)                                                 \
  do {                                                                        \
    if (!(condition)) {                                                       \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
                   #condition);                                               \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

#endif  // GAZETTE_TESTS_FUZZ_FUZZ_CHECK_H_
