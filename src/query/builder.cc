// BuildQuery(): the query language on top of Xapian's QueryParser.
#include "gazette/query.h"

#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette {

bool Filters::empty() const {
  return leaders.empty() && people.empty() && orgs.empty() && places.empty() &&
         sources.empty() && since.empty() && until.empty();
}

ParsedQuery BuildQuery(Database& db, const Gazetteer& /*gazetteer*/, std::string_view text,
                       const Filters& /*filters*/, std::int64_t /*now_unix*/) {
  ParsedQuery parsed;
  parsed.text = std::string(text);
  parsed.stemmer = StemmerLanguage("en");
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem(parsed.stemmer));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_database(db.xapian());
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("title", std::string(schema::kPrefixTitle));
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    parsed.query = parser.parse_query(std::string(text), flags);
  } catch (const Xapian::QueryParserError& e) {
    throw Error(ErrorKind::kBadQuery, "cannot parse query '" + std::string(text) + "': " + e.get_msg());
  }
  parsed.has_words = !parsed.query.empty();
  if (parsed.query.empty()) parsed.query = Xapian::Query::MatchAll;
  return parsed;
}

}  // namespace gazette
