// Article -> Xapian::Document, following schema.h. The title is indexed twice:
// prefixed (for `title:`) and unprefixed with a higher wdf, so plain words
// rank title matches above body matches.
#include "gazette/document.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "db/stem_table.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette {
namespace {

// Xapian's stemmers by ISO 639-1 code; anything else falls back to English.
const std::map<std::string, std::string, std::less<>>& StemmerNames() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},   {"de", "german"},
      {"en", "english"},    {"es", "spanish"},   {"eu", "basque"},   {"fi", "finnish"},
      {"fr", "french"},     {"ga", "irish"},     {"hu", "hungarian"}, {"hy", "armenian"},
      {"id", "indonesian"}, {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
      {"nl", "dutch"},      {"no", "norwegian"}, {"nb", "norwegian"}, {"pt", "portuguese"},
      {"ro", "romanian"},   {"ru", "russian"},   {"sv", "swedish"},  {"ta", "tamil"},
      {"tr", "turkish"}};
  return names;
}

std::string JoinIds(const std::vector<Mention>& mentions) {
  std::string joined;
  for (const Mention& m : mentions) {
    if (!joined.empty()) joined += schema::kValueSeparator;
    joined += m.id;
  }
  return joined;
}

// Undated articles first ("0" < "1"), as an empty date slot sorts.
std::string DateThenId(const Article& article) {
  if (!article.published) return "0" + article.id;
  return fmt::format("1{:08d}{}", article.published->DayNumber(), article.id);
}

// One id per slot for remote facet counts (schema.h). A repeated id would be
// counted twice by the per-slot spies, so only the first of each is written.
void AddPositionValues(Xapian::Document& doc, unsigned first_slot,
                       const std::vector<Mention>& mentions) {
  std::vector<std::string_view> written;
  for (const Mention& m : mentions) {
    if (written.size() == schema::kPositionSlots) break;
    if (m.id.empty() || std::find(written.begin(), written.end(), m.id) != written.end()) continue;
    doc.add_value(first_slot + static_cast<unsigned>(written.size()), m.id);
    written.push_back(m.id);
  }
}

}  // namespace

std::string StemmerLanguage(std::string_view iso639) {
  const auto& names = StemmerNames();
  auto it = names.find(iso639.substr(0, 2));
  return it == names.end() ? "english" : it->second;
}

DocumentBuilder::DocumentBuilder() {
  // Words only as written: stems are keys of the synonym table
  // (src/db/stem_table.h), made once per word rather than once per document.
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

Xapian::Document DocumentBuilder::Build(const Article& article,
                                        std::string_view content_hash,
                                        Xapian::WritableDatabase* words_db) {
  Xapian::Document doc;
  generator_.set_document(doc);
  if (words_db) {
    generator_.set_database(*words_db);
    generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  } else {
    generator_.set_flags(Xapian::TermGenerator::flags(0));
  }
  generator_.index_text(article.title, 1, std::string(schema::kPrefixTitle));
  generator_.index_text(article.title, schema::kTitleWeight);
  // The gap keeps phrases from spanning the title and the body.
  generator_.increase_termpos(100);
  generator_.index_text(article.body);

  doc.add_boolean_term(schema::IdTerm(article.id));
  if (!article.language.empty())
    doc.add_boolean_term(std::string(schema::kPrefixLanguage) + article.language);
  if (!article.source.empty()) {
    const std::string slug = schema::SourceSlug(article.source);
    doc.add_boolean_term(std::string(schema::kPrefixSource) + slug);
    doc.add_value(schema::kSlotSource, slug);
  }
  if (!article.origin.empty() && article.origin != "-")
    doc.add_boolean_term(schema::PrefixedTerm(schema::kPrefixOrigin, article.origin));
  for (EntityKind kind : kAllEntityKinds) {
    const schema::Field& field = schema::EntityField(kind);
    const auto& mentions = article.mentions(kind);
    for (const Mention& m : mentions) doc.add_boolean_term(std::string(field.prefix) + m.id);
    if (!mentions.empty()) doc.add_value(*field.facet_slot, JoinIds(mentions));
    AddPositionValues(doc, *field.position_slots, mentions);
  }
  for (const std::string& mentioned : article.mentioned_dates) {
    if (mentioned.size() == 4) {
      doc.add_boolean_term(std::string(schema::kPrefixMentionedYear) + mentioned);
    } else if (mentioned.size() == 10) {
      std::string day = mentioned.substr(0, 4) + mentioned.substr(5, 2) + mentioned.substr(8, 2);
      doc.add_boolean_term(std::string(schema::kPrefixMentionedDate) + day);
    }
  }
  if (article.published) {
    const Timestamp& t = *article.published;
    doc.add_value(schema::kSlotDate, std::to_string(t.DayNumber()));
    doc.add_value(schema::kSlotYear, std::to_string(t.year));
    doc.add_value(schema::kSlotMonth, t.IsoDate().substr(0, 7));
  }
  doc.add_value(schema::kSlotDateThenId, DateThenId(article));
  doc.add_value(schema::kSlotContentHash, std::string(content_hash));
  doc.set_data(DocumentData(article));
  if (words_db) {
    internal::StemCollector stems;
    stems.Add(doc);
    stems.FlushTo(*words_db);
  }
  return doc;
}

}  // namespace gazette
