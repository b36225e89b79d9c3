// The excerpt of an article shown under a hit.
#ifndef GAZETTE_SEARCH_SNIPPET_H_
#define GAZETTE_SEARCH_SNIPPET_H_

#include <xapian.h>

#include <string>

#include "gazette/article.h"

namespace gazette::internal {

// Up to `length` characters of the body around the query's best matches,
// matched terms (whole phrases for phrase queries) between kHighlightOpen and
// kHighlightClose, as plain text (not HTML).
std::string MakeSnippet(const Xapian::MSet& mset, const Article& article,
                        const Xapian::Stem& stemmer, std::size_t length);

}  // namespace gazette::internal

#endif  // GAZETTE_SEARCH_SNIPPET_H_
