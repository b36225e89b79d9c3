// Facet counting. Entity slots hold several ids per document, which
// Xapian's ValueCountMatchSpy (one value per slot) cannot count. The spy only
// records docids. CountValues() then either walks each slot's value stream
// once in docid order, tallying ids in a flat table (1.5x faster than reading
// the slots per document into std::unordered_map), or, for a match set that
// is a large share of the index, intersects it with the postings of every
// term of the field (XLEADER*, ...): a cost that depends on the index, not on
// the matches, and is lower than the values' from about a quarter of the
// index up. Measurements: docs/performance.md, "Exact facets".
#include "search/facets.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "db/merged_parts.h"
#include "gazette/document.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {
namespace {

constexpr std::string_view kFacetNames = "leader, person, org, place, source, year, month";

// The article with the lowest docid carrying `term`, as the first posting
// would give, but through a one-hit search: opening a postlist on a remote
// shard transfers all of it (25 ms per source name on 10k articles).
std::optional<Article> FirstArticle(const std::string& term, const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // all equal: docid order
  const Xapian::MSet mset = enquire.get_mset(0, 1);
  if (mset.empty()) return std::nullopt;
  return ShownArticleFromDocument(mset.begin().get_document());
}

std::string SourceDisplayName(const std::string& slug, const Xapian::Database& db) {
  const std::optional<Article> article =
      FirstArticle(std::string(schema::kPrefixSource) + slug, db);
  return !article || article->source.empty() ? slug : article->source;
}

// An entity the extractor created for a name the gazetteer lacks: the name
// its articles carry, so facets and hits show the same name.
std::string MentionName(const FacetSlot& facet, const std::string& id, const Xapian::Database& db) {
  const schema::Field* field = schema::FindField(facet.name);
  if (!field || !field->entity_kind) return id;
  const std::optional<Article> article = FirstArticle(std::string(field->prefix) + id, db);
  if (!article) return id;
  for (const Mention& m : article->mentions(*field->entity_kind))
    if (m.id == id && !m.name.empty()) return m.name;
  return id;
}

// Counts of short strings (entity ids, source slugs) over many documents:
// open addressing over a power-of-two table, the strings in one arena, and a
// per-document stamp so that an id written twice in one article counts once.
// About 16 ns an id against ~50 for std::unordered_map<std::string> with its
// per-node strings and std::hash.
class IdTally {
 public:
  // Starts the next document: ids added from now on count for it once.
  void NextDocument() { ++document_; }

  void Add(std::string_view id) {
    const std::uint32_t hash = Hash(id);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.hash == 0) {
        slot = {hash, static_cast<std::uint32_t>(entries_.size())};
        entries_.push_back({arena_.size(), id.size(), 1, document_});
        arena_.append(id);
        if (entries_.size() * 2 > slots_.size()) Grow();
        return;
      }
      if (slot.hash != hash) continue;
      Entry& entry = entries_[slot.entry];
      if (entry.size == id.size() &&
          std::memcmp(arena_.data() + entry.offset, id.data(), id.size()) == 0) {
        if (entry.document != document_) {
          entry.document = document_;
          ++entry.count;
        }
        return;
      }
    }
  }

  FacetSpy::Counts ToCounts() const {
    FacetSpy::Counts counts;
    counts.reserve(entries_.size());
    for (const Entry& e : entries_) counts.emplace(arena_.substr(e.offset, e.size), e.count);
    return counts;
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;  // 0: empty
    std::uint32_t entry = 0;
  };
  struct Entry {
    std::size_t offset, size;
    std::uint64_t count;
    std::uint64_t document;  // the last document that counted
  };

  // Ids are short ("vladimir_putin"): mixing the first and last eight bytes
  // and the length spreads them well enough; equal hashes are compared.
  static std::uint32_t Hash(std::string_view s) {
    std::uint64_t head = 0, tail = 0;
    if (s.size() >= 8) {
      std::memcpy(&head, s.data(), 8);
      std::memcpy(&tail, s.data() + s.size() - 8, 8);
    } else {
      std::memcpy(&head, s.data(), s.size());
    }
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ ((tail + s.size()) * 0xC2B2AE3D27D4EB4Full);
    h ^= h >> 32;
    return static_cast<std::uint32_t>(h) | 1;
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.hash == 0) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].hash != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_ = std::vector<Slot>(256);
  std::vector<Entry> entries_;
  std::string arena_;
  std::uint64_t document_ = 0;
};

