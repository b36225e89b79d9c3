// Deciding what an input is: by extension first (cheap, and what the user
// named), then by its first bytes.
#include <algorithm>
#include <cctype>
#include <string>

#include "gazette/ingest.h"

namespace gazette {
namespace {

std::string LowerExtension(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

Format DetectFormat(std::string_view path, std::string_view content) {
  const std::string ext = LowerExtension(path);
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonl;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (ext == "txt" || ext == "text") return Format::kText;
  const auto first = content.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  if (first == std::string_view::npos) return Format::kText;
  const std::string_view head = content.substr(first, 256);
  if (head.front() == '{') return Format::kJsonl;
  if (head.front() == '<') {
    std::string lower(head);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos)
      return Format::kHtml;
  }
  return Format::kText;
}

bool LooksBinary(std::string_view content) {
  const std::string_view head = content.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) return true;
  const auto controls = std::count_if(head.begin(), head.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f';
  });
  return !head.empty() && controls * 10 > static_cast<std::ptrdiff_t>(head.size());
}

}  // namespace gazette
