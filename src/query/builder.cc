// BuildQuery(): the query language on top of Xapian's QueryParser, plus the
// same filters given as flags. Field semantics are in docs/query-syntax.md.
#include "gazette/query.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "db/spelling_index.h"
#include "gazette/document.h"
#include "gazette/schema.h"
#include "query/date_field.h"
#include "query/entity_field.h"
#include "query/parse_context.h"
#include "query/remote_stems.h"

namespace gazette {
namespace {

// Errors are one line (tools/main.cc prints them as such), but the query text
// they quote is the user's and may hold newlines: show those escaped.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

using internal::ParseContext;

// The free-text field for `=word`: QueryParser has no syntax for an unstemmed
// word, so the builder rewrites `=word` to `exact:word` before parsing.
constexpr std::string_view kExactField = "exact";
// Every parse expands stems into the words that share them.
constexpr unsigned kStems = Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool StartsToken(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  const char before = text[i - 1];
  return IsBlank(before) || before == '(' ||
         ((before == '+' || before == '-') && StartsToken(text, i - 1));
}

std::string RewriteExactWords(std::string_view text) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (!quoted && text[i] == '=' && StartsToken(text, i) && i + 1 < text.size() &&
        text[i + 1] != ' ') {
      out += kExactField;
      out += ':';
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string UndoExactWords(std::string text) {
  const std::string field = std::string(kExactField) + ":";
  for (std::size_t at = text.find(field); at != std::string::npos; at = text.find(field, at + 1))
    text.replace(at, field.size(), "=");
  return text;
}

// `-summit` alone: Xapian's parser "can't just hate", fails, and silently
// parses the query again without operators, so `-summit` found the articles
// *with* summit. When every top-level part of the query is negated, each
// `-part` becomes `NOT part`, which FLAG_PURE_NOT reads as "every article
// but". A mix (`summit -leader`) is left to Xapian, which reads it right.
std::optional<std::string> AllNegatedAsNot(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool quoted = false;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool blank = i == text.size() || IsBlank(text[i]);
    if (blank && !quoted && depth <= 0) {
      if (start != std::string_view::npos) parts.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
      continue;
    }
    if (start == std::string_view::npos) start = i;
    if (text[i] == '"') quoted = !quoted;
    if (!quoted && text[i] == '(') ++depth;
    if (!quoted && text[i] == ')') --depth;
  }
  if (parts.empty()) return std::nullopt;
  std::string rewritten;
  for (std::string_view part : parts) {
    if (part.size() < 2 || part[0] != '-' || part[1] == '-') return std::nullopt;
    if (!rewritten.empty()) rewritten += ' ';
    rewritten += "NOT ";
    rewritten += part.substr(1);
  }
  return rewritten;
}

// Syntax that a successful parse always shows in the query it builds, and
// a parse without operators never does: a '-' starting a part, a wildcard,
// an operator word. (Not quotes or brackets: `"Putin"` and `(summit)` parse
// the same either way.)
bool HasOperatorSyntax(std::string_view text) {
  static constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted) continue;
    const bool next_is_part = i + 1 < text.size() && !IsBlank(text[i + 1]) && text[i + 1] != '-';
    if (text[i] == '-' && StartsToken(text, i) && next_is_part) return true;
    if (text[i] == '*' && i > 0 && text[i - 1] != ' ') return true;
    if (!StartsToken(text, i)) continue;
    for (std::string_view op : kOperators) {
      const std::size_t end = i + op.size();
      if (text.compare(i, op.size(), op) == 0 &&
          (end == text.size() || text[end] == ' ' || text[end] == '/' || text[end] == '('))
        return true;
    }
  }
  return false;
}

// `place:` with nothing after it: QueryParser would read the word "place"
// (and suggest a spelling for it), where the user meant a filter and left
// out its value, or typed a space after the colon.
void RejectEmptyFields(std::string_view text) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"date", "year"};
    for (const schema::Field& field : schema::Fields()) all.emplace_back(field.name);
    return all;
  }();
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted || !StartsToken(text, i)) continue;
    for (const std::string& name : names) {
      const std::size_t end = i + name.size() + 1;
      if (text.compare(i, name.size(), name) != 0 || end > text.size() || text[end - 1] != ':')
        continue;
      if (end == text.size() || IsBlank(text[end]) || text[end] == ')')
        throw Error(ErrorKind::kBadQuery,
                    OneLine("bad query: '" + name + ":' has no value in '" + std::string(text) +
                            "' (write " + name + ":VALUE, without a space)"));
    }
  }
}

