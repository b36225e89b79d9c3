// Article <-> Xapian::Document: the only code that turns fields into terms and
// values. Follows the table in schema.h; documented in docs/schema.md.
#ifndef GAZETTE_DOCUMENT_H_
#define GAZETTE_DOCUMENT_H_

#include <xapian.h>

#include <string>
#include <string_view>

#include "gazette/article.h"

namespace gazette {

// Builds documents; holds a TermGenerator to reuse. Not
// thread-safe: one per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // The document for `article`: id, title and body terms (as written, with
  // positions), entity and filter terms, value slots, and the article in the
  // document data. `content_hash` is stored so an unchanged input can be
  // skipped next time. With `words_db`, words are also added to its spelling
  // table (for "did you mean") and their stems, by the article's language, to
  // its synonym table (for stemmed search); writers add both per batch instead.
  Xapian::Document Build(const Article& article, std::string_view content_hash,
                         Xapian::WritableDatabase* words_db = nullptr);

 private:
  Xapian::TermGenerator generator_;
};

// The stemmer language for an ISO 639-1 code ("en" -> "english"); English for
// unknown or empty codes, since most of the corpus is English.
std::string StemmerLanguage(std::string_view iso639);

// A document's data: Omega-style "field=value" lines, one per field and one
// per mention, a blank line, then the body (docs/schema.md, "Document data").
std::string DocumentData(const Article& article);
// The article in a document's data, in that form or schema 2's (the whole
// article as JSON, which `rebuild` upgrades). Throw Error{kCorrupt}.
Article ArticleFromData(std::string_view data);
Article ArticleFromDocument(const Xapian::Document& document);
// What a search hit shows of it: all but each mention's alias, the origin
// and the dates mentioned, which no result prints and which took a sixth of
// decoding a hit (docs/performance.md, "Session 10").
Article ShownArticleFromDocument(const Xapian::Document& document);
// The same from the data of document `docid`, read already.
Article ShownArticleFromData(std::string data, Xapian::docid docid);

}  // namespace gazette

#endif  // GAZETTE_DOCUMENT_H_
