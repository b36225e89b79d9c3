// ReadArticles(): picks the reader for an input's format.
#include "gazette/ingest.h"
#include "ingest/readers.h"

namespace gazette {

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  if (name == "html" || name == "htm") return Format::kHtml;
  return std::nullopt;
}

ReadResult ReadArticles(std::string_view content, std::string_view path,
                        std::string_view id_hint, const ReadOptions& options) {
  const Format format =
      options.format == Format::kAuto ? DetectFormat(path, content) : options.format;
  switch (format) {
    case Format::kText:
    case Format::kAuto:
      return internal::ReadText(content, path, id_hint, options);
    case Format::kJsonl:
    case Format::kHtml:
      break;
  }
  ReadResult result;
  result.problems.push_back(
      Problem{std::string(path), 0, "this gazette reads only plain text so far", true});
  return result;
}

}  // namespace gazette
