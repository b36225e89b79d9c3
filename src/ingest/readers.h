// The per-format readers behind ReadArticles(). Each is pure: bytes in,
// articles and problems out.
#ifndef GAZETTE_SRC_INGEST_READERS_H_
#define GAZETTE_SRC_INGEST_READERS_H_

#include <string_view>

#include "gazette/ingest.h"

namespace gazette::internal {

// Plain text: first non-empty line is the title, the rest the body.
ReadResult ReadText(std::string_view content, std::string_view path,
                    std::string_view id_hint, const ReadOptions& options);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INGEST_READERS_H_