void SetUpParser(Xapian::QueryParser& parser, ParseContext& context, const std::string& stemmer) {
  parser.set_stemmer(Xapian::Stem(stemmer));
  // Capitalised words and phrases stay unstemmed; the indexer wrote both forms.
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_database(*context.db);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix(std::string(kExactField),
                    (new internal::ExactWordProcessor(context))->release());
  for (const schema::Field& field : schema::Fields()) {
    const std::string name(field.name);
    switch (field.type) {
      case schema::FieldType::kFreeText:
        parser.add_prefix(name, std::string(field.prefix));
        break;
      case schema::FieldType::kEntity:
        // Not exclusive: `leader:putin leader:xi` wants articles with both.
        parser.add_boolean_prefix(
            name, (new internal::EntityFieldProcessor(field, context))->release(), false);
        break;
      case schema::FieldType::kBoolean:
        // An article has one source, language and id: values of one field OR.
        parser.add_boolean_prefix(name, (new internal::ExactFieldProcessor(field))->release(),
                                  true);
        break;
    }
  }
  for (const char* name : {"date", "year"}) {
    parser.add_rangeprocessor((new internal::DateRangeProcessor(name, context))->release());
    // Several date filters intersect, as ranges on one slot do.
    parser.add_boolean_prefix(name, (new internal::DateFieldProcessor(name, context))->release(),
                              false);
  }
}

Xapian::Query OrOf(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

// --leader/--org/...: values of one flag OR together, different flags AND.
Xapian::Query FilterQuery(const Filters& filters, ParseContext& context) {
  std::vector<Xapian::Query> parts;
  auto add_entities = [&](const std::vector<std::string>& values, std::string_view name) {
    if (values.empty()) return;
    const schema::Field& field = *schema::FindField(name);
    std::vector<Xapian::Query> alternatives;
    for (const std::string& v : values)
      alternatives.push_back(internal::EntityQuery(field, v, context, "--" + std::string(name) + " " + v));
    parts.push_back(OrOf(alternatives));
  };
  add_entities(filters.leaders, "leader");
  add_entities(filters.people, "person");
  add_entities(filters.orgs, "org");
  add_entities(filters.places, "place");
  if (!filters.sources.empty()) {
    std::vector<Xapian::Query> alternatives;
    for (const std::string& v : filters.sources)
      alternatives.push_back(internal::ExactFieldQuery(*schema::FindField("source"), v));
    parts.push_back(OrOf(alternatives));
  }
  internal::DayRange range;
  for (auto [text, flag] : {std::pair{&filters.since, "--since"}, std::pair{&filters.until, "--until"}}) {
    if (text->empty()) continue;
    std::string why;
    const auto days = internal::ParseDateExpression(*text, context.now_unix, &why);
    if (!days) return context.Fail(why + " in " + flag + " " + *text);
    if (text == &filters.since) range.first = days->first; else range.last = days->last;
  }
  if (range.first || range.last) {
    if (range.first && range.last && range.first > range.last)
      return context.Fail("--since " + filters.since + " is after --until " + filters.until);
    Xapian::Query dates = internal::DateQuery(range);
    context.labels[dates.get_description()] = "date " + internal::DescribeDayRange(range);
    parts.push_back(dates);
  }
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// Whether any part of `query` scores: words, title words, wildcards. Filters
// alone (entities, dates, sources) leave every score 0.
bool HasWords(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      // Stemmed (Z) and title (S) words score as well as words as written.
      return schema::IsUnprefixedWord(term) || (!term.empty() && (term[0] == 'Z' || term[0] == 'S'));
    }
    case Xapian::Query::OP_WILDCARD: return true;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
      return HasWords(query.get_subquery(0));
    default:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (HasWords(query.get_subquery(i))) return true;
      return false;
  }
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const bool part = static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
    if (part) word += c;
    if (!part && !word.empty()) words.push_back(std::exchange(word, {}));
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// How many articles hold a word in some form: as typed or by its stem. A
// phrase searches "change" as typed, but an index with "changes" knows it.
Xapian::doccount KnownCount(const std::string& word, const Xapian::Stem& stem,
                            const Xapian::Database& db) {
  const std::string lower = Xapian::Unicode::tolower(word);
  Xapian::doccount count = db.get_termfreq(lower);
  const std::string key = "Z" + stem(lower);
  for (auto form = db.synonyms_begin(key); form != db.synonyms_end(key); ++form)
    count = std::max(count, db.get_termfreq(*form));
  return count;
}

// The terms of `query` a user typed: a stem's words (OP_SYNONYM after its
// "Z" key) are the index's, not the user's.
void TypedTerms(const Xapian::Query& query, std::set<std::string>& out) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    out.insert(*query.get_terms_begin());
    return;
  }
  if (query.get_type() == Xapian::Query::OP_SYNONYM && query.get_num_subqueries() > 0) {
    const Xapian::Query key = query.get_subquery(0);
    if (key.get_type() == Xapian::Query::LEAF_TERM && (*key.get_terms_begin()).starts_with("Z")) {
      out.insert(*key.get_terms_begin());
      return;
    }
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    TypedTerms(query.get_subquery(i), out);
}

