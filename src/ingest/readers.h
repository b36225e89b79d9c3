// The per-format readers behind ReadArticles(), and what they share. Each is
// pure: bytes in, articles and problems out.
#ifndef GAZETTE_SRC_INGEST_READERS_H_
#define GAZETTE_SRC_INGEST_READERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "gazette/ingest.h"

namespace gazette::internal {

// One input being read. `options.now_unix` is resolved (never 0).
struct InputContext {
  std::string_view path;
  std::string_view id_hint;
  const ReadOptions& options;
};

// Plain text: an optional `Key: value` header, else the first line that is
// not furniture is the title; furniture is dropped from the body.
ReadResult ReadText(std::string_view content, const InputContext& input);

// JSON Lines: one article per line; a bad line is a rejected Problem and the
// other lines are still read.
ReadResult ReadJsonl(std::string_view content, const InputContext& input);

// HTML: metadata from <meta>/<title>/<time>, body from the main article text.
ReadResult ReadHtml(std::string_view content, const InputContext& input);

// Completes an article the same way for every format: takes a missing title
// from the body's first line (cut after 150 bytes), parses `raw_date` (a
// bad date is a warning and the default date, if any, is used), fills the
// default source, normalises the language, and sets the id (own id, else URL,
// else the id hint, with ":line" for JSONL, else a hash of title and body)
// and origin. `line` is 0 for whole-file formats.
void FinishArticle(Article& article, std::string_view raw_date, int line, const InputContext& input,
                   std::vector<Problem>& problems);

// The body from `lines` (trimmed) without furniture (`marks`), repeats of
// `title` and bylines naming `source`; paragraphs separated by one blank line.
std::string ComposeBody(const std::vector<std::string_view>& lines, const std::vector<bool>& marks,
                        std::string_view title, std::string_view source);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INGEST_READERS_H_
