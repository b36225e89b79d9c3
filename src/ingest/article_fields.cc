// What every reader does once it has an article's raw fields: the date rule,
// the defaults, the id rule and the body's final shape (see docs/formats.md).
#include <fmt/format.h>

#include <cctype>

#include "hash.h"
#include "ingest/furniture.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

// "en-GB", "EN", "en_US" -> "en": the index keeps ISO 639-1 only.
std::string NormaliseLanguage(std::string_view language) {
  language = Trim(language);
  const std::size_t cut = language.find_first_of("-_");
  return ToLowerAscii(language.substr(0, cut));
}

void ApplyDate(Article& article, std::string_view raw_date, int line, const InputContext& input,
               std::vector<Problem>& problems) {
  const ReadOptions& options = input.options;
  if (Trim(raw_date).empty()) {
    article.published = options.default_date;
    return;
  }
  std::string why;
  article.published = ParseDate(raw_date, options.date_order, options.now_unix, &why);
  if (article.published) return;
  article.published = options.default_date;
  problems.push_back(Problem{
      std::string(input.path), line,
      fmt::format("date \"{}\" refused ({}); {}", Trim(raw_date), why,
                  options.default_date ? "the default date is used" : "indexed without a date"),
      /*rejected=*/false});
}

// A title made from the body when the input has none (a JSONL line without
// "title", a page without <title> or <h1>): its first line, cut at a word
// boundary, so that results still show something readable.
constexpr std::size_t kMaxDerivedTitle = 150;

std::string TitleFromBody(std::string_view body) {
  std::string_view first = Trim(body.substr(0, body.find('\n')));
  if (first.size() <= kMaxDerivedTitle) return CollapseSpaces(first);
  std::size_t cut = first.rfind(' ', kMaxDerivedTitle);
  if (cut == std::string_view::npos || cut == 0) {  // no space: cut between characters
    cut = kMaxDerivedTitle;
    while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xc0) == 0x80) --cut;
  }
  first = first.substr(0, cut);
  return CollapseSpaces(first) + "\xe2\x80\xa6";
}

}  // namespace

void FinishArticle(Article& article, std::string_view raw_date, int line, const InputContext& input,
                   std::vector<Problem>& problems) {
  if (article.title.empty()) article.title = TitleFromBody(article.body);
  ApplyDate(article, raw_date, line, input, problems);
  if (article.source.empty()) article.source = input.options.default_source;
  article.language = NormaliseLanguage(article.language);
  article.origin = std::string(input.path);
  if (article.id.empty()) article.id = article.url;
  if (article.id.empty() && !input.id_hint.empty()) {
    article.id = line > 0 ? fmt::format("{}:{}", input.id_hint, line) : std::string(input.id_hint);
  }
  // stdin: the same article piped twice gets the same id, so it is updated,
  // not duplicated.
  if (article.id.empty()) article.id = HexHash(article.title + "\n" + article.body);
}

std::string ComposeBody(const std::vector<std::string_view>& lines, const std::vector<bool>& marks,
                        std::string_view title, std::string_view source) {
  std::string body;
  bool paragraph_break = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) {
      paragraph_break = !body.empty();
      continue;
    }
    if (marks[i] || (!title.empty() && SameText(line, title)) || IsByline(line, source)) continue;
    if (!body.empty()) body += paragraph_break ? "\n\n" : "\n";
    paragraph_break = false;
    body += line;
  }
  return body;
}

}  // namespace gazette::internal