// Whether a stem key stands in `query` without its words (OP_SYNONYM): the
// index has none, or QueryParser parsed without FLAG_AUTO_SYNONYMS.
bool HasBareStem(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::LEAF_TERM)
    return (*query.get_terms_begin()).starts_with("Z");
  if (query.get_type() == Xapian::Query::OP_SYNONYM) return false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (HasBareStem(query.get_subquery(i))) return true;
  return false;
}

// Whether `pred` holds for a word QueryParser made a free-text term of: as
// written (an unprefixed term), or stemmed, with the word in unstem. These
// are the words its speller is asked about, and a few more (title words,
// acronyms). Prefixed terms are fields, not words.
template <typename Pred>
bool AnyQueryWord(const Xapian::Query& words, const Xapian::QueryParser& parser, Pred pred) {
  std::set<std::string> typed;
  TypedTerms(words, typed);
  for (const std::string& term : typed) {
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      for (auto u = parser.unstem_begin(term); u != parser.unstem_end(term); ++u)
        if (pred(*u)) return true;
    } else if (schema::IsUnprefixedWord(term) && pred(term)) {
      return true;
    }
  }
  return false;
}

// Only a rare or absent word can be misspelt. Asking Xapian's speller for
// every word of every query cost up to 1 ms a word (docs/performance.md), and
// QueryParser 1.4 asks for each one, known or not.
bool HasRareWord(const Xapian::Query& words, const Xapian::QueryParser& parser,
                 const Xapian::Stem& stem, const Xapian::Database& db) {
  constexpr Xapian::doccount kRareShare = 1000;  // in at most 0.1% of articles
  const Xapian::doccount rare_below = db.get_doccount() / kRareShare + 1;
  return AnyQueryWord(words, parser,
                      [&](const std::string& word) { return KnownCount(word, stem, db) < rare_below; });
}

// Xapian corrects a word whenever a more frequent one is near, even a word
// the index knows ("tax" -> "take"). Keep a correction only when each word it
// replaces is absent or at least kRarer times rarer than its replacement.
bool WorthReplacing(const std::string& word, const std::string& replacement,
                    const Xapian::Stem& stem, const Xapian::Database& db) {
  constexpr Xapian::doccount kRarer = 10;
  const Xapian::doccount was = KnownCount(word, stem, db);
  return was == 0 || was * kRarer <= KnownCount(replacement, stem, db);
}

bool WorthSuggesting(const std::string& original, const std::string& corrected,
                     const Xapian::Stem& stem, const Xapian::Database& db) {
  const auto before = Words(original), after = Words(corrected);
  if (before.size() != after.size()) return true;
  for (std::size_t i = 0; i < before.size(); ++i)
    if (before[i] != after[i] && !WorthReplacing(before[i], after[i], stem, db)) return false;
  return true;
}

// Whether Xapian's corrected string could pass WorthSuggesting, answered
// from the speller in memory so that the second parse runs only then. Every
// word QueryParser asks its speller about is asked here (AnyQueryWord), a
// few more too, which can only cost a needless parse. A correction that
// WorthSuggesting would see as one word replaced by another, and would
// refuse, cannot make a suggestion: anything else might.
bool MaySuggest(const Xapian::Query& words, const Xapian::QueryParser& parser,
                const internal::SpellingIndex& speller, const Xapian::Stem& stem,
                const Xapian::Database& db) {
  const auto one_word = [](const std::string& text) {
    const auto split = Words(text);
    return split.size() == 1 && split[0] == text;
  };
  return AnyQueryWord(words, parser, [&](const std::string& written) {
    const std::string word = Xapian::Unicode::tolower(written);
    const std::string replacement = speller.Suggest(word);
    if (replacement.empty()) return false;
    return !one_word(word) || !one_word(replacement) || WorthReplacing(word, replacement, stem, db);
  });
}

}  // namespace

bool Filters::empty() const {
  return leaders.empty() && people.empty() && orgs.empty() && places.empty() &&
         sources.empty() && since.empty() && until.empty();
}

