// ReadArticles(): the checks every input gets (empty, invalid UTF-8), then the
// reader for its format.
#include <fmt/format.h>

#include <ctime>

#include "gazette/ingest.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"

namespace gazette {

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "text" || name == "txt") return Format::kText;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  if (name == "html" || name == "htm") return Format::kHtml;
  return std::nullopt;
}

ReadResult ReadArticles(std::string_view content, std::string_view path, std::string_view id_hint,
                        const ReadOptions& options) {
  ReadResult result;
  if (internal::Trim(content).empty()) {
    result.problems.push_back(
        Problem{std::string(path), 0, content.empty() ? "empty file" : "only whitespace", true});
    return result;
  }
  // Xapian and the JSON output need valid UTF-8. Rejecting the file would lose
  // a whole article for a stray Latin-1 byte, so bad bytes become U+FFFD and
  // the user is warned.
  std::string text(content);
  if (const std::size_t replaced = internal::RepairUtf8(text)) {
    result.problems.push_back(Problem{std::string(path), 0,
                                      fmt::format("invalid UTF-8: {} byte{} replaced with U+FFFD",
                                                  replaced, replaced == 1 ? "" : "s"),
                                      /*rejected=*/false});
  }
  text = internal::NormaliseText(text);

  ReadOptions resolved = options;
  if (resolved.now_unix == 0) resolved.now_unix = static_cast<std::int64_t>(std::time(nullptr));
  const internal::InputContext input{path, id_hint, resolved};
  const Format format = options.format == Format::kAuto ? DetectFormat(path, text) : options.format;
  ReadResult read;
  switch (format) {
    case Format::kJsonl:
      read = internal::ReadJsonl(text, input);
      break;
    case Format::kHtml:
      read = internal::ReadHtml(text, input);
      break;
    case Format::kText:
    case Format::kAuto:
      read = internal::ReadText(text, input);
      break;
  }
  result.articles = std::move(read.articles);
  // JSON's "\u0002" reaches a body however the file's bytes were cleaned.
  for (Article& article : result.articles) {
    internal::BlankControls(article.title);
    internal::BlankControls(article.body);
  }
  result.problems.insert(result.problems.end(), read.problems.begin(), read.problems.end());
  return result;
}

}  // namespace gazette
