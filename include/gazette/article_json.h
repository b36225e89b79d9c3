// The JSON form of an Article: the document data of the index, the lines of
// `gazette export`, and a hit's fields in `--format json`. Documented in
// docs/json.md.
#ifndef GAZETTE_ARTICLE_JSON_H_
#define GAZETTE_ARTICLE_JSON_H_

#include <nlohmann/json.hpp>

#include "gazette/article.h"

namespace gazette {

// Every field, including the extracted ones; keys in a fixed order so that
// export output is byte-stable.
nlohmann::ordered_json ArticleToJson(const Article& article);
// The inverse of ArticleToJson. Throws Error{kCorrupt} on a malformed object.
Article ArticleFromJson(const nlohmann::json& json);

}  // namespace gazette

#endif  // GAZETTE_ARTICLE_JSON_H_