// The values of `facet` in the documents `matches` (ascending), from the
// slot's value stream.
FacetSpy::Counts CountValueStream(const Xapian::Database& db, const FacetSlot& facet,
                                  const std::vector<Xapian::docid>& matches) {
  IdTally tally;
  std::string value;
  Xapian::ValueIterator it = db.valuestream_begin(facet.slot);
  const Xapian::ValueIterator end = db.valuestream_end(facet.slot);
  for (const Xapian::docid did : matches) {
    if (it == end) break;
    it.skip_to(did);
    if (it == end) break;
    if (it.get_docid() != did) continue;  // no value: nothing to count
    value = *it;
    tally.NextDocument();
    if (!facet.multi_valued) {
      tally.Add(value);
      continue;
    }
    const char* begin = value.data();
    const char* const stop = begin + value.size();
    while (begin <= stop) {
      const void* at = std::memchr(begin, schema::kValueSeparator, stop - begin);
      const char* id_end = at ? static_cast<const char*>(at) : stop;
      if (id_end > begin) tally.Add(std::string_view(begin, id_end - begin));
      begin = id_end + 1;
    }
  }
  return tally.ToCounts();
}

// The terms `prefix`+id of a field, with their document frequencies.
struct FieldTerms {
  std::vector<std::pair<std::string, Xapian::doccount>> terms;
  std::uint64_t postings = 0;
};

FieldTerms ListTerms(const Xapian::Database& db, const std::string& prefix) {
  FieldTerms field;
  for (Xapian::TermIterator t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string term = *t;
    if (term.size() == prefix.size()) continue;  // an empty id: the values skip it too
    field.postings += t.get_termfreq();
    field.terms.emplace_back(std::move(term), t.get_termfreq());
  }
  return field;
}

// Whether reading every posting of the field's terms should cost less than
// reading the values of `matches` documents. The constants are CPU times
// measured on 100k articles (docs/performance.md, "Exact facets"): opening a
// term's posting list ~8 us, a posting ~11 ns, each further chunk of it
// ~0.3 us; a match's value ~90 ns plus ~30 ns an id. Only their ratios
// matter. A fresh build merged from many parts has a chunk per part for
// most terms (schema::kMetaMergedParts), which makes the postings 2.3x
// dearer on 100k articles merged from 100 parts.
bool PostingsCheaper(const FieldTerms& field, std::size_t matches, Xapian::doccount with_value,
                     Xapian::doccount doccount, Xapian::doccount merged_parts) {
  if (with_value == 0 || doccount == 0) return false;
  double chunks = 0;
  for (const auto& [term, frequency] : field.terms) chunks += std::min(frequency, merged_parts);
  const double postings_ns = 8000.0 * double(field.terms.size()) + 11.0 * double(field.postings) +
                             300.0 * chunks;
  const double ids_per_value = double(field.postings) / double(with_value);
  const double matches_with_value = double(matches) * double(with_value) / double(doccount);
  return postings_ns < matches_with_value * (90.0 + 30.0 * ids_per_value);
}

// The same counts from the field's terms: for each, how many of its
// documents are set in `matched`. The indexer writes a term for every id it
// puts in the slot (schema/document.cc), and no other prefix of the schema
// starts with an entity or source prefix (tests/unit/facets_test.cc).
FacetSpy::Counts CountPostings(const Xapian::Database& db, const std::string& prefix,
                               const FieldTerms& field, const std::vector<std::uint64_t>& matched) {
  FacetSpy::Counts counts;
  for (const auto& [term, frequency] : field.terms) {
    std::uint64_t n = 0;
    for (Xapian::PostingIterator p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      const Xapian::docid did = *p;
      if (did / 64 < matched.size()) n += (matched[did / 64] >> (did % 64)) & 1;
    }
    if (n > 0) counts.emplace(term.substr(prefix.size()), n);
  }
  return counts;
}

}  // namespace

FacetSlot FindFacetSlot(std::string_view name) {
  if (name == "year") return {"year", schema::kSlotYear, false, ""};
  if (name == "month") return {"month", schema::kSlotMonth, false, ""};
  const schema::Field* field = schema::FindField(name);
  if (!field || !field->facet_slot)
    throw Error(ErrorKind::kUsage, "unknown facet '" + std::string(name) +
                                       "' (known: " + std::string(kFacetNames) + ")");
  return {std::string(name), *field->facet_slot, field->type == schema::FieldType::kEntity,
          std::string(field->prefix)};
}

FacetSpy::FacetSpy(std::vector<FacetSlot> facets, std::size_t shards)
    : facets_(std::move(facets)), counts_(facets_.size()), per_document_(shards > 1) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  if (!per_document_) {
    matches_.push_back(doc.get_docid());
    return;
  }
  for (std::size_t i = 0; i < facets_.size(); ++i) {
    const std::string value = doc.get_value(facets_[i].slot);
    // Each article counts once per value, even if an id were written twice.
    seen_.clear();
    const std::string_view all(value);
    for (std::size_t begin = 0; begin < all.size();) {
      std::size_t end = facets_[i].multi_valued ? all.find(schema::kValueSeparator, begin)
                                                : std::string_view::npos;
      if (end == std::string_view::npos) end = all.size();
      const std::string_view id = all.substr(begin, end - begin);
      if (!id.empty() && std::find(seen_.begin(), seen_.end(), id) == seen_.end()) {
        seen_.push_back(id);
        if (auto it = counts_[i].find(id); it != counts_[i].end())
          ++it->second;
        else
          counts_[i].emplace(std::string(id), 1);
      }
      begin = end + 1;
    }
  }
}

