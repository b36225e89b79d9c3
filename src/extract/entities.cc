// EntityExtractor: scans title + "\n" + body and folds the hits into one
// Mention per entity (count, first offset, first surface form).
#include <unordered_map>

#include "extract/matcher.h"
#include "extract/scan.h"
#include "gazette/dates.h"
#include "gazette/extract.h"

namespace gazette {

struct EntityExtractor::Impl {
  explicit Impl(const Gazetteer& g) : gazetteer(g), matcher(g) {}
  const Gazetteer& gazetteer;
  const internal::Matcher matcher;  // read-only after construction: shared by threads
};

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer)
    : impl_(std::make_unique<Impl>(gazetteer)) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;

void EntityExtractor::Extract(Article& article) const {
  // Per thread, so that one extractor serves all workers without locks and a
  // worker's scans stop allocating once its buffers have grown.
  thread_local std::string text;
  thread_local internal::ScanBuffers buffers;
  text.assign(article.title).append("\n").append(article.body);
  internal::ArticleScan scan(impl_->gazetteer, impl_->matcher, text, buffers);
  scan.Run();
  for (EntityKind kind : kAllEntityKinds) article.mentions(kind).clear();
  std::unordered_map<internal::EntityRef, std::size_t> position;  // in its kind's list
  for (const internal::Hit& hit : scan.hits()) {
    std::vector<Mention>& mentions = article.mentions(scan.KindOf(hit.ref));
    auto [it, added] = position.try_emplace(hit.ref, mentions.size());
    if (added) {
      mentions.push_back(Mention{std::string(scan.IdOf(hit.ref)), std::string(scan.NameOf(hit.ref)), 0,
                                 scan.OffsetOf(hit),
                                 std::string(scan.SurfaceOf(hit))});
    }
    ++mentions[it->second].count;
  }
}

void DeriveArticleFields(const EntityExtractor& extractor, Article& article) {
  extractor.Extract(article);
  article.mentioned_dates = ExtractMentionedDates(article.title + "\n" + article.body);
}

}  // namespace gazette
