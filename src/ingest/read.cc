// ReadArticles(): the checks every input gets (empty, invalid UTF-8), then the
// reader for its format.
#include <fmt/format.h>

#include <ctime>

#include "gazette/ingest.h"
#include "ingest/charset.h"
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

bool IsKnownEncoding(std::string_view label) { return internal::CharsetKnown(label); }

ReadResult ReadArticles(std::string_view content, std::string_view path, std::string_view id_hint,
                        const ReadOptions& options) {
  ReadResult result;
  if (internal::Trim(content).empty()) {
    result.problems.push_back(
        Problem{std::string(path), 0, content.empty() ? "empty file" : "only whitespace", true});
    return result;
  }
  const Format format =
      options.format == Format::kAuto ? DetectFormat(path, content) : options.format;
  // Xapian and the JSON output need valid UTF-8. Rejecting the file would lose
  // a whole article for a stray Latin-1 byte, so bad bytes become U+FFFD and
  // the user is warned. An input that is not UTF-8 but whose charset is
  // known, declared by the page or given with --encoding, is read as that:
  // bytes that are valid UTF-8 are taken as UTF-8 whatever the page says,
  // since pages mislabelled windows-1252 are common.
  std::string text(content);
  std::size_t replaced = internal::RepairUtf8(text);
  std::string charset;
  if (replaced > 0) {
    std::optional<std::string> declared;
    if (format == Format::kHtml) declared = internal::DeclaredCharset(content);
    if (!declared && !options.encoding.empty()) declared = options.encoding;
    if (std::optional<internal::Decoded> decoded =
            declared ? internal::DecodeToUtf8(content, *declared) : std::nullopt) {
      text = std::move(decoded->text);
      replaced = decoded->replaced;
      charset = *declared;
    }
  }
  if (replaced > 0) {
    result.problems.push_back(Problem{
        std::string(path), 0,
        charset.empty() ? fmt::format("invalid UTF-8: {} byte{} replaced with U+FFFD", replaced,
                                      replaced == 1 ? "" : "s")
                        : fmt::format("{}: {} byte{} it does not define replaced with U+FFFD",
                                      charset, replaced, replaced == 1 ? "" : "s"),
        /*rejected=*/false});
  }
  text = internal::NormaliseText(text);

  ReadOptions resolved = options;
  if (resolved.now_unix == 0) resolved.now_unix = static_cast<std::int64_t>(std::time(nullptr));
  const internal::InputContext input{path, id_hint, resolved};
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
