// Field processors for `leader:`, `person:`, `org:`, `place:` (entities
// resolved through the gazetteer) and for `source:`, `lang:`, `id:` (exact
// values, normalised the way the indexer wrote them).
#ifndef GAZETTE_QUERY_ENTITY_FIELD_H_
#define GAZETTE_QUERY_ENTITY_FIELD_H_

#include <xapian.h>

#include <string>
#include <string_view>

#include "gazette/article.h"
#include "gazette/schema.h"
#include "query/parse_context.h"

namespace gazette::internal {

// "Vladimir Putin" -> "vladimir_putin", "Lula da Silva" -> "lula_da_silva";
// accents stripped. The form of ids the extractor makes for names the
// gazetteer lacks.
std::string EntitySlug(std::string_view text);

// The query for one entity value of `field` (`leader:putin`): the gazetteer's
// id when Resolve() knows the value, else an id the index holds, else an error
// in `context` naming the closest known entities. `person:` also matches
// leaders, since a leader is a person. `where` names the value in errors
// (default: "field:value").
Xapian::Query EntityQuery(const schema::Field& field, std::string_view value,
                          ParseContext& context, std::string_view where = {});

// The query for an exact-valued field (`source:`, `lang:`, `id:`).
Xapian::Query ExactFieldQuery(const schema::Field& field, std::string_view value);

class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(const schema::Field& field, ParseContext& context)
      : field_(field), context_(context) {}
  Xapian::Query operator()(const std::string& value) override {
    return EntityQuery(field_, value, context_);
  }

 private:
  const schema::Field& field_;
  ParseContext& context_;
};

class ExactFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit ExactFieldProcessor(const schema::Field& field) : field_(field) {}
  Xapian::Query operator()(const std::string& value) override {
    return ExactFieldQuery(field_, value);
  }

 private:
  const schema::Field& field_;
};

// `exact:word` (written `=word`): the word as written, unstemmed.
class ExactWordProcessor : public Xapian::FieldProcessor {
 public:
  explicit ExactWordProcessor(ParseContext& context) : context_(context) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  ParseContext& context_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_QUERY_ENTITY_FIELD_H_
