// Folding text for matching: case, accents and apostrophes erased, so that
// "Erdoğan", "ERDOGAN" and "erdogan" compare equal. Shared by the gazetteer
// (Resolve) and the extractor, which must fold the same way.
#ifndef GAZETTE_SRC_EXTRACT_FOLD_H_
#define GAZETTE_SRC_EXTRACT_FOLD_H_

#include <string>
#include <string_view>

namespace gazette::internal {

// Appends the folded form of `text` to `out`: lowercase, accents stripped,
// "ß" -> "ss", curly apostrophes -> "'". ASCII goes through a fast path.
void AppendFolded(std::string_view text, std::string& out);
std::string Fold(std::string_view text);

// A lowercase ASCII snake_case id for a name found in text ("Yuri Ushakov",
// "Recep Tayyip Erdoğan" -> "recep_tayyip_erdogan"); empty when nothing is left.
std::string DeriveId(std::string_view name);

// Decodes the code point at `text[pos]` (REQUIRES: pos < size) and its length in
// bytes; malformed bytes decode as one U+FFFD byte.
char32_t DecodeAt(std::string_view text, std::size_t pos, int& length);

bool IsUpperCodePoint(char32_t c);
// Letters, marks and digits: the code points that make up words.
bool IsWordCodePoint(char32_t c);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_EXTRACT_FOLD_H_
