// Unicode folding with utf8proc, plus the few letters it cannot strip.
#include "extract/fold.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace gazette::internal {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Letters without a decomposition, so STRIPMARK leaves them alone, yet users
// type them as plain ASCII ("Lodz", "Moller", "Istanbul" for "İstanbul" is
// handled by case folding already).
std::string_view PlainLetter(std::string_view folded_char) {
  if (folded_char == "ł") return "l";
  if (folded_char == "ø") return "o";
  if (folded_char == "đ") return "d";
  if (folded_char == "ı") return "i";
  if (folded_char == "æ") return "ae";
  if (folded_char == "œ") return "oe";
  if (folded_char == "’" || folded_char == "‘" || folded_char == "ʼ") return "'";
  return {};
}

void AppendUnicodeFolded(std::string_view text, std::string& out) {
  utf8proc_uint8_t* mapped = nullptr;
  // DECOMPOSE|COMPOSE together is refused by utf8proc (UTF8PROC_ERROR_INVALIDOPTS):
  // COMPOSE with STRIPMARK decomposes internally, strips marks and recomposes.
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0) {  // invalid UTF-8: keep the bytes, lowercased where ASCII
    for (unsigned char c : text) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  const std::string_view folded(reinterpret_cast<const char*>(mapped),
                                static_cast<std::size_t>(length));
  for (std::size_t i = 0; i < folded.size();) {
    int n = 1;
    DecodeAt(folded, i, n);
    const std::string_view one = folded.substr(i, n);
    const std::string_view plain = n > 1 ? PlainLetter(one) : std::string_view{};
    out += plain.empty() ? one : plain;
    i += n;
  }
}

}  // namespace

char32_t DecodeAt(std::string_view text, std::size_t pos, int& length) {
  utf8proc_int32_t c = 0;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &c);
  if (n <= 0) {
    length = 1;
    return 0xFFFD;
  }
  length = static_cast<int>(n);
  return static_cast<char32_t>(c);
}

bool IsUpperCodePoint(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(c));
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

void AppendFolded(std::string_view text, std::string& out) {
  const std::size_t old_size = out.size();
  out.resize(old_size + text.size());
  char* next = out.data() + old_size;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      out.resize(old_size);
      return AppendUnicodeFolded(text, out);
    }
    *next++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendFolded(text, out);
  return out;
}

std::string DeriveId(std::string_view name) {
  const std::string folded = Fold(name);
  std::string id;
  for (unsigned char c : folded) {
    if (IsAsciiAlnum(c)) {
      id += static_cast<char>(c);
    } else if (c == '\'') {
      continue;  // "O'Brien" -> "obrien", not "o_brien"
    } else if (!id.empty() && id.back() != '_') {
      id += '_';
    }
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

}  // namespace gazette::internal
