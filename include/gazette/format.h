// Rendering a SearchResult for people (text) and programs (json, jsonl, ids).
#ifndef GAZETTE_FORMAT_H_
#define GAZETTE_FORMAT_H_

#include <memory>
#include <ostream>
#include <string_view>

#include "gazette/search.h"

namespace gazette {

enum class OutputFormat { kText, kJson, kJsonl, kIds };

struct FormatOptions {
  OutputFormat format = OutputFormat::kText;
  bool color = false;  // ANSI colour and bold (text only)
};

// Writes `result` to `out` in the chosen format. JSON is documented in
// docs/json.md.
void WriteSearchResult(const SearchResult& result, const FormatOptions& options,
                       std::ostream& out);

}  // namespace gazette

#endif  // GAZETTE_FORMAT_H_