void FacetSpy::CountValues(const Xapian::Database& db, FacetMethod method) {
  if (per_document_) return;  // counted as the matches came
  // The matcher visits documents in ascending docid order; a value stream
  // only moves forward, so make sure.
  if (!std::is_sorted(matches_.begin(), matches_.end()))
    std::sort(matches_.begin(), matches_.end());
  // Below this share the values always cost less: each match costs a few
  // hundred ns, each posting ~11 ns, and a field has ~4 postings an article.
  // With many merged parts the postings lose on every field but the
  // smallest, and listing a field's terms to find out costs about what they
  // could save (100k articles in 100 parts: 46 ms against 41.5 for values).
  // With the ~10 parts of a fresh build of 100k they still win (the whole
  // index: 38 ms against 71; docs/performance.md, "Exact facets"). Nothing
  // was measured between 11 and 100 parts.
  constexpr Xapian::doccount kMaxMergedParts = 24;
  const Xapian::doccount merged_parts = internal::MergedParts(db);
  const bool dense = double(matches_.size()) >= kPostingsShare * double(db.get_doccount()) &&
                     merged_parts <= kMaxMergedParts;
  std::vector<std::uint64_t> matched;  // a bit per docid, for postings
  for (std::size_t i = 0; i < facets_.size(); ++i) {
    const FacetSlot& facet = facets_[i];
    FieldTerms field;
    bool postings = false;
    if (!facet.term_prefix.empty() && method != FacetMethod::kValues &&
        (dense || method == FacetMethod::kPostings)) {
      field = ListTerms(db, facet.term_prefix);
      postings =
          method == FacetMethod::kPostings ||
          PostingsCheaper(field, matches_.size(), db.get_value_freq(facet.slot), db.get_doccount(),
                          merged_parts);
    }
    if (!postings) {
      counts_[i] = CountValueStream(db, facet, matches_);
      continue;
    }
    if (matched.empty()) {
      matched.assign(db.get_lastdocid() / 64 + 1, 0);
      for (const Xapian::docid did : matches_) matched[did / 64] |= std::uint64_t{1} << (did % 64);
    }
    counts_[i] = CountPostings(db, facet.term_prefix, field, matched);
  }
}

std::vector<FacetEntry> TopEntries(const FacetSpy& spy, std::size_t index, std::size_t limit,
                                   const Gazetteer& gazetteer, const Xapian::Database& db) {
  std::vector<FacetEntry> entries;
  entries.reserve(spy.counts(index).size());
  for (const auto& [id, count] : spy.counts(index)) entries.push_back(FacetEntry{id, id, count});
  return RankFacetEntries(spy.facets()[index], std::move(entries), limit, gazetteer, db);
}

std::vector<FacetEntry> RankFacetEntries(const FacetSlot& facet, std::vector<FacetEntry> entries,
                                         std::size_t limit, const Gazetteer& gazetteer,
                                         const Xapian::Database& db) {
  if (facet.multi_valued) {
    for (FacetEntry& entry : entries)
      if (const Entity* entity = gazetteer.FindById(entry.id)) entry.value = entity->name;
  }
  // Sources need a document read for their names: sort by id first, name the
  // survivors only. Ids and names order alike for every other facet.
  auto busiest = [](const FacetEntry& a, const FacetEntry& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  std::sort(entries.begin(), entries.end(), busiest);
  if (facet.name == "source") {
    const std::size_t keep = std::min(entries.size(), limit);
    // Ties at the cut must be decided by display name, so name every tie.
    std::size_t named = keep;
    while (named < entries.size() && keep > 0 && entries[named].count == entries[keep - 1].count)
      ++named;
    for (std::size_t i = 0; i < named; ++i) entries[i].value = SourceDisplayName(entries[i].id, db);
    entries.resize(named);
    std::sort(entries.begin(), entries.end(), busiest);
  }
  if (entries.size() > limit) entries.resize(limit);
  if (facet.multi_valued) {
    for (FacetEntry& e : entries)
      if (e.value == e.id && !gazetteer.FindById(e.id)) e.value = MentionName(facet, e.id, db);
    std::sort(entries.begin(), entries.end(), busiest);
  }
  return entries;
}

}  // namespace gazette::internal
