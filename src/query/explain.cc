// Explain(): the parsed query as an indented tree a user can check against
// what they meant: which entity a name resolved to, which words were stemmed,
// which days a date expression covers.
#include <fmt/format.h>

#include "gazette/query.h"
#include "gazette/schema.h"
#include "query/date_field.h"

namespace gazette {
namespace {

std::string OperatorName(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND: return "AND";
    case Xapian::Query::OP_OR: return "OR";
    case Xapian::Query::OP_AND_NOT: return "AND NOT (first, without the others)";
    case Xapian::Query::OP_XOR: return "XOR";
    case Xapian::Query::OP_AND_MAYBE: return "AND MAYBE (first required, others add to the score)";
    case Xapian::Query::OP_FILTER: return "FILTER (first ranks, others only filter)";
    case Xapian::Query::OP_NEAR: return "NEAR";
    case Xapian::Query::OP_PHRASE: return "PHRASE";
    case Xapian::Query::OP_SYNONYM: return "SYNONYM (the words of a stem, ranked as one word)";
    case Xapian::Query::OP_MAX: return "MAX";
    case Xapian::Query::OP_ELITE_SET: return "ELITE SET";
    case Xapian::Query::OP_SCALE_WEIGHT: return "FILTERS ONLY (every match scores 0)";
    default: return "operator " + std::to_string(int(op));
  }
}

std::string TermLabel(const std::string& term, const ParsedQuery& query) {
  if (auto it = query.labels.find(term); it != query.labels.end()) return it->second;
  if (term.rfind("ZS", 0) == 0) return "title word, stemmed: " + term.substr(2);
  if (term.rfind("S", 0) == 0) return "title word: " + term.substr(1);
  if (term.rfind("Z", 0) == 0) return "word, stemmed: " + term.substr(1);
  if (schema::IsUnprefixedWord(term)) return "word, as written: " + term;
  // Longest matching prefix first: XPERSON must not be read as an X... field.
  const schema::Field* best = nullptr;
  for (const schema::Field& field : schema::Fields())
    if (term.rfind(field.prefix, 0) == 0 && (!best || field.prefix.size() > best->prefix.size()))
      best = &field;
  if (best) return std::string(best->name) + ": " + term.substr(best->prefix.size());
  return "term";
}

// A value-range leaf has no public accessors; its description carries the
// slot and bounds ("VALUE_RANGE 0 20190101 20211231").
std::string RangeLabel(const Xapian::Query& query, const ParsedQuery& parsed) {
  std::string description = query.get_description();
  if (description.rfind("Query(", 0) == 0) description = description.substr(6, description.size() - 7);
  if (auto it = parsed.labels.find(query.get_description()); it != parsed.labels.end())
    return it->second + "  [" + description + "]";
  return description;
}

void Render(const Xapian::Query& query, const ParsedQuery& parsed, int depth, std::string& out) {
  const std::string indent(2 * depth, ' ');
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      out += fmt::format("{}{:<40} [{}]\n", indent, TermLabel(term, parsed), term);
      return;
    }
    case Xapian::Query::LEAF_MATCH_ALL: out += indent + "every article\n"; return;
    case Xapian::Query::LEAF_MATCH_NOTHING: out += indent + "nothing\n"; return;
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
      out += indent + RangeLabel(query, parsed) + "\n";
      return;
    case Xapian::Query::OP_WILDCARD: {
      const std::string description = query.get_description();
      const auto space = description.rfind(' ');
      std::string pattern = description.substr(space + 1);
      if (!pattern.empty() && pattern.back() == ')') pattern.pop_back();
      out += indent + "wildcard: every word starting " + pattern + "\n";
      return;
    }
    default: break;
  }
  out += indent + OperatorName(query.get_type()) + "\n";
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    Render(query.get_subquery(i), parsed, depth + 1, out);
}

}  // namespace

std::string Explain(const ParsedQuery& query) {
  std::string out = "query:   " + query.text + "\n";
  out += "ranking: " + std::string(query.has_words ? "by relevance (BM25; title words count 3x)"
                                                   : "filters only: every match scores 0") + "\n";
  out += "stemmer: " + query.stemmer + "\n";
  if (!query.suggestion.empty()) out += "did you mean: " + query.suggestion + "\n";
  out += "parsed:\n";
  Render(query.query, query, 1, out);
  return out;
}

}  // namespace gazette
