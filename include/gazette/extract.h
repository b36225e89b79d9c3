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
  // Builds the matcher from `gazetteer`, which must outlive the extractor.
  explicit EntityExtractor(const Gazetteer& gazetteer);
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;

  // Replaces article.leaders/people/organizations/places with what the title
  // and body mention. Thread-safe: one extractor serves every worker.
  void Extract(Article& article) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

#endif  // GAZETTE_EXTRACT_H_
