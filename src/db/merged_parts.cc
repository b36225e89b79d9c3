#include "db/merged_parts.h"

#include <cstdlib>
#include <string>

#include "gazette/schema.h"

namespace gazette::internal {

Xapian::doccount MergedParts(const Xapian::Database& db) {
  const std::string parts = db.get_metadata(std::string(schema::kMetaMergedParts));
  char* end = nullptr;
  const unsigned long n = std::strtoul(parts.c_str(), &end, 10);
  return parts.empty() || *end != '\0' || n == 0 ? 1 : static_cast<Xapian::doccount>(n);
}

}  // namespace gazette::internal
