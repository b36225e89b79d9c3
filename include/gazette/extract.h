// Entity extraction: finds the gazetteer's entities (and new ones introduced by
// a title or a "Long Name (ABC)" definition) in an article's title and body.
// Pure: no I/O, no Xapian.
#ifndef GAZETTE_EXTRACT_H_
#define GAZETTE_EXTRACT_H_

#include <memory>

#include "gazette/article.h"
#include "gazette/gazetteer.h"

namespace gazette {

class EntityExtractor {
 public:
  // Builds the matcher from `gazetteer`, which must outlive the extractor and
  // not change while it lives (about 10-15 ms for the built-in gazetteer).
  explicit EntityExtractor(const Gazetteer& gazetteer);
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;

  // Replaces article.leaders/people/organizations/places with what the title
  // and body mention: one Mention per entity, in order of first mention, with
  // offsets into title + "\n" + body. Thread-safe: one extractor serves every
  // worker. The rules:
  // - whole words only ("Xi" is not in "Xinhua"), the longest name wins,
  //   case and accents folded ("Erdogan" = "Erdoğan"), possessives dropped;
  // - an alias in capitals ("US", "UN") matches only in capitals ("U.S." too);
  // - a title resolves the name after it ("President Xi", "PM Fumio
  //   Kishida"); 2-4 unknown capitalised words after a title become a new
  //   leader or person with a derived id ("aide Yuri Ushakov" -> yuri_ushakov);
  // - a bare surname counts when the article named that person before, or
  //   when only one person has it and it is not a common word ("May");
  // - "Long Name (LN)" defines an organization (the known one when it is
  //   known) and teaches "LN" for the rest of the article;
  // - demonyms are place mentions ("Russian President" mentions Russia) and
  //   metonyms stay places ("Beijing said" is Beijing).
  void Extract(Article& article) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Everything extraction derives from an article's title and body: the
// entities (extractor.Extract) and the mentioned dates (dates.h). The indexer
// and rebuild both call this, so a rebuild gives what indexing again would.
void DeriveArticleFields(const EntityExtractor& extractor, Article& article);

}  // namespace gazette

#endif  // GAZETTE_EXTRACT_H_
