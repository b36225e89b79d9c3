// Reading inputs into Articles: format detection and one reader per format
// (plain text, JSON Lines, HTML), plus the walk over files and folders.
// Readers are pure (bytes in, articles and problems out); only the walk
// touches the file system.
#ifndef GAZETTE_INGEST_H_
#define GAZETTE_INGEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/article.h"
#include "gazette/dates.h"
#include "gazette/problem.h"

namespace gazette {

enum class Format { kAuto, kText, kJsonl, kHtml };

// "auto", "text", "jsonl", "html"; nullopt otherwise.
std::optional<Format> ParseFormat(std::string_view name);

struct ReadOptions {
  Format format = Format::kAuto;  // kAuto: by extension, then by content
  // Used when an article has none of its own (`--date`, `--source`).
  std::optional<Timestamp> default_date;
  std::string default_source;
  DateOrder date_order = DateOrder::kRefuse;
  std::int64_t now_unix = 0;  // for refusing far-future dates; 0: the clock
  // JSON Lines only: lines of the file before `content`, for line numbers
  // and line-based ids when a big file is read in slices.
  int line_offset = 0;
  // The charset of inputs that are not valid UTF-8 (`--encoding`), for
  // iconv; "" repairs them with U+FFFD. An HTML page's own <meta> wins.
  std::string encoding;
};

struct ReadResult {
  std::vector<Article> articles;
  std::vector<Problem> problems;  // rejected lines/files and warnings
};

// Parses one input. `path` names it in problems and becomes Article::origin;
// `id_hint` is the id of an article that has neither its own id nor a URL
// (the path relative to the folder given; "<id_hint>:<line>" for a JSONL
// line); when empty (stdin), a hash of the title and body is used.
// Problems: an empty or whitespace-only input, a bad JSONL line, or a page
// with no text is rejected; a refused date and invalid UTF-8 (repaired with
// U+FFFD) are warnings. Never throws for bad content. docs/formats.md has
// the rules.
ReadResult ReadArticles(std::string_view content, std::string_view path,
                        std::string_view id_hint, const ReadOptions& options);

// Whether `--encoding` can read inputs in `label`: a charset iconv knows,
// or a Unicode label, which means what gazette reads anyway.
bool IsKnownEncoding(std::string_view label);

// The format of an input by its extension, else by sniffing the content.
Format DetectFormat(std::string_view path, std::string_view content);

// True for content that is not text (NUL bytes, mostly control bytes, or a
// known binary magic number).
bool LooksBinary(std::string_view content);

// One file to read.
struct InputFile {
  std::string path;     // as opened, "-" for stdin
  std::string id_hint;  // path relative to the folder given; "" for stdin
  std::uint64_t size = 0;
};

struct InputList {
  std::vector<InputFile> files;
  std::vector<Problem> problems;  // unreadable folders, missing paths
  std::size_t skipped = 0;  // hidden files, unsupported types
};

// Expands files, folders (recursive, in sorted order) and "-" into the files to
// read. Never follows a symlinked directory twice.
InputList ListInputs(const std::vector<std::string>& paths);

}  // namespace gazette

#endif  // GAZETTE_INGEST_H_
