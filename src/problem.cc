// The one place the "path:line: reason" form of a problem is built.
#include "gazette/problem.h"

#include <fmt/format.h>

namespace gazette {

std::string Problem::ToString() const {
  if (line > 0) return fmt::format("{}:{}: {}", path, line, reason);
  return fmt::format("{}: {}", path, reason);
}

}  // namespace gazette