ParsedQuery BuildQuery(Database& db, const Gazetteer& gazetteer, std::string_view text,
                       const Filters& filters, std::int64_t now_unix, Suggest suggest) {
  RejectEmptyFields(text);
  ParsedQuery parsed;
  parsed.text = std::string(text);
  parsed.stemmer = StemmerLanguage("en");
  ParseContext context;
  context.gazetteer = &gazetteer;
  context.db = &db.xapian();
  context.now_unix = now_unix;

  Xapian::QueryParser parser;
  SetUpParser(parser, context, parsed.stemmer);
  // FLAG_AUTO_SYNONYMS: a stem is the words that share it (src/db/stem_table.h).
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT | kStems;
  const Xapian::Stem stem(parsed.stemmer);
  // Everything that reads the index (wildcards, spelling, entity ids) runs
  // inside Read(), which reopens and retries if a writer moved on.
  Xapian::Query words, filter;
  std::string suggestion;
  const std::optional<std::string> negated = AllNegatedAsNot(text);
  const std::string rewritten = RewriteExactWords(negated ? *negated : text);
  db.Read([&](Xapian::Database& xdb) {
    context.error.clear();
    // A retry must not reuse the previous attempt's temporary stems.
    parser.set_database(xdb);
    std::optional<internal::RemoteStems> remote_stems;
    try {
      words = parser.parse_query(rewritten, flags);
      if (db.has_remote() && (remote_stems = internal::RemoteStems::Find(words, xdb, stem))) {
        parser.set_database(remote_stems->database());
        words = parser.parse_query(rewritten, flags);
      }
    } catch (const Xapian::QueryParserError& e) {
      throw Error(ErrorKind::kBadQuery,
                  OneLine("cannot parse query '" + std::string(text) + "': " + e.get_msg()));
    }
    filter = FilterQuery(filters, context);
    // A word the query excludes needs no better spelling (and the corrected
    // string would read `NOT word`).
    if (suggest == Suggest::kYes && !negated && context.error.empty() &&
        HasRareWord(words, parser, stem, xdb)) {
      // Xapian builds the corrected string, in a second parse, which the
      // speller held in memory can show to be pointless.
      const internal::SpellingIndex* speller = db.spelling_index();
      if (!speller || MaySuggest(words, parser, *speller, stem, xdb)) {
        // Only the corrected string is read: the stems' words are not needed.
        parser.parse_query(rewritten,
                           (flags & ~kStems) | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
        const std::string corrected = UndoExactWords(parser.get_corrected_query_string());
        if (!corrected.empty() && WorthSuggesting(std::string(text), corrected, stem, xdb))
          suggestion = corrected;
      }
    }
    // A query Xapian's parser cannot read (`summit (-leader)`, `-a OR -b`,
    // `putin NEAR "trade talks"`) is parsed again without any operator, and
    // silently: the result is then exactly that plain parse. Say so rather
    // than answer a query the user did not write.
    if (context.error.empty() && HasOperatorSyntax(rewritten) &&
        parser.parse_query(rewritten, 0).get_description() == words.get_description())
      throw Error(ErrorKind::kBadQuery,
                  OneLine("cannot parse query '" + std::string(text) +
                          "': Xapian's parser reads it only as plain words (NEAR takes plain "
                          "words; '-' parts alone in brackets or beside OR need NOT)"));
    // That plain parse also drops FLAG_AUTO_SYNONYMS, which leaves a stem
    // without its words, matching nothing (`summits )`): parse the plain
    // words again with them.
    if (context.error.empty() && HasBareStem(words) &&
        parser.parse_query(rewritten, 0).get_description() == words.get_description())
      words = parser.parse_query(rewritten, kStems);
    return 0;
  });
  if (!context.error.empty()) throw Error(ErrorKind::kBadQuery, OneLine("bad query: " + context.error));

  parsed.has_words = !words.empty() && HasWords(words);
  if (words.empty()) {
    parsed.query = filter.empty() ? Xapian::Query::MatchAll : filter;
  } else {
    parsed.query = filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
  }
  parsed.suggestion = suggestion;
  parsed.labels = std::move(context.labels);
  return parsed;
}

std::int64_t QueryNow() {
  if (const char* env = std::getenv("GAZETTE_NOW"); env && *env) {
    const auto now = internal::ParseNow(env);
    if (!now) throw Error(ErrorKind::kUsage, std::string("GAZETTE_NOW='") + env +
                                                 "' is not seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    return *now;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace gazette
