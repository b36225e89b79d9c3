// Fuzz target: ParseDate(). The first byte picks the DateOrder so that all
// three ways of reading 05/06/2019 are explored from one corpus.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "gazette/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr gazette::DateOrder kOrders[] = {gazette::DateOrder::kRefuse, gazette::DateOrder::kDayFirst,
                                            gazette::DateOrder::kMonthFirst};
  const gazette::DateOrder order = kOrders[data[0] % 3];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string why;
  const auto parsed = gazette::ParseDate(text, order, kFuzzNow, &why);
  if (!parsed) {
    FUZZ_CHECK(!why.empty());  // a refusal always says why
    return 0;
  }
  // The contract: a real calendar day, not year 0, at most a year ahead of now.
  FUZZ_CHECK(parsed->year >= 1 && parsed->year <= 9999);
  FUZZ_CHECK(parsed->month >= 1 && parsed->month <= 12);
  FUZZ_CHECK(parsed->day >= 1 && parsed->day <= 31);
  FUZZ_CHECK(parsed->unix_seconds <= kFuzzNow + 366LL * 24 * 3600);
  FUZZ_CHECK(parsed->IsoDate().size() == 10);
  // Pure function: the same text gives the same answer.
  FUZZ_CHECK(gazette::ParseDate(text, order, kFuzzNow) == parsed);
  return 0;
}
