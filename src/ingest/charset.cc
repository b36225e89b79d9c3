// DeclaredCharset and DecodeToUtf8: glibc's iconv does the decoding.
#include "ingest/charset.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

bool IsLabelChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The label after "charset=" at `at` in `tag`, quotes and spaces skipped.
std::string LabelAt(const std::string& tag, std::size_t at) {
  while (at < tag.size() && (tag[at] == ' ' || tag[at] == '"' || tag[at] == '\'')) ++at;
  std::size_t end = at;
  while (end < tag.size() && IsLabelChar(tag[end])) ++end;
  return tag.substr(at, end - at);
}

// iconv's name for a label, `label` itself unless WHATWG reads it otherwise.
std::string IconvName(const std::string& label) {
  // WHATWG maps these to windows-1252, a superset whose 0x80-0x9F are the
  // curly quotes and dashes such pages actually hold.
  static constexpr std::string_view kWindows1252[] = {"iso-8859-1", "iso8859-1",    "latin1",
                                                      "l1",         "us-ascii",     "ascii",
                                                      "cp1252",     "windows-1252", "x-cp1252"};
  if (std::find(std::begin(kWindows1252), std::end(kWindows1252), label) != std::end(kWindows1252))
    return "WINDOWS-1252";
  return label;
}

// A <meta> that says UTF-16 or UTF-32 is wrong by construction (it was read
// as ASCII): browsers take such pages as UTF-8, and so does gazette.
bool IsUnicodeLabel(const std::string& label) {
  return label.starts_with("utf") || label.starts_with("ucs") || label.starts_with("unicode");
}

}  // namespace

bool CharsetKnown(std::string_view charset) {
  const std::string label = ToLowerAscii(charset);
  // iconv reads "" as the locale's charset.
  if (label.empty()) return false;
  if (IsUnicodeLabel(label)) return true;
  iconv_t cd = iconv_open("UTF-8", IconvName(label).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

std::optional<std::string> DeclaredCharset(std::string_view html) {
  const std::string head = ToLowerAscii(html.substr(0, 1024));
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const std::size_t close = head.find('>', at);
    const std::string tag =
        head.substr(at, close == std::string::npos ? std::string::npos : close - at);
    // Both forms carry "charset=": the attribute itself, or inside content.
    const std::size_t key = tag.find("charset");
    if (key == std::string::npos) continue;
    std::size_t eq = key + 7;
    while (eq < tag.size() && tag[eq] == ' ') ++eq;
    if (eq >= tag.size() || tag[eq] != '=') continue;
    std::string label = LabelAt(tag, eq + 1);
    if (!label.empty()) return label;
  }
  return std::nullopt;
}

std::optional<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view charset) {
  const std::string label = ToLowerAscii(charset);
  if (IsUnicodeLabel(label)) return std::nullopt;
  iconv_t cd = iconv_open("UTF-8", IconvName(label).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  Decoded out;
  out.text.reserve(bytes.size() + bytes.size() / 4);
  char buffer[16384];
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    const std::size_t r = iconv(cd, &in, &in_left, &dst, &dst_left);
    out.text.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (r != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
    // A byte the charset leaves undefined (EILSEQ), or a sequence cut
    // short at the end (EINVAL): U+FFFD, as for broken UTF-8.
    out.text += "\xEF\xBF\xBD";
    ++out.replaced;
    ++in;
    --in_left;
  }
  // Stateful charsets (ISO-2022-JP) may end in a shift back to ASCII.
  char* dst = buffer;
  std::size_t dst_left = sizeof buffer;
  iconv(cd, nullptr, nullptr, &dst, &dst_left);
  out.text.append(buffer, static_cast<std::size_t>(dst - buffer));
  iconv_close(cd);
  return out;
}

}  // namespace gazette::internal
