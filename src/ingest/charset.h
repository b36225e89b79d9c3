// Inputs saved in a legacy encoding (windows-1252, ISO 8859-x, KOI8-R...):
// an HTML page says which in a <meta> near its top, as browsers read it;
// for the rest, the user says it with `gazette index --encoding`.
// Private to src/ingest.
#ifndef GAZETTE_SRC_INGEST_CHARSET_H_
#define GAZETTE_SRC_INGEST_CHARSET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::internal {

// The charset an HTML page declares in its first 1024 bytes, with
// <meta charset="..."> or <meta http-equiv="Content-Type"
// content="...; charset=...">, lower-cased; nullopt when it declares none.
std::optional<std::string> DeclaredCharset(std::string_view html);

struct Decoded {
  std::string text;          // UTF-8
  std::size_t replaced = 0;  // bytes the charset does not map, now U+FFFD
};

// `bytes` in `charset` as UTF-8; nullopt when the charset is a Unicode one
// (UTF-8 itself, or UTF-16/32, which no <meta> can truly declare) or unknown
// to iconv. Labels follow the WHATWG
// Encoding standard where iconv's differ: "iso-8859-1", "latin1" and
// "us-ascii" mean windows-1252, as they do in every browser.
std::optional<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view charset);

// Whether `charset` names one DecodeToUtf8 reads, or a Unicode one (which
// means UTF-8 here).
bool CharsetKnown(std::string_view charset);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INGEST_CHARSET_H_
